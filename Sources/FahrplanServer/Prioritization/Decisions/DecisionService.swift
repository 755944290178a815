import FahrplanCore
import Fluent
import Foundation

/// The three fields of every form and JSON body that creates a decision record.
protocol DecisionFields {
    var decidedBy: String? { get }
    var decidedOn: String? { get }
    var rationale: String? { get }
}

extension DecisionFields {
    var input: DecisionInput { DecisionInput(decidedBy: decidedBy, decidedOn: decidedOn, rationale: rationale) }
}

/// Closing rounds, adopting scenarios, overriding ranks and deciding on projects: each writes its decision
/// record (Entscheidungsprotokoll) in the same transaction as the change it records.
struct DecisionService {
    var db: any Database
    var context: MunicipalityContext

    func decision(kind: DecisionKind, _ checked: DecisionValues, summary: String) -> Decision {
        let decision = Decision()
        decision.id = UUID()
        decision.$municipality.id = context.municipalityID
        decision.kind = kind.rawValue
        decision.decidedBy = checked.decidedBy
        decision.decidedOn = checked.decidedOn.description
        decision.rationale = checked.rationale
        decision.summary = String(summary.prefix(500))
        decision.recordedByID = context.user.id
        decision.recordedByName = context.user.displayName
        return decision
    }

