import FahrplanCore
import Fluent
import Foundation

/// Loads Musterstadt's prioritization in the demo's transaction: the default catalog, the closed 2026 round
/// with ratings, official ranking, an override, a scenario and decisions, and the 2027 round in progress.
/// It goes through the same services as the UI, acting as the strategy team's lead.
struct DemoPrioritizationLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar

    func load(_ content: DemoMunicipality) async throws {
        let municipalityID = try municipality.requireID()
        guard let leadEmail = content.users.first(where: { $0.role == .strategyTeam })?.email,
              let leadID = userIDs[leadEmail], let lead = try await User.find(leadID, on: db) else { return }
        let context = MunicipalityContext(municipality: municipality, municipalityID: municipalityID, user: CurrentUser(lead),
                                          role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false),
                                          calendar: calendar)
        try await CriteriaCatalogService(db: db, context: context).loadDefaults(english: false)

        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).all()
        let projectByCode = Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let demoByCode = Dictionary(content.projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let rounds = RoundService(db: db, context: context)
        let decisions = DecisionService(db: db, context: context)
        var closedRound: PrioritizationRound?
        for demo in DemoMunicipality.musterstadtRounds {
            let inScope = projects.filter { demo.statuses.contains($0.projectStatus) && $0.archivedAt == nil }.sorted { $0.code < $1.code }
            let round = try await rounds.create(RoundInput(
                title: demo.title, description: demo.description, aggregation: Aggregation.mean.rawValue, topN: "\(demo.topN)",
                projectIDs: inScope.compactMap { $0.id?.uuidString }, raterIDs: demo.raterEmails.compactMap { userIDs[$0]?.uuidString }))
            try await rounds.open(round)
            try await rate(round, demo, inScope, demoByCode, lead: context)
            guard demo.stage == .closed else {
                try await compare(round)
                continue
            }
            closedRound = round
            _ = try await decisions.close(round, policy: .rankWithAvailable, DecisionInput(
                decidedBy: "Verwaltungsvorstand", decidedOn: nil,
                rationale: "Reihung nach dem Kriterienkatalog 2026 übernommen; Grundlage für die Veranschlagung im Haushaltsentwurf."))
            let override = DemoMunicipality.musterstadtOverride
            if let project = projectByCode[override.projectCode] {
                try await decisions.overrideRank(round, projectID: project.id?.uuidString, decidedRank: "\(override.decidedRank)",
                                                 DecisionInput(decidedBy: override.decidedBy, decidedOn: nil, rationale: override.rationale))
            }
            let scenario = DemoMunicipality.musterstadtScenario
            let urgent = scenario.urgentProjectCodes.compactMap { projectByCode[$0]?.id?.uuidString }
            _ = try await ScenarioService(db: db, context: context).create(round, ScenarioInput(
                name: scenario.name, description: scenario.description,
                changes: ScenarioChanges(weights: scenario.weights, addedCriteria: [], urgentProjectIDs: urgent)))
        }
        for decision in DemoMunicipality.musterstadtDecisions {
            guard let project = projectByCode[decision.projectCode] else { continue }
            _ = try await decisions.decide(project, kind: decision.start ? .startProject : .deferProject,
                                           DecisionInput(decidedBy: decision.decidedBy, decidedOn: nil, rationale: decision.rationale),
                                           basisRoundID: decision.start ? closedRound?.id?.uuidString : nil)
        }
    }

    /// The demo's pairwise comparisons, so the AHP page shows a group result.
    private func compare(_ round: PrioritizationRound) async throws {
        let keys = try await RoundCriterion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$position).all().map(\.key)
        for participant in DemoMunicipality.musterstadtComparisons {
            guard let userID = userIDs[participant.email], let user = try await User.find(userID, on: db) else { continue }
            let role: MunicipalRole = participant.email.hasPrefix("strategie") ? .strategyTeam : .rater
            let context = MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                              role: role, permissions: Permissions(role: role, isInstallationAdmin: false), calendar: calendar)
            var inputs: [PairwiseInput] = []
            for (i, a) in keys.enumerated() {
                for b in keys[(i + 1)...] {
                    let value = DemoMunicipality.demoJudgment(a, b, emphasis: participant.emphasis)
                    inputs.append(PairwiseInput(a: a, b: b, value: value >= 1 ? "\(Int(value))" : "1/\(Int((1 / value).rounded()))"))
                }
            }
            try await PairwiseService(db: db, context: context).save(round, inputs)
        }
    }

    /// Every rater scores as the demo says; raters who have not submitted have done part of the projects.
    private func rate(_ round: PrioritizationRound, _ demo: DemoRound, _ projects: [Project], _ demoByCode: [String: DemoProject],
                      lead: MunicipalityContext) async throws {
        let criteria = try await RoundService(db: db, context: lead).criteria(of: round).filter { $0.criterion.source == .rating }
        for (raterIndex, email) in demo.raterEmails.enumerated() {
            guard let userID = userIDs[email], let user = try await User.find(userID, on: db) else { continue }
            let context = MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                              role: .rater, permissions: Permissions(role: .rater, isInstallationAdmin: false), calendar: calendar)
            let submitted = demo.submittedEmails.contains(email)
            let share = submitted ? projects.count : Int((Double(projects.count) * demo.partialShare).rounded())
            var inputs: [RatingInput] = []
            for project in projects.prefix(share) {
                guard let content = demoByCode[project.code] else { continue }
                for criterion in criteria {
                    let (score, justification) = DemoMunicipality.demoScore(content, criterion: criterion.key, raterIndex: raterIndex)
                    inputs.append(RatingInput(projectID: project.id!.uuidString, criterionKey: criterion.key, score: "\(score)", justification: justification))
                }
            }
            try await RatingService(db: db, context: context).save(round, inputs, submit: submitted)
        }
    }

}
