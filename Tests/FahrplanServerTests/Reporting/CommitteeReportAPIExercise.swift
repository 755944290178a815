import FahrplanCore
@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing

/// The committee report's part of the OpenAPI conformance test: the JSON answer held against openapi.json, with
/// and without a period, and a bad period's 422. (The DOCX answer is not JSON; CommitteeReportTests checks it.)
enum CommitteeReportAPIExercise {
    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        try await api.call(.GET, "/api/v1/reports/committee", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/reports/committee", query: "from=2025-01-01&to=2026-12-31&format=json", token: token, expect: .ok)
        try await api.call(.GET, "/api/v1/reports/committee", query: "from=2026-12-31&to=2025-01-01", token: token, expect: .unprocessableEntity)
    }
}

@Suite("Committee report API: the conformance exercise on its own")
struct CommitteeReportAPIExerciseTests {
    @Test("the committee report answers as documented, on the demo and on monitoring data")
    func exercise() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            try await CommitteeReportAPIExercise.everyOperation(api, token: team, server: server)
            let fixture = try await CommitteeReportFixture.make(server)
            try await api.call(.GET, "/api/v1/reports/committee", query: CommitteeReportFixture.period, token: fixture.reader, expect: .ok)
            #expect(api.succeeded.contains("GET /api/v1/reports/committee"))
        }
    }
}
