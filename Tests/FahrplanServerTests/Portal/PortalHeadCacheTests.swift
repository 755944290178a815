@testable import FahrplanServer
import Foundation
import Synchronization
import Testing

/// The portal's version is read at most once per `FAHRPLAN_PORTAL_REVALIDATE` seconds per municipality, on a
/// monotonic clock the test moves by hand; an unknown municipality is never remembered.
@Suite("Portal: how long a process keeps a municipality's version")
struct PortalHeadCacheTests {
    final class Clock: Sendable {
        let nanoseconds = Mutex<UInt64>(1_000)
        func advance(seconds: Double) { nanoseconds.withLock { $0 += UInt64(seconds * 1_000_000_000) } }
        func now() -> UInt64 { nanoseconds.withLock { $0 } }
    }

    final class Reads: Sendable {
        let count = Mutex(0)
        func read(_ head: PortalHead?) -> PortalHead? { count.withLock { $0 += 1 }; return head }
        var value: Int { count.withLock { $0 } }
    }

    @Test("remembered for the configured seconds, then read again; 0 reads every time; unknown never remembered")
    func revalidation() async throws {
        let clock = Clock()
        let cache = PortalCache(headSeconds: 1, now: { clock.now() })
        let reads = Reads()
        let first = PortalHead(municipalityID: UUID(), version: "v1")
        #expect(try await cache.head("musterstadt") { reads.read(first) }?.version == "v1")
        let second = PortalHead(municipalityID: first.municipalityID, version: "v2")
        clock.advance(seconds: 0.9)
        #expect(try await cache.head("musterstadt") { reads.read(second) }?.version == "v1")
        #expect(reads.value == 1)
        clock.advance(seconds: 0.2)
        #expect(try await cache.head("musterstadt") { reads.read(second) }?.version == "v2")
        #expect(reads.value == 2)

        for _ in 0..<3 { #expect(try await cache.head("gibt-es-nicht") { reads.read(nil) } == nil) }
        #expect(reads.value == 5)

        let always = PortalCache(headSeconds: 0, now: { clock.now() })
        for _ in 0..<3 { _ = try await always.head("musterstadt") { reads.read(first) } }
        #expect(reads.value == 8)
    }

    @Test("FAHRPLAN_PORTAL_REVALIDATE: default 1, whole seconds 0 to 300, anything else stops start-up naming the variable")
    func configuration() throws {
        let base = ["DATABASE_URL": "sqlite:///tmp/x.sqlite"]
        #expect(try AppConfiguration.fromEnvironment(base).portalRevalidateSeconds == 1)
        #expect(try AppConfiguration.fromEnvironment(base.merging(["FAHRPLAN_PORTAL_REVALIDATE": "0"]) { $1 }).portalRevalidateSeconds == 0)
        #expect(try AppConfiguration.fromEnvironment(base.merging(["FAHRPLAN_PORTAL_REVALIDATE": "300"]) { $1 }).portalRevalidateSeconds == 300)
        for bad in ["-1", "301", "1.5", "bald"] {
            #expect {
                try AppConfiguration.fromEnvironment(base.merging(["FAHRPLAN_PORTAL_REVALIDATE": bad]) { $1 })
            } throws: { String(describing: $0).contains("FAHRPLAN_PORTAL_REVALIDATE") }
        }
    }
}
