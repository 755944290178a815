import FahrplanCore
import Fluent
import Foundation

/// A Quick-Check round with what its results need: the questionnaire it asked and every response in the compact
/// form the core counts.
struct LoadedRound: Sendable {
    var round: MaturityRoundRecord
    var id: UUID
    var questionnaireRecordID: UUID
    var questionnaire: Questionnaire
    var responses: [MaturityResponse]
    var anonymity: MaturityAnonymity

    var k: Int { anonymity.minimumGroupSize }
    var invited: Int? { round.invitedCount }
}

/// A Potenzialcheck with its ratings: one rating per statement, stored by key with the scale *value*.
struct LoadedAssessment: Sendable {
    struct Rating: Sendable {
        var value: Int?
        var dontKnow: Bool
        var evidence: String?
    }

    var assessment: MaturityAssessmentRecord
    var id: UUID
    var questionnaireRecordID: UUID
    var questionnaire: Questionnaire
    var ratings: [String: Rating]

    /// The ratings as one response by statement position, so that the same core computes its results; a stored
    /// value that is not on the scale (the database changed by hand) counts as skipped.
    var response: MaturityResponse {
        let levels = questionnaire.statements.map { statement -> Int8 in
            guard let rating = ratings[statement.key] else { return MaturityResponse.skippedCode }
            if rating.dontKnow { return MaturityResponse.dontKnowCode }
            guard let value = rating.value, let index = questionnaire.scale.levelIndex(of: value) else { return MaturityResponse.skippedCode }
            return Int8(clamping: index)
        }
        return MaturityResponse(levels: levels)
    }
}

/// Reads rounds, their responses and assessments of one municipality. Responses are read by columns
/// (`SurveyService.responses`: a round of 20,000 responses is 20,000 short strings) and kept per process keyed by the
/// round's response count: responses
/// are only ever added, never changed, so an equal count means equal responses, and every request pays one
/// indexed COUNT instead of reading and decoding the whole round again.
struct MaturityResultsLoad {
    var db: any Database
    var context: MunicipalityContext

    func round(_ id: String?) async throws -> MaturityRoundRecord {
        try await context.find(MaturityRoundRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func assessmentRecord(_ id: String?) async throws -> MaturityAssessmentRecord {
        try await context.find(MaturityAssessmentRecord.self, id, on: db, municipalityKey: \.$municipality.$id)
    }

    func questionnaire(_ id: UUID) async throws -> Questionnaire {
        guard let record = try await QuestionnaireRecord.query(on: db).filter(\.$id == id)
            .filter(\.$municipality.$id == context.municipalityID).first()
        else { throw FahrplanError.notFound }
        return try await MaturityQuestionnaireCache.shared.questionnaire(record)
    }

    func load(_ round: MaturityRoundRecord) async throws -> LoadedRound {
        let id = try round.requireID()
        let questionnaireID = round.$questionnaire.id
        let questionnaire = try await questionnaire(questionnaireID)
        let count = try await MaturityResponseRecord.query(on: db).filter(\.$round.$id == id)
            .filter(\.$municipality.$id == context.municipalityID).count()
        // The round was found inside the municipality (`round(_:)`), so the survey service's reader without a
        // tenant check reads only its rows.
        let responses = try await MaturityResponseCache.shared.responses(round: id, key: "\(questionnaireID)|\(count)") {
            try await SurveyService.responses(roundID: id, questionnaire: questionnaire, on: db)
        }
        // A k below the default stored by hand would weaken the promise: the default is the floor.
        let anonymity = (try? MaturityAnonymity(minimumGroupSize: round.minimumGroupSize)) ?? MaturityAnonymity()
        return LoadedRound(round: round, id: id, questionnaireRecordID: questionnaireID, questionnaire: questionnaire,
                           responses: responses, anonymity: anonymity)
    }

    func load(_ assessment: MaturityAssessmentRecord) async throws -> LoadedAssessment {
        let id = try assessment.requireID()
        let questionnaire = try await questionnaire(assessment.$questionnaire.id)
        var ratings: [String: LoadedAssessment.Rating] = [:]
        for (key, rating) in try await AssessmentService(db: db, context: context).ratings(of: assessment) {
            ratings[key] = LoadedAssessment.Rating(value: rating.level, dontKnow: rating.dontKnow, evidence: rating.evidence)
        }
        return LoadedAssessment(assessment: assessment, id: id, questionnaireRecordID: assessment.$questionnaire.id,
                                questionnaire: questionnaire, ratings: ratings)
    }

    /// The questionnaire records of the municipality with the same key (every version), for trends and comparisons.
    func questionnaireIDs(key: String) async throws -> [UUID] {
        try await QuestionnaireRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID).filter(\.$key == key)
            .field(\.$id).all().compactMap(\.id)
    }

    /// The rounds that asked one of these questionnaires, oldest first (by opening day, then title).
    func rounds(questionnaireIDs: [UUID]) async throws -> [MaturityRoundRecord] {
        guard !questionnaireIDs.isEmpty else { return [] }
        return try await MaturityRoundRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$questionnaire.$id ~~ questionnaireIDs).filter(\.$archivedAt == nil)
            .sort(\.$opensOn).sort(\.$title).all()
    }

