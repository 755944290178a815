import FahrplanCore
import Fluent
import Foundation

/// AHP weights for a round: every participant (the strategy team and the round's raters) compares the
/// criteria pairwise; the group's judgments are combined by the geometric mean, and the team may adopt the
/// resulting weights for the round.
struct PairwiseService {
    var db: any Database
    var context: MunicipalityContext

    struct ParticipantResult: Sendable {
        var name: String
        var userID: UUID
        var complete: Bool
        var result: AHPResult?
    }

    struct GroupResult: Sendable {
        var criteria: [RoundCriterion]
        var participants: [ParticipantResult]
        /// The combined judgments of every participant who compared all pairs.
        var group: AHPResult?
    }

    func mayCompare(_ round: PrioritizationRound) async throws -> Bool {
        if context.permissions.canManagePrioritization { return true }
        return mayCompare(entry: try await RatingService(db: db, context: context).raterEntry(round))
    }

    /// The same, with the person's rater entry already read (`RatingService.raterEntry`).
    func mayCompare(entry: RoundRater?) -> Bool {
        context.permissions.canManagePrioritization || entry != nil
    }

    /// The person's own judgments, keyed "a|b" by criterion key in the round's order.
    func ownJudgments(_ round: PrioritizationRound) async throws -> [String: Double] {
        let criteria = try await RoundService(db: db, context: context).criteria(of: round)
        let keys = Dictionary(criteria.compactMap { c in c.id.map { ($0, c.key) } }, uniquingKeysWith: { a, _ in a })
        var result: [String: Double] = [:]
        for row in try await PairwiseComparison.query(on: db).filter(\.$round.$id == round.requireID())
            .filter(\.$participant.$id == context.user.id).all() {
            if let a = keys[row.$criterionA.id], let b = keys[row.$criterionB.id] { result["\(a)|\(b)"] = row.value }
        }
        return result
    }

    /// Replaces the person's judgments with the given ones (all or nothing).
    func save(_ round: PrioritizationRound, _ inputs: [PairwiseInput]) async throws {
        guard round.roundStatus != .closed else { throw ValidationFailure([FieldProblem("status", .roundClosed)]) }
        guard try await mayCompare(round) else { throw FahrplanError.forbidden }
        let criteria = try await RoundService(db: db, context: context).criteria(of: round)
        let rows = try PairwiseInput.validated(inputs, keys: criteria.map(\.key))
            .map { (a: criteria[$0.first], b: criteria[$0.second], value: $0.value) }
        let roundID = try round.requireID()
        let municipalityID = context.municipalityID
        let userID = context.user.id
        let judgments = rows
        try await db.writeTransaction { db in
            try await PairwiseComparison.query(on: db).filter(\.$round.$id == roundID).filter(\.$participant.$id == userID).delete()
            for row in judgments {
                let comparison = PairwiseComparison()
                comparison.$municipality.id = municipalityID
                comparison.$round.id = roundID
                comparison.$participant.id = userID
                comparison.$criterionA.id = try row.a.requireID()
                comparison.$criterionB.id = try row.b.requireID()
                comparison.value = row.value
                try await comparison.create(on: db)
            }
            try await AuditTrail.record(on: db, municipalityID: municipalityID, actor: context.user, action: .update,
                                        entityType: "round", entityID: roundID, label: round.title,
                                        changes: [FieldChange(field: "pairwiseComparisons", old: nil, new: "\(judgments.count)")])
        }
    }

    func group(_ round: PrioritizationRound) async throws -> GroupResult {
        let criteria = try await RoundService(db: db, context: context).criteria(of: round)
        let position = Dictionary(criteria.enumerated().compactMap { index, c in c.id.map { ($0, index) } }, uniquingKeysWith: { a, _ in a })
        let rows = try await PairwiseComparison.query(on: db).filter(\.$round.$id == round.requireID()).with(\.$participant).all()
        var byParticipant: [UUID: (name: String, judgments: [PairwiseJudgment])] = [:]
        for row in rows {
            guard let i = position[row.$criterionA.id], let j = position[row.$criterionB.id] else { continue }
            byParticipant[row.$participant.id, default: (row.participant.displayName, [])].judgments
                .append(PairwiseJudgment(row: i, column: j, value: row.value))
        }
        var participants: [ParticipantResult] = []
        var matrices: [PairwiseMatrix] = []
        for (userID, entry) in byParticipant {
            let matrix = try? PairwiseMatrix(size: criteria.count, judgments: entry.judgments)
            if let matrix { matrices.append(matrix) }
            participants.append(ParticipantResult(name: entry.name, userID: userID, complete: matrix != nil, result: matrix.map(AHP.evaluate)))
        }
        let combined = matrices.isEmpty ? nil : try? AHP.aggregate(matrices)
        return GroupResult(criteria: criteria, participants: participants.sorted { $0.name < $1.name }, group: combined.map(AHP.evaluate))
    }

    /// The group's AHP weights become the round's weights (as points summing to 100).
    func adopt(_ round: PrioritizationRound) async throws {
        let service = RoundService(db: db, context: context)
        try service.requireChangeable(round)
        let result = try await group(round)
        guard let group = result.group else { throw ValidationFailure([FieldProblem("comparisons", .required)]) }
        var values: [UUID: Double] = [:]
        for (criterion, points) in zip(result.criteria, group.points) { values[criterion.id!] = points }
        try await service.writeWeights(round, result.criteria, values, method: .ahp)
    }
}
