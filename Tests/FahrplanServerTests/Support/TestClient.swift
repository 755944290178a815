import AsyncHTTPClient
@testable import FahrplanServer
import Foundation
import NIOCore
import NIOHTTP1

/// An HTTP response as a test sees it.
struct TestResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: String

    var location: String? { headers.first(name: "Location") }

    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body.utf8)) }
    func jsonObject() throws -> [String: Any] { (try json() as? [String: Any]) ?? [:] }
}

/// A browser-like client: keeps cookies, remembers the CSRF token of the last page, does not follow redirects.
final class TestClient: @unchecked Sendable {
    let server: TestServer
    private(set) var cookies: [String: String] = [:]
    private(set) var csrf: String?
    /// The edit version (`name="version"`) of the last page, posted back like a browser posts the hidden field.
    private(set) var formVersion: String?
    var extraHeaders: HTTPHeaders = [:]

    init(server: TestServer) { self.server = server }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form; adds the CSRF token of the last page unless `csrf` is given ("" sends none), and the
    /// edit version of the last page unless the fields name one.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)], csrf explicit: String? = nil) async throws -> TestResponse {
        var pairs = fields
        if let formVersion, !fields.contains(where: { $0.0 == "version" }) { pairs.append(("version", formVersion)) }
        let token = explicit ?? csrf
        if let token, !token.isEmpty { pairs.append(("_csrf", token)) }
        let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        headers.add(contentsOf: extraHeaders)
        return try await send(.POST, path, headers: headers, body: Data(body.utf8))
    }

    /// Posts raw bytes as a form body (to try broken encodings).
    @discardableResult
    func postRaw(_ path: String, body: Data, contentType: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
        try await send(.POST, path, headers: ["Content-Type": contentType], body: body)
    }

    /// Logs in through the login form and, for an account with a second factor, the code step with a code
    /// from its secret. An account that must have a second factor is enrolled first (`MFATestSupport`),
    /// unless `enrollIfRequired` is false.
    @discardableResult
    func login(_ email: String, password: String = TestServer.demoPassword, enrollIfRequired: Bool = true) async throws -> TestResponse {
        if enrollIfRequired { try await MFATestSupport.enrollIfRequired(email, on: server) }
        try await get("/login")
        var response = try await post("/login", [("email", email), ("password", password)])
        if response.status == .seeOther, response.location == MFALoginController.path {
            try await get(MFALoginController.path)
            response = try await post(MFALoginController.path, [("code", try await MFATestSupport.freshCode(for: email, on: server))])
        }
        if response.status == .seeOther { try await get(response.location ?? "/") }
        return response
    }

    /// A JSON API call with a bearer token.
    @discardableResult
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: Any? = nil, rawBody: Data? = nil) async throws -> TestResponse {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        var body = rawBody
        if let json { body = try JSONSerialization.data(withJSONObject: json) }
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        return try await send(method, path, headers: headers, body: body, useCookies: false)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: Data?, useCookies: Bool = true) async throws -> TestResponse {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        request.headers = headers
        if useCookies, !cookies.isEmpty {
            request.headers.replaceOrAdd(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        // No deadline: on a machine busy with other builds a large upload can take longer than any fixed limit;
        // the CI job has its own time limit.
        let response = try await server.http.execute(request, deadline: .distantFuture)
        let buffer = try await response.body.collect(upTo: 20 * 1024 * 1024)
        let text = String(buffer: buffer)
        if useCookies {
            for header in response.headers[canonicalForm: "Set-Cookie"] {
                let pair = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
                // "fp_session=; Expires=…" clears a cookie: keep the empty value so that it is removed.
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { continue }
                if parts[1].isEmpty || header.lowercased().contains("max-age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
            }
            if let token = Self.csrfToken(in: text) { csrf = token }
            if !text.isEmpty { formVersion = Self.hiddenValue("version", in: text) }
        }
        return TestResponse(status: response.status, headers: response.headers, body: text)
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

extension String {
    /// The first UUID that follows `prefix` in a page, e.g. the id in `href="/m/musterstadt/goals/…"`.
    func firstID(after prefix: String) -> String? {
        guard let range = range(of: prefix) else { return nil }
        let candidate = self[range.upperBound...].prefix(36)
        return UUID(uuidString: String(candidate)) != nil ? String(candidate) : nil
    }
}