    func assessments(questionnaireIDs: [UUID]) async throws -> [MaturityAssessmentRecord] {
        guard !questionnaireIDs.isEmpty else { return [] }
        return try await MaturityAssessmentRecord.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$questionnaire.$id ~~ questionnaireIDs).filter(\.$archivedAt == nil)
            .sort(\.$assessedOn).sort(\.$title).all()
    }

    /// Department id (as the answers store it, uppercased) → name, archived units included: an answer given
    /// before a unit was archived still belongs to it.
    func departmentNames() async throws -> [(id: String, name: String, archived: Bool)] {
        try await Department.query(on: db).filter(\.$municipality.$id == context.municipalityID).sort(\.$code).all().compactMap { unit in
            unit.id.map { (id: $0.uuidString, name: unit.name, archived: unit.archivedAt != nil) }
        }
    }
}

/// Decoded responses per round, keyed by questionnaire and response count (see `MaturityResultsLoad`). Process-wide
/// and keyed by the round's random id, so test servers in one process never see each other's entries.
final class MaturityResponseCache: @unchecked Sendable {
    static let shared = MaturityResponseCache()
    private let lock = NSLock()
    private var entries: [UUID: (key: String, responses: [MaturityResponse])] = [:]
    /// Rounds kept at once; a round of 20,000 × 60 is about 2 MB decoded.
    private let capacity = 24

    func responses(round: UUID, key: String, load: () async throws -> [MaturityResponse]) async throws -> [MaturityResponse] {
        if let hit = lock.withLock({ entries[round] }), hit.key == key { return hit.responses }
        let loaded = try await load()
        lock.withLock {
            if entries.count >= capacity, entries[round] == nil { entries.removeAll(keepingCapacity: true) }
            entries[round] = (key, loaded)
        }
        return loaded
    }
}

/// Parsed questionnaires by record id and edit version: the standard questionnaire is a 60 KB document, and a
/// results page needs it once per round it shows.
final class MaturityQuestionnaireCache: @unchecked Sendable {
    static let shared = MaturityQuestionnaireCache()
    private let lock = NSLock()
    private var entries: [UUID: (version: Int, questionnaire: Questionnaire)] = [:]

    func questionnaire(_ record: QuestionnaireRecord) async throws -> Questionnaire {
        let id = try record.requireID()
        if let hit = lock.withLock({ entries[id] }), hit.version == record.version { return hit.questionnaire }
        let parsed = try record.questionnaire()
        lock.withLock {
            if entries.count >= 200 { entries.removeAll(keepingCapacity: true) }
            entries[id] = (record.version, parsed)
        }
        return parsed
    }
}
