import FahrplanCore
import Fluent
import Foundation

/// Sets up prioritization rounds and moves them through draft → rating → closed. Every change is written
/// with its audit event in one transaction; a closed round refuses every change.
struct RoundService {
    var db: any Database
    var context: MunicipalityContext

    func round(_ id: String?) async throws -> PrioritizationRound {
        try await context.find(PrioritizationRound.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func rounds() async throws -> [PrioritizationRound] {
        try await PrioritizationRound.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$createdAt, .descending).all()
    }

    func criteria(of round: PrioritizationRound) async throws -> [RoundCriterion] {
        try await Self.criteria(of: round, on: db)
    }

    static func criteria(of round: PrioritizationRound, on db: any Database) async throws -> [RoundCriterion] {
        try await RoundCriterion.query(on: db).filter(\.$round.$id == round.requireID()).sort(\.$position).sort(\.$key).all()
    }

    func raters(of round: PrioritizationRound) async throws -> [RoundRater] {
        try await RoundRater.query(on: db).filter(\.$round.$id == round.requireID()).with(\.$user).all()
            .sorted { $0.user.displayName.localizedCompare($1.user.displayName) == .orderedAscending }
    }

    func projectIDs(of round: PrioritizationRound) async throws -> [UUID] {
        try await RoundProject.query(on: db).filter(\.$round.$id == round.requireID()).field(\.$project.$id).rows()
            .map { try $0.schema(RoundProject.schema).decode("project_id", as: UUID.self) }
    }

    /// The members who may rate (everyone above a plain reader), for the raters' choice.
    func eligibleRaters() async throws -> [User] {
        let memberships = try await Membership.query(on: db).filter(\.$municipality.$id == context.municipalityID).with(\.$user).all()
        return memberships.filter { RaterEligibility.isEligible(role: MunicipalRole(rawValue: $0.role), disabled: $0.user.disabledAt != nil) }
            .map(\.user).sorted { $0.displayName.localizedCompare($1.displayName) == .orderedAscending }
    }

    // MARK: settings

    func create(_ input: RoundInput) async throws -> PrioritizationRound {
        try context.require(context.permissions.canManagePrioritization)
        let settings = try input.validated()
        let catalog = try await CriteriaCatalogService(db: db, context: context).criteria()
        let chosenCriteria = input.criterionIDs.isEmpty ? catalog : catalog.filter { input.criterionIDs.contains($0.id?.uuidString ?? "") }
        if input.criterionIDs.contains(where: { id in !catalog.contains { $0.id?.uuidString == id } }) {
            throw ValidationFailure([FieldProblem("criterionIDs", .unknownReference)])
        }
        if chosenCriteria.isEmpty { throw ValidationFailure([FieldProblem("criterionIDs", .noCriteria)]) }
        let projects = try await scopeProjects(input.projectIDs)
        let raters = try await checkedRaters(input.raterIDs)
        let round = PrioritizationRound(municipalityID: context.municipalityID, title: settings.title)
        round.id = UUID()
        apply(settings, to: round)
        round.createdByName = context.user.displayName
        let municipalityID = context.municipalityID
        try await db.writeTransaction { db in
            try await round.create(on: db)
            let roundID = try round.requireID()
            for criterion in chosenCriteria { try await RoundCriterion(municipalityID: municipalityID, roundID: roundID, from: criterion).create(on: db) }
            try await BulkInsert.insert(projects.map { RoundProject(municipalityID: municipalityID, roundID: roundID, projectID: $0) }, on: db)
            for rater in raters { try await RoundRater(municipalityID: municipalityID, roundID: roundID, userID: rater).create(on: db) }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: context.user, action: .create,
                                        entityType: "round", entityID: roundID, label: round.title)
        }
        return round
    }

    private func apply(_ settings: RoundSettings, to round: PrioritizationRound) {
        round.title = settings.title
        round.description = settings.description
        round.aggregation = settings.aggregation.rawValue
        round.topN = settings.topN
        round.legalDeadlineFirst = settings.rules.legalDeadlineFirst
        round.inheritUrgency = settings.rules.inheritUrgency
    }

    static let settingsFields = ["title", "description", "aggregation", "topN", "legalDeadlineFirst", "inheritUrgency"]

    static func settingsSnapshot(_ round: PrioritizationRound) -> [String] {
        [round.title, round.description, round.aggregation, "\(round.topN)", "\(round.legalDeadlineFirst)", "\(round.inheritUrgency)"]
    }

