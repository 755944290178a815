@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing

/// The API keeps to its document where schemathesis (scripts/api-contract.sh) found it did not: undeclared
/// methods on known paths, and query values outside the documented types and bounds.
@Suite("API contract: 405 with Allow, query values as documented")
struct APIContractTests {
    @Test("a known API path with an undeclared method answers 405 problem+json with the registered methods in Allow")
    func methodNotAllowed() async throws {
        try await withServer { server in
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let client = server.client()
            let cases: [(HTTPMethod, String, String)] = [
                (.DELETE, "/api/v1/goals", "GET, HEAD, POST"),
                (.PUT, "/api/v1/projects/\(UUID().uuidString)", "GET, HEAD, PATCH"),
                (.TRACE, "/api/v1/me", "GET, HEAD"),
                (.POST, "/api/v1/audit-events", "GET, HEAD"),
                (.OPTIONS, "/api/v1/calls", "GET, HEAD, POST"),
            ]
            for (method, path, allow) in cases {
                let response = try await client.api(method, path, token: token)
                #expect(response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
                #expect(response.headers.first(name: "Allow") == allow, "\(method) \(path)")
                #expect(response.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
                #expect(try response.value()["status"] == .number(405))
            }
            // Without a token too: the method is wrong whoever asks.
            #expect(try await client.api(.DELETE, "/api/v1/goals", token: nil).status == .methodNotAllowed)
            // Unknown paths, unknown ids and web pages keep their 404.
            #expect(try await client.api(.DELETE, "/api/v1/no-such-thing", token: token).status == .notFound)
            #expect(try await client.api(.GET, "/api/v1/goals/\(UUID().uuidString)", token: token).status == .notFound)
            #expect(try await client.send(.DELETE, "/login", headers: [:], body: nil).status == .notFound)
        }
    }

    @Test("the methods of a path come from the registered routes: parameters match one segment, HEAD comes with GET")
    func allowedMethodsFromRoutes() {
        #expect(MethodNotAllowedMiddleware.matches(["api", "v1", "goals", ":element"], ["api", "v1", "goals", "x"]))
        #expect(!MethodNotAllowedMiddleware.matches(["api", "v1", "goals", ":element"], ["api", "v1", "goals"]))
        #expect(!MethodNotAllowedMiddleware.matches(["api", "v1", "goals"], ["api", "v1", "goals", "x"]))
        #expect(MethodNotAllowedMiddleware.matches(["api", "**"], ["api", "v1", "x"]))
    }
}
