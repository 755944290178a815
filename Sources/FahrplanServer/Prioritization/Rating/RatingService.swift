import FahrplanCore
import Fluent
import Foundation

/// A rater's scores in a round. Raters score only while the round is open and until they submit; before they
/// submit they see nobody else's scores (no anchoring).
struct RatingService {
    var db: any Database
    var context: MunicipalityContext

    func raterEntry(_ round: PrioritizationRound) async throws -> RoundRater? {
        try await RoundRater.query(on: db).filter(\.$round.$id == round.requireID()).filter(\.$user.$id == context.user.id).first()
    }

    /// Whether this person may see everybody's scores and the ranking of the round now.
    func maySeeResults(_ round: PrioritizationRound) async throws -> Bool {
        maySeeResults(round, entry: round.roundStatus == .closed ? nil : try await raterEntry(round))
    }

    /// The same, with the person's rater entry already read (`raterEntry`).
    func maySeeResults(_ round: PrioritizationRound, entry: RoundRater?) -> Bool {
        ResultsVisibility.maySee(round.roundStatus, raterSubmitted: round.roundStatus == .closed ? nil : entry.map { $0.submittedAt != nil },
                                 canRead: context.permissions.canRead, canManage: context.permissions.canManagePrioritization)
    }

    func requireResultsVisible(_ round: PrioritizationRound) async throws {
        guard try await maySeeResults(round) else { throw FahrplanError.forbidden }
    }

    /// The person's own scores: project → criterion key → rating.
    /// `projects`: only these projects' scores (a saved form holds one page of a 500-project round).
    func ownRatings(_ round: PrioritizationRound, projects: Set<UUID>? = nil) async throws -> [UUID: [String: Rating]] {
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == round.requireID()).all()
        let keys = Dictionary(criteria.compactMap { c in c.id.map { ($0, c.key) } }, uniquingKeysWith: { a, _ in a })
        var result: [UUID: [String: Rating]] = [:]
        let roundID = try round.requireID()
        let chunks: [[UUID]?] = projects.map { Array($0).chunked(into: 400).map { Optional(Array($0)) } } ?? [nil]
        for chunk in chunks {
            var query = Rating.query(on: db).filter(\.$round.$id == roundID).filter(\.$rater.$id == context.user.id)
            if let chunk { query = query.filter(\.$project.$id ~~ chunk) }
            for rating in try await query.all() {
                if let key = keys[rating.$criterion.id] { result[rating.$project.id, default: [:]][key] = rating }
            }
        }
        return result
    }

    /// Saves the given scores (all or nothing) and, with `submit`, hands them in.
    func save(_ round: PrioritizationRound, _ inputs: [RatingInput], submit: Bool) async throws {
        guard round.roundStatus == .rating else { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
        guard let entry = try await raterEntry(round) else { throw FahrplanError.forbidden }
        if entry.submittedAt != nil { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
        let roundID = try round.requireID()
        let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == roundID).all()
        let byKey = Dictionary(criteria.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let scope = Set(try await RoundService(db: db, context: context).projectIDs(of: round))
        let existing = try await ownRatings(round, projects: Set(inputs.compactMap { UUID(uuidString: $0.projectID) }))

        // The round's scope and scales are loaded; the check itself is the core's.
        let values = try RatingInput.validated(inputs, projects: scope, criteria: byKey.mapValues(\.criterion))
        let writes = values.compactMap { value in
            byKey[value.criterionKey].map { (project: value.projectID, criterion: $0, score: value.score, justification: value.justification) }
        }

        let municipalityID = context.municipalityID
        let userID = context.user.id
        let finalWrites = writes
        let changed = finalWrites.filter { write in
            let current = existing[write.project]?[write.criterion.key]
            return current?.score != write.score || (write.score != nil && current?.justification != write.justification)
        }.count
        try await db.writeTransaction { db in
            var created: [Rating] = []
            for write in finalWrites {
                let current = existing[write.project]?[write.criterion.key]
                switch (current, write.score) {
                case (nil, nil):
                    continue
                case (let rating?, nil):
                    try await rating.delete(on: db)
                case (let rating?, let score?):
                    guard rating.score != score || rating.justification != write.justification else { continue }
                    rating.score = score
                    rating.justification = write.justification
                    try await rating.save(on: db)
                case (nil, let score?):
                    let rating = Rating()
                    rating.$municipality.id = municipalityID
                    rating.$round.id = roundID
                    rating.$project.id = write.project
                    rating.$criterion.id = try write.criterion.requireID()
                    rating.$rater.id = userID
                    rating.score = score
                    rating.justification = write.justification
                    created.append(rating)
                }
            }
            // A whole form of new scores at once (45 projects × 6 criteria) in a few statements.
            try await BulkInsert.insert(created, on: db)
            if submit {
                entry.submittedAt = Date()
                try await entry.save(on: db)
            }
            if changed > 0 || submit {
                try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: context.user,
                                            action: submit ? .submit : .update, entityType: "round", entityID: roundID,
                                            label: round.title, changes: [FieldChange(field: "ratings", old: nil, new: "\(changed)")])
            }
        }
    }
}
