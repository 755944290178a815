@testable import FahrplanServer
import Foundation
import Testing
import Vapor

/// The portal's project list reads `?page` from the raw address (it is part of the remembered page's key); the
/// page must mean what Vapor's query decoder made of it before.
@Suite("Portal project list ?page")
struct PortalListPageTests {
    @Test("other parameters, percent-encoding, '+', duplicates (the last counts), invalid and out-of-range values")
    func page() async throws {
        try await withServer { server in
            let cases: [(String, Int)] = [
                ("", 1), ("?page=2", 2), ("?lang=en&page=3", 3), ("?page=3&lang=en", 3), ("?x=page%3D9&page=4", 4),
                ("?page=%32", 2), ("?%70age=5", 5), ("?page=2&page=7", 7), ("?page=7&page=x", 1), ("?page=x", 1),
                ("?page=", 1), ("?page", 1), ("?page=0", 1), ("?page=-3", 1), ("?page=20000", 10_000),
                ("?page=99999999999999999999", 1), ("?page=+2", 1), ("?page=%2B2", 2), ("?page=2.5", 1),
                ("?pages=4", 1), ("?apage=4", 1), ("?page=%zz", 1),
            ]
            for (query, expected) in cases {
                let request = Request(application: server.app, method: .GET, url: URI(string: "/p/musterstadt/projects" + query),
                                      on: server.app.eventLoopGroup.any())
                #expect(PortalPublicController.listPage(request) == expected, "\(query)")
                // What the query decoder made of it (the meaning before the raw read), where it can decode the query.
                let decoded = max(1, min(10_000, request.query[Int.self, at: "page"] ?? 1))
                if !query.contains("%zz") { #expect(decoded == expected, "decoder: \(query)") }
            }
        }
    }
}
