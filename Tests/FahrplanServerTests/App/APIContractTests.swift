@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing
import Vapor

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
                // A constant segment wins over another route's parameter, as in the router: not the 404 of
                // `PATCH /projects/:project` for a project called "assign".
                (.PATCH, "/api/v1/projects/assign", "POST"),
                (.PATCH, "/api/v1/projects/duplicates", "GET, HEAD"),
                (.DELETE, "/api/v1/criteria/defaults", "POST"),
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

    @Test("query values outside the documented type or range are refused with 422 naming the parameter")
    func queryValuesAsDocumented() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let refused: [(String, String, String)] = [
                ("/api/v1/audit-events", "limit=1001", "limit"),
                ("/api/v1/audit-events", "limit=0", "limit"),
                ("/api/v1/audit-events", "limit=", "limit"),
                ("/api/v1/audit-events", "limit=1.5", "limit"),
                ("/api/v1/audit-events", "entityId=", "entityId"),
                ("/api/v1/goals", "includeArchived=-1.2e306", "includeArchived"),
                ("/api/v1/goals", "includeArchived=1", "includeArchived"),
                ("/api/v1/departments", "includeArchived=", "includeArchived"),
                ("/api/v1/calls", "includeArchived=null&includeArchived=null", "includeArchived"),
                ("/api/v1/criteria", "includeArchived=TRUE", "includeArchived"),
                ("/api/v1/decisions", "round=", "round"),
                ("/api/v1/decisions", "round=kein-uuid", "round"),
                ("/api/v1/decisions", "kind=", "kind"),
                ("/api/v1/decisions", "from=", "from"),
                ("/api/v1/decisions/export", "format=", "format"),
                ("/api/v1/projects", "pageSize=501", "pageSize"),
                ("/api/v1/projects", "page=0", "page"),
                ("/api/v1/projects", "status=", "status"),
                ("/api/v1/projects", "costMin=%C2%B0", "costMin"),
                ("/api/v1/projects", "costMin=12,345", "costMin"),
                ("/api/v1/projects/duplicates", "limit=1001", "limit"),
                ("/api/v1/projects/export", "format=", "format"),
            ]
            for (path, query, field) in refused {
                let response = try await api.call(.GET, path, query: query, token: token, expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(response) == [field], "\(path)?\(query)")
            }
            let accepted: [(String, String)] = [
                ("/api/v1/audit-events", "limit=1000"),
                ("/api/v1/goals", "includeArchived=true"),
                ("/api/v1/departments", "includeArchived=false"),
                ("/api/v1/decisions", "from=2026-01-01&to=31.12.2026"),
                ("/api/v1/projects", "pageSize=500&page=1000000&costMin=12.500,50&costMax=99999999.99&q="),
                ("/api/v1/projects/duplicates", "limit=1000"),
            ]
            for (path, query) in accepted {
                try await api.call(.GET, path, query: query, token: token, expect: .ok)
            }
        }
    }

    @Test("PUT comparisons/mine without the required list is refused (422) instead of clearing the judgments")
    func comparisonsRequired() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let token = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let rounds = try await api.call(.GET, "/api/v1/rounds", token: token, expect: .ok).value()["items"]?.array ?? []
            var tried = 0
            for id in rounds.compactMap({ $0["id"]?.string }) {
                let path = "/api/v1/rounds/\(id)/comparisons/mine"
                guard try await api.client.api(.GET, path, token: token).status == .ok else { continue }
                let refused = try await api.call(.PUT, "/api/v1/rounds/{round}/comparisons/mine", ["round": id], token: token, json: [String: Any](),
                                                 expect: .unprocessableEntity)
                #expect(try OpenAPIConformanceTests.fields(refused) == ["comparisons"])
                tried += 1
            }
            #expect(tried > 0, "no demo round takes comparisons from the strategy team")
        }
    }

    static let responder = BasicResponder { request in request.eventLoop.makeSucceededFuture(Response(status: .ok)) }

    @Test("the methods of a path come from the registered routes: parameters match one segment, HEAD comes with GET")
    func allowedMethodsFromRoutes() {
        #expect(MethodNotAllowedMiddleware.matches(["api", "v1", "goals", ":element"], ["api", "v1", "goals", "x"]))
        #expect(!MethodNotAllowedMiddleware.matches(["api", "v1", "goals", ":element"], ["api", "v1", "goals"]))
        #expect(!MethodNotAllowedMiddleware.matches(["api", "v1", "goals"], ["api", "v1", "goals", "x"]))
        #expect(MethodNotAllowedMiddleware.matches(["api", "**"], ["api", "v1", "x"]))
        let routes = [Route(method: .GET, path: ["p", ":id"], responder: Self.responder, requestType: Request.self, responseType: Response.self),
                      Route(method: .PATCH, path: ["p", ":id"], responder: Self.responder, requestType: Request.self, responseType: Response.self),
                      Route(method: .POST, path: ["p", "assign"], responder: Self.responder, requestType: Request.self, responseType: Response.self)]
        #expect(MethodNotAllowedMiddleware.allowedMethods(for: ["p", "assign"], in: routes) == ["POST"])
        #expect(MethodNotAllowedMiddleware.allowedMethods(for: ["p", "x"], in: routes) == ["GET", "HEAD", "PATCH"])
    }
}
