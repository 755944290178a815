import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A small round built through the services, as the result pages need it: the default catalog, three rating
/// criteria (citizen benefit 50, staff relief 30, urgency 20 points), three new projects, two raters.
///
/// Scores (both raters unless said): A 4/3/2, B 2/2/4, C citizen benefit 0 and 4 (disputed) / 1 / 1. Means:
/// A 82.5 points, B 60, C 37.5 — so the order is A, B, C.
struct ResultsRound {
    var roundID: UUID
    var projects: [UUID]
    var codes: [String]
    var team: MunicipalityContext
    var raters: [MunicipalityContext]

    static let title = "Priorisierung Testlauf"
    static let weights = ["citizenBenefit": "50", "staffRelief": "30", "urgency": "20"]
    /// project index → criterion key → (rater 1, rater 2)
    static let scores: [[String: (Int, Int)]] = [
        ["citizenBenefit": (4, 4), "staffRelief": (3, 3), "urgency": (2, 2)],
        ["citizenBenefit": (2, 2), "staffRelief": (2, 2), "urgency": (4, 4)],
        ["citizenBenefit": (0, 4), "staffRelief": (1, 1), "urgency": (1, 1)],
    ]

    var path: String { "/m/musterstadt/prioritization/rounds/\(roundID)" }

    /// The round open for rating; `submit`: which raters hand in (index 0 = `Fixtures.rater`, 1 = the department lead).
    static func open(on server: TestServer, submit: [Int] = [0, 1]) async throws -> ResultsRound {
        let municipality = try await Fixtures.musterstadt(on: server)
        let team = try await context(municipality, Fixtures.strategyTeam, role: .strategyTeam, on: server)
        let raters = [try await context(municipality, Fixtures.rater, role: .rater, on: server),
                      try await context(municipality, Fixtures.departmentLead, role: .departmentLead, on: server)]
        let catalog = CriteriaCatalogService(db: server.db, context: team)
        if try await catalog.criteria().isEmpty { _ = try await catalog.loadDefaults(english: false) }
        let chosen = try await catalog.criteria().filter { weights.keys.contains($0.key) }.compactMap { $0.id?.uuidString }
        #expect(chosen.count == 3)

        let department = try await PortfolioFixtures.department("33", on: server).requireID()
        let portfolio = PortfolioService(db: server.db, context: team)
        var projects: [UUID] = []
        var codes: [String] = []
        for title in ["Online-Terminbuchung Bürgeramt", "E-Akte Sozialamt", "Digitale Parkausweise"] {
            let project = try await portfolio.create(ProjectInput(title: title, departmentID: department.uuidString))
            projects.append(try project.requireID())
            codes.append(project.code)
        }
        let rounds = RoundService(db: server.db, context: team)
        let round = try await rounds.create(RoundInput(title: title, topN: "2", criterionIDs: chosen,
                                                       projectIDs: projects.map(\.uuidString),
                                                       raterIDs: raters.map(\.user.id.uuidString)))
        try await rounds.setWeights(round, weights)
        try await rounds.open(round)
        for (index, rater) in raters.enumerated() {
            var inputs: [RatingInput] = []
            for (projectIndex, project) in projects.enumerated() {
                for (key, pair) in scores[projectIndex] {
                    let score = index == 0 ? pair.0 : pair.1
                    inputs.append(RatingInput(projectID: project.uuidString, criterionKey: key, score: String(score),
                                              justification: "Begründung \(index + 1) zu \(key) für \(codes[projectIndex])"))
                }
            }
            let fresh = try await rounds.round(round.id?.uuidString)
            try await RatingService(db: server.db, context: rater).save(fresh, inputs, submit: submit.contains(index))
        }
        return ResultsRound(roundID: try round.requireID(), projects: projects, codes: codes, team: team, raters: raters)
    }

    /// The same round, closed by the team: official ranking version 1.
    static func closed(on server: TestServer) async throws -> ResultsRound {
        let round = try await open(on: server)
        try await round.close(on: server)
        return round
    }

    func close(on server: TestServer) async throws {
        let stored = try await RoundService(db: server.db, context: team).round(roundID.uuidString)
        _ = try await DecisionService(db: server.db, context: team).close(
            stored, policy: nil, DecisionInput(decidedBy: "Verwaltungsvorstand", decidedOn: "2026-03-02", rationale: "Reihung wie berechnet."))
    }

    static func context(_ municipality: Municipality, _ email: String, role: MunicipalRole, on server: TestServer) async throws -> MunicipalityContext {
        let found = try await User.query(on: server.db).filter(\.$email == email).first()
        let user = try #require(found)
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: role, permissions: Permissions(role: role, isInstallationAdmin: false))
    }

    static func decisions(on server: TestServer) async throws -> [Decision] {
        try await Decision.query(on: server.db).sort(\.$createdAt).all()
    }
}

extension String {
    /// How often `needle` occurs.
    func resultsCount(of needle: String) -> Int { components(separatedBy: needle).count - 1 }

    /// The position of `needle`, to check the order of things on a page.
    func resultsOffset(of needle: String) -> Int? { range(of: needle).map { distance(from: startIndex, to: $0.lowerBound) } }

    /// The page without markup and with collapsed spaces, for checking sentences.
    var resultsText: String {
        replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }
}