    private func record(_ decision: Decision, on db: any Database) async throws {
        try await decision.create(on: db)
        try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .decide,
                                    entityType: "decision", entityID: decision.id, label: decision.summary)
    }

    /// Rating → closed: the computed ranking becomes the official one (version 1). Missing ratings need a
    /// policy (exclude the projects, or rank them with what is there); nothing is invented.
    func close(_ round: PrioritizationRound, policy: MissingRatingsPolicy?, _ input: DecisionInput) async throws -> RankingVersion {
        try context.require(context.permissions.canManagePrioritization)
        guard round.roundStatus == .rating else { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
        var check = Validator()
        let checked = input.validated(into: &check, today: context.calendar.today)
        try check.finish()
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        let ranking = try evaluation.ranking(policy: try evaluation.rankingInputs.closingPolicy(chosen: policy))
        guard let checked else { throw ValidationFailure([]) }
        let decision = decision(kind: .adoptRanking, checked, summary: "\(round.title): Reihung beschlossen (\(ranking.count) Projekte)")
        decision.$round.id = round.id
        round.status = RoundStatus.closed.rawValue
        round.closedAt = Date()
        round.closedByName = context.user.displayName
        round.missingPolicy = policy?.rawValue
        let ranked = ranking.compactMap { UUID(uuidString: $0.id) }
        let context = context
        let reason = "Reihung der Priorisierungsrunde „\(round.title)“ beschlossen"
        let version = try await storeVersion(round, ranking, evaluation: evaluation, changes: nil, scenario: nil, decision: decision) { db in
            try await round.save(on: db)
            // Along the workflow: a project added after opening is still "Eingereicht" and passes "In Bewertung".
            try await RoundWorkflow.advance(ranked, from: [.submitted], to: .inReview, reason: reason, context: context, on: db)
            try await RoundWorkflow.advance(ranked, from: [.inReview], to: .prioritized, reason: reason, context: context, on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .close,
                                        entityType: "round", entityID: round.id, label: round.title,
                                        changes: [FieldChange(field: "status", old: RoundStatus.rating.rawValue, new: RoundStatus.closed.rawValue)])
        }
        return version
    }

    /// A scenario's ranking becomes the official one (the next version of a closed round).
    func adopt(_ scenario: PrioritizationScenario, of round: PrioritizationRound, _ input: DecisionInput) async throws -> RankingVersion {
        try context.require(context.permissions.canManagePrioritization)
        guard round.roundStatus == .closed else { throw ValidationFailure([FieldProblem("status", .invalidChoice)]) }
        var check = Validator()
        let checked = input.validated(into: &check, today: context.calendar.today)
        try check.finish()
        guard let checked else { throw ValidationFailure([]) }
        let evaluation = try await RoundEvaluation.load(round, on: db, calendar: context.calendar)
        let ranking = try evaluation.ranking(changes: scenario.scenarioChanges)
        let decision = decision(kind: .adoptScenario, checked, summary: "\(round.title): Szenario „\(scenario.name)“ als Reihung übernommen")
        decision.$round.id = round.id
        decision.$scenario.id = scenario.id
        scenario.adoptedAt = Date()
        return try await storeVersion(round, ranking, evaluation: evaluation, changes: scenario.scenarioChanges, scenario: scenario, decision: decision) { db in
            try await scenario.save(on: db)
        }
    }

    private func storeVersion(_ round: PrioritizationRound, _ ranking: [RankedProject], evaluation: RoundEvaluation,
                              changes: ScenarioChanges?, scenario: PrioritizationScenario?, decision: Decision,
                              also: @escaping @Sendable (any Database) async throws -> Void) async throws -> RankingVersion {
        let roundID = try round.requireID()
        let municipalityID = context.municipalityID
        let weights = try evaluation.inputs(changes: changes).0
        let normalized = WeightedCriterion.shares(weights)
        let names: [String: String] = Dictionary(weights.map { ($0.criterion.key, $0.criterion.name) }, uniquingKeysWith: { a, _ in a })
        let version = RankingVersion()
        version.id = UUID()
        version.$municipality.id = municipalityID
        version.$round.id = roundID
        version.$scenario.id = scenario?.id
        version.weights = JSONText.encode(normalized)
        version.adoptedAt = Date()
        version.adoptedByName = context.user.displayName
        let codes = Dictionary(ranking.map { ($0.id, $0.code) }, uniquingKeysWith: { a, _ in a })
        let entries = ranking.enumerated().map { index, ranked in
            let entry = RankingEntry()
            entry.$municipality.id = municipalityID
            entry.$version.id = version.id!
            entry.$project.id = UUID(uuidString: ranked.id)!
            entry.computedRank = ranked.rank
            entry.total = ranked.total
            entry.tier = ranked.tier.rawValue
            entry.contributions = JSONText.encode(ranked.contributions)
            let next = index + 1 < ranking.count ? ranking[index + 1].code : ""
            entry.explanation = ranked.explanation?.text(english: false, names: names, nextCode: next, codes: codes) ?? ""
            return entry
        }
        decision.$version.id = version.id
        try await db.writeTransaction { db in
            let previous = try await RankingVersion.query(on: db).filter(\.$round.$id == roundID).sort(\.$version, .descending).first()
            version.version = (previous?.version ?? 0) + 1
            // Decided ranks stay in force in the next version: an override is revoked by a decision, never by
            // adopting a scenario. The adoption's record says which ones were carried over.
            if let previous {
                let decided = try await RankingEntry.query(on: db).filter(\.$version.$id == previous.requireID()).filter(\.$decidedRank != nil).all()
                let carried = DecidedRankCarryOver(
                    previous: Dictionary(decided.compactMap { old in old.decidedRank.map { (old.$project.id, $0) } }, uniquingKeysWith: { a, _ in a }),
                    rankedCodes: Dictionary(entries.map { ($0.$project.id, codes[$0.$project.id.uuidString] ?? "?") }, uniquingKeysWith: { a, _ in a }))
                for entry in entries { if let rank = carried.decidedRanks[entry.$project.id] { entry.decidedRank = rank } }
                decision.summary = carried.summary(decision.summary)
            }
            try await version.create(on: db)
            try await BulkInsert.insert(entries, on: db)
            try await also(db)
            try await record(decision, on: db)
        }
        return version
    }

    /// The latest official ranking of a round, if it is closed.
    func officialVersion(_ round: PrioritizationRound) async throws -> RankingVersion? {
        try await RankingVersion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$version, .descending).first()
    }

    /// Sets a project's decided position in the official ranking; the computed one stays visible.
    func overrideRank(_ round: PrioritizationRound, projectID: String?, decidedRank: String?, _ input: DecisionInput) async throws {
        try context.require(context.permissions.canManagePrioritization)
        guard let version = try await officialVersion(round) else { throw ValidationFailure([FieldProblem("status", .invalidChoice)]) }
        let entries = try await RankingEntry.query(on: db).filter(\.$version.$id == version.requireID()).all()
        var check = Validator()
        let entry = projectID.flatMap(UUID.init(uuidString:)).flatMap { id in entries.first { $0.$project.id == id } }
        if entry == nil { check.add("projectID", .unknownReference) }
        let rank = check.integer("decidedRank", decidedRank, required: true, range: 1...max(1, entries.count))
        let checked = input.validated(into: &check, today: context.calendar.today)
        try check.finish()
        guard let entry, let rank, let checked else { return }
        let project = try await Project.query(on: db).filter(\.$id == entry.$project.id).first()
        let decision = decision(kind: .overrideRank, checked,
                                summary: "\(project?.label ?? ""): Rang \(rank) statt \(entry.computedRank) (\(round.title))")
        decision.$round.id = round.id
        decision.$project.id = entry.$project.id
        decision.$version.id = version.id
        decision.computedRank = entry.computedRank
        decision.decidedRank = rank
        entry.decidedRank = rank
        try await db.writeTransaction { db in
            try await entry.save(on: db)
            try await record(decision, on: db)
        }
    }

    /// Starting or deferring a project: the status moves (Beschlossen / Zurückgestellt) with the decision.
    /// `basisRoundID`: the round whose ranking the decision rests on (optional; the log names it).
    func decide(_ project: Project, kind: DecisionKind, _ input: DecisionInput, basisRoundID: String? = nil) async throws -> Decision {
        try context.require(context.permissions.canManagePrioritization)
        guard DecisionKind.manual.contains(kind), let target = kind.resultingStatus else {
            throw ValidationFailure([FieldProblem("kind", .invalidChoice)])
        }
        var check = Validator()
        let checked = input.validated(into: &check, today: context.calendar.today)
        var basis: PrioritizationRound?
        if let raw = basisRoundID?.nonBlank {
            basis = try? await RoundService(db: db, context: context).round(raw)
            if basis == nil { check.add("roundID", .unknownReference) }
        }
        try check.finish()
        guard let checked else { throw ValidationFailure([]) }
        let decision = decision(kind: kind, checked, summary: "\(project.label): \(kind == .startProject ? "Start beschlossen" : "zurückgestellt")")
        decision.$project.id = project.id
        decision.$round.id = basis?.id
        let service = PortfolioService(db: db, context: context)
        if project.projectStatus == target {
            try await db.writeTransaction { db in try await record(decision, on: db) }
        } else {
            try await service.transition(project, to: target, reason: checked.rationale) { db in
                try await record(decision, on: db)
            }
        }
        return decision
    }
}

/// Small JSON texts stored in a column (weights, contributions), with sorted keys so equal values are equal text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
