import FahrplanCore
import Fluent
import Foundation

/// A Quick-Check round with what its results need: the questionnaire it asked and the state of its responses
/// (`RoundState`). The responses themselves are read only when something has to be computed from them
/// (`responses(on:)`): a results page whose figures are cached for this state needs one indexed COUNT, not 20,000 rows.
struct LoadedRound: Sendable {
    var round: MaturityRoundRecord
    var id: UUID
    var questionnaireRecordID: UUID
    var questionnaire: Questionnaire
    var anonymity: MaturityAnonymity
    var state: RoundState
    var caches: MaturityResultsCaches

    var k: Int { anonymity.minimumGroupSize }
    var invited: Int? { round.invitedCount }
    var responseCount: Int { state.responses }

    /// Every response of the round in the compact form the core counts, decoded once per state (LRU, a few rounds).
    /// The round was found inside the municipality (`MaturityResultsLoad.round(_:)`), so the survey service's reader
    /// without a tenant check reads only its rows.
    func responses(on db: any Database) async throws -> [MaturityResponse] {
        if let hit = caches.responses.value(state) { return hit }
        let loaded = try await SurveyService.responses(roundID: id, questionnaire: questionnaire, on: db)
        // An answer committed between the COUNT and the read makes the set larger than the state says: it is then
        // kept under its own count, never under a count it does not have.
        var actual = state
        actual.responses = loaded.count
        caches.responses.store(actual, loaded)
        return loaded
    }
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

/// Reads rounds, the state of their responses and assessments of one municipality (see `LoadedRound`).
struct MaturityResultsLoad {
    var db: any Database
    var context: MunicipalityContext
    var caches: MaturityResultsCaches = .none

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
        return try caches.questionnaire(record)
    }

    func load(_ round: MaturityRoundRecord) async throws -> LoadedRound {
        let id = try round.requireID()
        let questionnaireID = round.$questionnaire.id
        guard let record = try await QuestionnaireRecord.query(on: db).filter(\.$id == questionnaireID)
            .filter(\.$municipality.$id == context.municipalityID).first()
        else { throw FahrplanError.notFound }
        let questionnaire = try caches.questionnaire(record)
        let count = try await MaturityResponseRecord.query(on: db).filter(\.$round.$id == id)
            .filter(\.$municipality.$id == context.municipalityID).count()
        // A k below the default stored by hand would weaken the promise: the default is the floor.
        let anonymity = (try? MaturityAnonymity(minimumGroupSize: round.minimumGroupSize)) ?? MaturityAnonymity()
        let state = RoundState(round: id, responses: count, questionnaire: questionnaireID, questionnaireVersion: record.version,
                               roundVersion: round.version, k: anonymity.minimumGroupSize, invited: round.invitedCount)
        return LoadedRound(round: round, id: id, questionnaireRecordID: questionnaireID, questionnaire: questionnaire,
                           anonymity: anonymity, state: state, caches: caches)
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
