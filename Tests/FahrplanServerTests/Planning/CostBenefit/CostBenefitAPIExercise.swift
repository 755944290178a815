import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

/// The cost-benefit part of the OpenAPI conformance tests: every operation once with success (for
/// `everyOperationSucceeds`), and the bodies `badRequests` sends to the operation with a body.
enum CostBenefitAPIExercise {
    static let settings = "/api/v1/economic-settings"
    static let portfolio = "/api/v1/cost-benefit"
    static let project = "/api/v1/cost-benefit/projects/{project}"

    static var validBody: [String: Any] { ["staffHourlyRateCents": 6_500, "citizenHourlyRateCents": 2_500, "businessHourlyRateCents": 4_000,
                                           "interestBasisPoints": 300, "horizonYears": 5] }

    static func everyOperation(_ api: APIConformance, token: String, server: TestServer) async throws {
        let row = try await CostBenefitFixtures.project(on: server, title: "API-Wirtschaftlichkeit")
        try await api.call(.GET, settings, token: token, expect: .ok)
        try await api.call(.PUT, settings, token: token, json: validBody, expect: .ok)
        try await api.call(.GET, portfolio, token: token, expect: .ok)
        try await api.call(.GET, portfolio, query: "status=idea&sort=npv", token: token, expect: .ok)
        try await api.call(.GET, project, ["project": try row.requireID().uuidString], token: token, expect: .ok)
    }

    /// For `badRequests`: a body with a field of the wrong JSON type and the field's name; nil for other operations.
    static func badBodies(_ template: String) -> (wrongType: [String: Any], field: String, malformedID: [String: Any]?)? {
        guard template == settings else { return nil }
        var body = validBody
        body["interestBasisPoints"] = "2,5 %"
        return (body, "interestBasisPoints", nil)
    }
}
