import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1
import Testing

@Suite("Cost-benefit API: economic settings and the figures, as documented")
struct CostBenefitAPITests {
    typealias Exercise = CostBenefitAPIExercise

    @Test("settings: defaults, a replacement, values out of range named (nothing stored), text 400, readers 403")
    func settings() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let team = try await Fixtures.token(for: Fixtures.strategyTeam, on: server)
            let defaults = try await api.call(.GET, Exercise.settings, token: team, expect: .ok)
            #expect(try defaults.value()["staffHourlyRateCents"] == .number(6_000))
            #expect(try defaults.value()["interestBasisPoints"] == .number(250))

            let saved = try await api.call(.PUT, Exercise.settings, token: team, json: Exercise.validBody, expect: .ok)
            #expect(try saved.value()["staffHourlyRateCents"] == .number(6_500))

            var bad = Exercise.validBody
            bad["staffHourlyRateCents"] = -100
            bad["interestBasisPoints"] = 20_000
            bad["horizonYears"] = 0
            let refused = try await api.call(.PUT, Exercise.settings, token: team, json: bad, expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(refused) == ["staffHourlyRateCents", "interestBasisPoints", "horizonYears"])
            var text = Exercise.validBody
            text["staffHourlyRateCents"] = "sechzig"
            let wrongType = try await api.call(.PUT, Exercise.settings, token: team, json: text, expect: .badRequest)
            #expect(wrongType.body.contains("staffHourlyRateCents"))
            var missing = Exercise.validBody
            missing["horizonYears"] = nil
            try await api.call(.PUT, Exercise.settings, token: team, json: missing, expect: .badRequest)

            for email in [Fixtures.reader, Fixtures.departmentLead] {
                let token = try await Fixtures.token(for: email, on: server)
                try await api.call(.GET, Exercise.settings, token: token, expect: .ok)
                try await api.call(.PUT, Exercise.settings, token: token, json: Exercise.validBody, expect: .forbidden)
            }
            let after = try await api.call(.GET, Exercise.settings, token: team, expect: .ok)
            #expect(try after.value()["staffHourlyRateCents"] == .number(6_500))
            #expect(try after.value()["horizonYears"] == .number(5))
        }
    }

    @Test("figures: a project's and the portfolio's, filtered and sorted; another municipality's project is 404")
    func figures() async throws {
        try await withServer { server in
            let api = try await APIConformance(server: server)
            let reader = try await Fixtures.token(for: Fixtures.reader, on: server)
            let row = try await CostBenefitFixtures.project(on: server)
            let first = CostBenefitFixtures.firstYear
            let single = try await api.call(.GET, Exercise.project, ["project": try row.requireID().uuidString], token: reader, expect: .ok)
            let figures = try #require(try single.value()["project"]?["figures"])
            #expect(figures["firstYear"] == .number(Double(first)))
            #expect(figures["totalCostCents"] == .number(5_000_000))
            #expect(figures["benefitCents"] == .number(4_800_000))
            #expect(figures["years"]?.array?.count == 5)
            #expect(figures["netPresentValueCents"]?.number != nil)

            let portfolio = try await api.call(.GET, Exercise.portfolio, query: "status=idea&sort=npv", token: reader, expect: .ok)
            let codes = try portfolio.value()["projects"]?.array?.compactMap { $0["code"]?.string } ?? []
            #expect(codes.contains(row.code))
            let completed = try await api.call(.GET, Exercise.portfolio, query: "status=completed", token: reader, expect: .ok)
            #expect(!(try completed.value()["projects"]?.array?.compactMap { $0["code"]?.string } ?? []).contains(row.code))
            let invalid = try await api.call(.GET, Exercise.portfolio, query: "status=fertig&sort=teuer", token: reader, expect: .unprocessableEntity)
            #expect(try OpenAPIConformanceTests.fields(invalid) == ["status", "sort"])

            let other = try await Fixtures.otherMunicipality(on: server)
            let otherContext = MunicipalityContext(municipality: other.municipality, municipalityID: try other.municipality.requireID(),
                                                   user: CurrentUser(try #require(try await User.find(other.userID, on: server.db))),
                                                   role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
            let foreign = try await PortfolioService(db: server.db, context: otherContext).create(ProjectInput(
                title: "Fremd \(Fixtures.OtherMunicipality.marker)", departmentID: other.departmentID.uuidString, hoursSavedPerYear: "10"))
            let hidden = try await api.call(.GET, Exercise.project, ["project": try foreign.requireID().uuidString], token: reader, expect: .notFound)
            #expect(!hidden.body.contains(Fixtures.OtherMunicipality.marker))
            let all = try await api.call(.GET, Exercise.portfolio, token: reader, expect: .ok)
            #expect(!all.body.contains(Fixtures.OtherMunicipality.marker))
        }
    }
}