    static func auditSnapshot(_ round: PrioritizationRound) -> [String: String?] {
        Dictionary(uniqueKeysWithValues: zip(settingsFields, settingsSnapshot(round).map { Optional($0) }))
    }

    /// The settings. `expectedVersion`: the edit version the input is based on; a save based on an older one
    /// throws `StaleEdit` (nil: an API PATCH without If-Match).
    func update(_ round: PrioritizationRound, _ input: RoundInput, expectedVersion: Int? = nil) async throws {
        try requireChangeable(round)
        let settings = try input.validated()
        let before = Self.settingsSnapshot(round)
        apply(settings, to: round)
        let changes = FieldChange.between(Self.settingsFields, before, Self.settingsSnapshot(round))
        guard !changes.isEmpty else { return try RowVersion.check(expectedVersion, against: round.version) }
        try await db.writeTransaction { db in
            round.storedVersion = try await RowVersion.claim(PrioritizationRound.schema, id: round.requireID(), expected: expectedVersion, on: db)
            try await round.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "round", entityID: round.id, label: round.title, changes: changes, version: round.version)
        }
    }

    /// Projects and raters can change until the round is closed; a rater with ratings stays (their work is kept).
    func setScope(_ round: PrioritizationRound, projectIDs: [String], raterIDs: [String]) async throws {
        try requireChangeable(round)
        let projects = Set(try await scopeProjects(projectIDs, defaultToOpen: false))
        let currentProjects = Set(try await self.projectIDs(of: round))
        if projects.isEmpty { throw ValidationFailure([FieldProblem("projectIDs", .noProjects)]) }
        let raters = Set(try await checkedRaters(raterIDs))
        let roundID = try round.requireID()
        let municipalityID = context.municipalityID
        let currentRaters = try await RoundRater.query(on: db).filter(\.$round.$id == roundID).all()
        let removedRaters = currentRaters.filter { !raters.contains($0.$user.id) }
        if !removedRaters.isEmpty {
            let rated = try await Rating.query(on: db).filter(\.$round.$id == roundID).filter(\.$rater.$id ~~ removedRaters.map(\.$user.id)).count()
            if rated > 0 { throw ValidationFailure([FieldProblem("raterIDs", .alreadyTaken)]) }
        }
        if round.roundStatus == .rating && raters.isEmpty { throw ValidationFailure([FieldProblem("raterIDs", .noRaters)]) }
        try await db.writeTransaction { db in
            let removedProjects = Array(currentProjects.subtracting(projects))
            if !removedProjects.isEmpty {
                try await RoundProject.query(on: db).filter(\.$round.$id == roundID).filter(\.$project.$id ~~ removedProjects).delete()
            }
            let addedProjects = projects.subtracting(currentProjects)
            try await BulkInsert.insert(addedProjects.map { RoundProject(municipalityID: municipalityID, roundID: roundID, projectID: $0) }, on: db)
            // The round's data stamp counts the scope's rows; swapping one project for another keeps the count, so the
            // stamp would not notice. Its frame_version does: raised here (a round's audit event leaves it alone, for
            // the sake of rating campaigns), not the round's version, which is the edit version of its settings
            // (ETag, If-Match, the settings form) and must not make a settings save conflict with a scope change.
            if !removedProjects.isEmpty || !addedProjects.isEmpty { try await AuditTrail.bumpVersion(of: municipalityID, on: db) }
            for rater in removedRaters { try await rater.delete(on: db) }
            for user in raters.subtracting(currentRaters.map(\.$user.id)) {
                try await RoundRater(municipalityID: municipalityID, roundID: roundID, userID: user).create(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: context.user, action: .update, entityType: "round",
                                        entityID: roundID, label: round.title,
                                        changes: [FieldChange(field: "projects", old: "\(currentProjects.count)", new: "\(projects.count)"),
                                                  FieldChange(field: "raters", old: "\(currentRaters.count)", new: "\(raters.count)")])
        }
    }

    /// Direct weights: points per criterion key; they are normalized by the ranking.
    func setWeights(_ round: PrioritizationRound, _ points: [String: String]) async throws {
        try requireChangeable(round)
        let criteria = try await criteria(of: round)
        let byKey = try DirectWeights.validated(points, criterionKeys: criteria.map(\.key))
        var values: [UUID: Double] = [:]
        for criterion in criteria { values[criterion.id!] = byKey[criterion.key] }
        try await writeWeights(round, criteria, values, method: .direct)
    }

    func writeWeights(_ round: PrioritizationRound, _ criteria: [RoundCriterion], _ values: [UUID: Double], method: WeightingMethod) async throws {
        let changes = criteria.compactMap { criterion -> FieldChange? in
            guard let id = criterion.id, let value = values[id], value != criterion.weight else { return nil }
            return FieldChange(field: "weight.\(criterion.key)", old: "\(criterion.weight)", new: "\(value)")
        }
        round.weighting = method.rawValue
        try await db.writeTransaction { db in
            for criterion in criteria { if let value = values[criterion.id!] { criterion.weight = value; try await criterion.save(on: db) } }
            try await round.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .update,
                                        entityType: "round", entityID: round.id, label: round.title,
                                        changes: changes + [FieldChange(field: "weighting", old: nil, new: method.rawValue)])
        }
    }

    /// Draft → rating: raters may now score. Needs criteria, projects, raters and weights that are not all 0.
    func open(_ round: PrioritizationRound) async throws {
        try context.require(context.permissions.canManagePrioritization)
        guard round.roundStatus == .draft else { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
        let criteria = try await criteria(of: round)
        let projects = try await projectIDs(of: round)
        let raterCount = try await RoundRater.query(on: db).filter(\.$round.$id == round.requireID()).count()
        try ValidationFailure.throwing(RoundReadiness.problemsOpening(
            criteria: criteria.map { WeightedCriterion(criterion: $0.criterion, weight: $0.weight) },
            projectCount: projects.count, raterCount: raterCount))
        round.status = RoundStatus.rating.rawValue
        round.openedAt = Date()
        let context = context
        let reason = "Priorisierungsrunde „\(round.title)“ eröffnet"
        try await db.writeTransaction { db in
            try await round.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: .open,
                                        entityType: "round", entityID: round.id, label: round.title,
                                        changes: [FieldChange(field: "status", old: RoundStatus.draft.rawValue, new: RoundStatus.rating.rawValue)])
            try await RoundWorkflow.advance(projects, from: [.submitted], to: .inReview, reason: reason, context: context, on: db)
        }
    }

    func requireChangeable(_ round: PrioritizationRound) throws {
        try context.require(context.permissions.canManagePrioritization)
        if round.roundStatus == .closed { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
    }

    func save(_ round: PrioritizationRound, action: AuditAction = .update, changes: [FieldChange]) async throws {
        guard !changes.isEmpty || action != .update else { return }
        try await db.writeTransaction { db in
            try await round.save(on: db)
            try await AuditTrail.record(on: db, municipalityID: context.municipalityID, actor: context.user, action: action,
                                        entityType: "round", entityID: round.id, label: round.title, changes: changes)
        }
    }

    // MARK: references

    /// Project ids of this municipality; with none given, those whose status a new round takes by default
    /// (`RoundSettings.defaultProjectStatuses`).
    private func scopeProjects(_ ids: [String], defaultToOpen: Bool = true) async throws -> [UUID] {
        let query = Project.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$archivedAt == nil)
        if ids.isEmpty {
            guard defaultToOpen else { return [] }
            return try await query.filter(\.$status ~~ RoundSettings.defaultProjectStatuses.map(\.rawValue)).field(\.$id).rows()
                .map { try $0.schema(Project.schema).decode("id", as: UUID.self) }
        }
        let wanted = ids.compactMap(UUID.init(uuidString:))
        guard wanted.count == ids.count else { throw ValidationFailure([FieldProblem("projectIDs", .unknownReference)]) }
        let found = try await query.filter(\.$id ~~ wanted).field(\.$id).rows().map { try $0.schema(Project.schema).decode("id", as: UUID.self) }
        guard Set(found) == Set(wanted) else { throw ValidationFailure([FieldProblem("projectIDs", .unknownReference)]) }
        return Array(Set(found))
    }

    private func checkedRaters(_ ids: [String]) async throws -> [UUID] {
        let wanted = ids.compactMap(UUID.init(uuidString:))
        guard wanted.count == ids.count else { throw ValidationFailure([FieldProblem("raterIDs", .unknownReference)]) }
        let eligible = Set(try await eligibleRaters().compactMap(\.id))
        guard Set(wanted).isSubset(of: eligible) else { throw ValidationFailure([FieldProblem("raterIDs", .unknownReference)]) }
        return Array(Set(wanted))
    }
}

extension FieldChange {
    /// The fields whose value differs, for the audit trail.
    static func between(_ fields: [String], _ before: [String], _ after: [String]) -> [FieldChange] {
        zip(fields, zip(before, after)).filter { $0.1.0 != $0.1.1 }.map { FieldChange(field: $0.0, old: $0.1.0, new: $0.1.1) }
    }
}
