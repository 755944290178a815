@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing

/// The OpenAPI document as the server serves it, and the checks a response must pass against it.
struct OpenAPIDocument: Sendable {
    let root: JSONValue
    var validator: SchemaValidator { SchemaValidator(root: root) }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Fetches `GET /api/v1/openapi.json` (without a token) and parses it.
    static func fetch(from server: TestServer) async throws -> OpenAPIDocument {
        let response = try await server.client().api(.GET, "/api/v1/openapi.json", token: nil)
        guard response.status == .ok else { throw ConformanceError("openapi.json answered \(response.status)") }
        return OpenAPIDocument(root: try JSONValue.parse(response.body))
    }

    /// Every documented operation as "METHOD /path/{param}".
    var operations: Set<String> {
        var result: Set<String> = []
        for (path, item) in root["paths"]?.object ?? [:] {
            for method in Self.methods where item[method] != nil { result.insert("\(method.uppercased()) \(path)") }
        }
        return result
    }

    func operation(_ method: HTTPMethod, _ template: String) -> JSONValue? {
        root["paths"]?[template]?[method.rawValue.lowercased()]
    }

    /// Follows a `$ref` (e.g. to `#/components/responses/NotFound`) if `node` is one.
    func dereferenced(_ node: JSONValue) -> JSONValue? {
        guard let reference = node["$ref"]?.string else { return node }
        return validator.resolve(reference).flatMap(dereferenced)
    }

    /// Everything wrong with `response` as an answer to `method template`: the status must be documented
    /// for the operation, the content type must be documented for that status, the body must match the
    /// schema, and documented required headers must be there.
    func problems(with response: TestResponse, _ method: HTTPMethod, _ template: String) -> [String] {
        let label = "\(method) \(template) → \(response.status.code)"
        guard let operation = operation(method, template) else { return ["\(label): operation not documented"] }
        guard let declared = operation["responses"]?[String(response.status.code)], let documented = dereferenced(declared) else {
            return ["\(label): status \(response.status.code) not documented"]
        }
        var problems: [String] = []
        for (name, header) in documented["headers"]?.object ?? [:] {
            if dereferenced(header)?["required"] == .bool(true), response.headers.first(name: name) == nil {
                problems.append("\(label): documented header \(name) missing")
            }
        }
        let contentType = (response.headers.first(name: "Content-Type") ?? "")
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let content = documented["content"]?.object, !content.isEmpty else {
            if !response.body.isEmpty { problems.append("\(label): body sent but no content documented") }
            return problems
        }
        guard let media = content[contentType] else {
            return problems + ["\(label): content type \"\(contentType)\" not documented (documented: \(content.keys.sorted().joined(separator: ", ")))"]
        }
        // A text rendering (text/html, text/plain, text/csv): its documented type is what can be checked.
        guard contentType.hasSuffix("json") else { return problems }
        let body: JSONValue
        do { body = try JSONValue.parse(response.body) } catch {
            return problems + ["\(label): body is not JSON: \(response.body.prefix(200))"]
        }
        guard let schema = media["schema"] else { return problems }
        problems += validator.validate(body, against: schema).map { "\(label): \($0)" }
        return problems
    }
}

struct ConformanceError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Calls the API like a client and checks every answer against the document: the expected status, and a
/// status, content type and body the document describes. Remembers which operations answered with which
/// status, so a test can insist that every documented operation was exercised.
final class APIConformance: @unchecked Sendable {
    let server: TestServer
    let document: OpenAPIDocument
    let client: TestClient
    private let lock = NSLock()
    private var seen: [String: Set<UInt>] = [:]

    init(server: TestServer) async throws {
        self.server = server
        self.client = server.client()
        self.document = try await OpenAPIDocument.fetch(from: server)
    }

    /// Fills `{name}` in `template` from `parameters`.
    static func path(_ template: String, _ parameters: [String: String]) -> String {
        var path = template
        for (name, value) in parameters { path = path.replacingOccurrences(of: "{\(name)}", with: value) }
        return path
    }

    @discardableResult
    func call(_ method: HTTPMethod, _ template: String, _ parameters: [String: String] = [:], query: String = "",
              token: String?, json: Any? = nil, rawBody: Data? = nil, headers extra: HTTPHeaders = [:],
              expect status: HTTPResponseStatus, sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestResponse {
        let path = Self.path(template, parameters) + (query.isEmpty ? "" : "?" + query)
        #expect(!path.contains("{"), "unfilled parameter in \(path)", sourceLocation: sourceLocation)
        let response: TestResponse
        if extra.isEmpty {
            response = try await client.api(method, path, token: token, json: json, rawBody: rawBody)
        } else {
            var headers: HTTPHeaders = ["Accept": "application/json"]
            if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
            headers.add(contentsOf: extra)
            let body = try json.map { try JSONSerialization.data(withJSONObject: $0) } ?? rawBody
            if body != nil, headers.first(name: "Content-Type") == nil { headers.add(name: "Content-Type", value: "application/json") }
            response = try await client.send(method, path, headers: headers, body: body, useCookies: false)
        }
        #expect(response.status == status, "\(method) \(path): \(response.body.prefix(500))", sourceLocation: sourceLocation)
        let problems = document.problems(with: response, method, template)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\nbody: \(response.body.prefix(1000))", sourceLocation: sourceLocation)
        lock.withLock { seen["\(method.rawValue) \(template)", default: []].insert(response.status.code) }
        return response
    }

    /// The operations that have answered with a 2xx status so far.
    var succeeded: Set<String> {
        lock.withLock { Set(seen.filter { $0.value.contains { (200..<300).contains($0) } }.keys) }
    }
}

extension TestResponse {
    func value() throws -> JSONValue { try JSONValue.parse(body) }
}

/// `withServer` for the API tests, after making sure the shared PostgreSQL admin connection exists.
///
/// `PostgresAdmin.run` (Support/TestServer.swift) creates its application lazily *inside* an actor method
/// that suspends (`await Application.make`), so tests that start at the same moment can each create one;
/// all but the last are then dropped without shutdown and Vapor's `ServeCommand` deinit assertion kills
/// the test process (signal 4). Creating it once, before any API test needs it, avoids the race here.
