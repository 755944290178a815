import Foundation
import NIOCore

/// Who may read `/metrics` (`FAHRPLAN_METRICS_TOKEN`, `FAHRPLAN_METRICS_ADDRESS`; docs/operations.md). Neither set:
/// the endpoint answers 404 like any unknown path. Both set: a request needs both.
public struct MetricsAccess: Sendable, Equatable {
    /// The Bearer token a scraper must send; compared in constant time (MetricsController).
    public var token: String?
    /// Peer addresses that may scrape, in the form `SocketAddress.ipAddress` prints (IPv4-mapped IPv6 unwrapped).
    public var addresses: Set<String> = []

    public init(token: String? = nil, addresses: Set<String> = []) {
        self.token = token; self.addresses = addresses
    }

    public var isEnabled: Bool { token != nil || !addresses.isEmpty }

    static let tokenCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/=")

    /// The token is a secret: messages tell its length, never its text.
    public static func parse(_ environment: [String: String]) throws -> MetricsAccess {
        var access = MetricsAccess()
        if let raw = environment["FAHRPLAN_METRICS_TOKEN"], !raw.isEmpty {
            let allowed = raw.unicodeScalars.allSatisfy { tokenCharacters.contains($0) }
            guard raw.count >= 16, allowed else {
                throw AppConfiguration.Problem(description: "FAHRPLAN_METRICS_TOKEN must be at least 16 characters of letters, digits and -._~+/= "
                    + "(got \(raw.count) characters\(allowed ? "" : ", some of them others")), e.g. from openssl rand -hex 32")
            }
            access.token = raw
        }
        if let raw = environment["FAHRPLAN_METRICS_ADDRESS"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            for part in raw.split(separator: ",", omittingEmptySubsequences: false) {
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let address = try? SocketAddress(ipAddress: text, port: 0), let normalized = address.ipAddress else {
                    throw AppConfiguration.Problem(description: "FAHRPLAN_METRICS_ADDRESS must be IP addresses separated by commas, "
                        + "e.g. 127.0.0.1 or 127.0.0.1,::1 (got \(text.prefix(40)))")
                }
                access.addresses.insert(unmapped(normalized))
            }
        }
        return access
    }

    /// `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`.
    static func unmapped(_ address: String) -> String {
        address.lowercased().hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst(7)) : address
    }

    /// Whether a request from `peer` (the socket's remote address) with these headers passes the address rule.
    /// A request that came through a proxy (`Forwarded`, `X-Forwarded-For`) never does: behind a balancer on the
    /// same host every request's peer is the balancer, 127.0.0.1.
    func admits(peer: String?, forwarded: Bool) -> Bool {
        guard !addresses.isEmpty else { return true }
        guard !forwarded, let peer else { return false }
        return addresses.contains(Self.unmapped(peer))
    }
}
