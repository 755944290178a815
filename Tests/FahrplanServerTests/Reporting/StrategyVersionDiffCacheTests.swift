@testable import FahrplanServer
import Foundation
import Testing

/// Versions never change, so their diff is computed once per pair of ids and then reused — by the API and the page
/// alike; a pair that is not the asking municipality's is refused before the cache is consulted.
@Suite("Strategy versions: a diff is computed once per pair")
struct StrategyVersionDiffCacheTests {
    @Test("the second comparison of the same pair reuses the diff and answers the same; unknown ids are still refused")
    func reused() async throws {
        try await withServer { server in
            let s = try await StrategyVersionTests.setUp(server)
            let first = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team,
                                             json: ["name": "Stand März", "adoptedOn": "2026-03-01"], expect: .created)
            let second = try await s.api.call(.POST, "/api/v1/strategy-versions", token: s.team,
                                              json: ["name": "Stand April", "adoptedOn": "2026-04-01"], expect: .created)
            let from = try #require(try first.value()["id"]?.string), to = try #require(try second.value()["id"]?.string)
            let cache = server.app.strategyVersionDiffs
            let before = cache.statistics
            let query = "from=\(from)&to=\(to)"
            let one = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: query, token: s.team, expect: .ok)
            let two = try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: query, token: s.reader, expect: .ok)
            #expect(try one.value() == (try two.value()))
            let browser = server.client()
            try await browser.login(Fixtures.reader)
            #expect(try await browser.get("/m/musterstadt/versions/diff?" + query).status == .ok)
            let after = cache.statistics
            #expect(after.misses - before.misses == 1, "computed more than once")
            #expect(after.hits - before.hits == 2)
            try await s.api.call(.GET, "/api/v1/strategy-versions/diff", query: "from=\(from)&to=\(UUID().uuidString)", token: s.team,
                                 expect: .unprocessableEntity)
        }
    }
}
