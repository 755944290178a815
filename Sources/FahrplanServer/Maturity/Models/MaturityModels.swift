import FahrplanCore
import Fluent
import Foundation

/// A questionnaire of a municipality (a copy of the shipped standard, or its own), stored as its file form
/// (`fahrplan-questionnaire/1` JSON in `document`). `questionnaireVersion` is the questionnaire's version
/// (a questionnaire with answers is never changed: an edit becomes the next version, see
/// `QuestionnaireEditDecision`); `version` is the row's edit version (optimistic concurrency, `RowVersion`).
final class QuestionnaireRecord: Model, @unchecked Sendable {
    static let schema = "maturity_questionnaires"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "key") var key: String
    @Field(key: "questionnaire_version") var questionnaireVersion: Int
    @Field(key: "title") var title: String
    @Field(key: "language") var language: String
    @Field(key: "document") var document: String
    @Field(key: "statement_count") var statementCount: Int
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    init(municipalityID: UUID, _ questionnaire: Questionnaire) throws {
        id = UUID()
        $municipality.id = municipalityID
        version = 1
        try apply(questionnaire)
    }

    func apply(_ questionnaire: Questionnaire) throws {
        key = questionnaire.key; questionnaireVersion = questionnaire.version; title = questionnaire.title
        language = questionnaire.language; statementCount = questionnaire.statements.count
        document = String(decoding: try questionnaire.encoded(), as: UTF8.self)
    }

    /// The stored document; rows are written only from validated questionnaires, so a failure here means the
    /// database was changed by hand, and the error names the row.
    func questionnaire() throws -> Questionnaire {
        do { return try Questionnaire.decode(Data(document.utf8)) } catch {
            throw MaturityStorageError.brokenQuestionnaire(id: id, problems: error.problems.map(\.field))
        }
    }

    var properties: [any AnyProperty] { [_id, _municipality, _key, _questionnaireVersion, _title, _language, _document, _statementCount, _version, _createdAt, _updatedAt, _archivedAt] }
}

enum MaturityStorageError: Error, CustomStringConvertible {
    case brokenQuestionnaire(id: UUID?, problems: [String])
    case brokenResponse(roundID: UUID, submissionKey: String)

    var description: String {
        switch self {
        case .brokenQuestionnaire(let id, let problems):
            "stored questionnaire \(id?.uuidString ?? "?") does not validate: \(problems.joined(separator: ", "))"
        case .brokenResponse(let round, let key):
            "stored response \(key) of round \(round.uuidString) does not fit its questionnaire"
        }
    }
}

/// A Quick-Check survey round: a questionnaire version asked from `opensOn` to `closesOn` (ISO days, inclusive,
/// in the municipality's time zone), either through one public link (`access` "public", `publicToken` the
/// link's secret) or through per-person invitation tokens (`access` "invitation"). `invitedCount` is the number
/// of people asked (for the response rate; for invitation rounds the number of tokens made).
/// `minimumGroupSize` is k of the anonymity promise (≥ 5, only ever raised). `closedAt` closes a round early.
final class MaturityRoundRecord: Model, @unchecked Sendable {
    static let schema = "maturity_rounds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "questionnaire_id") var questionnaire: QuestionnaireRecord
    @Field(key: "title") var title: String
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "closes_on") var closesOn: String
    @Field(key: "access") var access: String
    @OptionalField(key: "public_token") var publicToken: String?
    @OptionalField(key: "invited_count") var invitedCount: Int?
    @Field(key: "minimum_group_size") var minimumGroupSize: Int
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _questionnaire, _title, _opensOn, _closesOn, _access, _publicToken, _invitedCount, _minimumGroupSize, _closedAt, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// One invitation token of a round, stored only as the SHA-256 hex of the token, and whether it was used — not
/// when, and not by whom (see `CreateMaturity`).
final class MaturityInvitationRecord: Model, @unchecked Sendable {
    static let schema = "maturity_invitations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: MaturityRoundRecord
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "used") var used: Bool

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _round, _tokenHash, _used] }
}

/// One anonymous Quick-Check answer. `levels` in `MaturityResponseCoding`; `groups` and `freeTexts` JSON arrays of
/// optional strings by question position, nil when nothing was answered. Read big rounds by columns
/// (`.field(...).rows()`), not as models.
final class MaturityResponseRecord: Model, @unchecked Sendable {
    static let schema = "maturity_responses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "round_id") var round: MaturityRoundRecord
    @Field(key: "submission_key") var submissionKey: String
    @Field(key: "levels") var levels: String
    @OptionalField(key: "groups") var groups: String?
    @OptionalField(key: "free_texts") var freeTexts: String?
    @Field(key: "received_on") var receivedOn: String
    /// The response's number in its round (`AddResponseSequence`); nil for rows written before it existed.
    @OptionalField(key: "seq") var seq: Int64?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _round, _submissionKey, _levels, _groups, _freeTexts, _receivedOn, _seq] }
}

/// A Potenzialcheck: the strategy team (or a workshop) rates every statement of a questionnaire together on
/// `assessedOn`, with a note on the evidence per statement. Several over time show progress.
final class MaturityAssessmentRecord: Model, @unchecked Sendable {
    static let schema = "maturity_assessments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "questionnaire_id") var questionnaire: QuestionnaireRecord
    @Field(key: "title") var title: String
    @Field(key: "assessed_on") var assessedOn: String
    @OptionalField(key: "participants") var participants: String?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by_name") var createdByName: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _questionnaire, _title, _assessedOn, _participants, _note, _createdByName, _version, _createdAt, _updatedAt, _archivedAt] }
}

/// One statement's rating in a Potenzialcheck: `level` is the scale *value* (not the index), nil when skipped
/// or "don't know" (`dontKnow`); `evidence` says what the rating rests on.
final class MaturityAssessmentRatingRecord: Model, @unchecked Sendable {
    static let schema = "maturity_assessment_ratings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "assessment_id") var assessment: MaturityAssessmentRecord
    @Field(key: "statement_key") var statementKey: String
    @OptionalField(key: "level") var level: Int?
    @Field(key: "dont_know") var dontKnow: Bool
    @OptionalField(key: "evidence") var evidence: String?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _assessment, _statementKey, _level, _dontKnow, _evidence] }
}

/// A project idea made from a statement's first step, linked back to the statement and to the round or
/// assessment whose results showed it (`sourceKind` "round" or "assessment", `sourceID` its id).
final class MaturityProjectLinkRecord: Model, @unchecked Sendable {
    static let schema = "maturity_project_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Parent(key: "questionnaire_id") var questionnaire: QuestionnaireRecord
    @Field(key: "statement_key") var statementKey: String
    @Field(key: "first_step") var firstStep: String
    @Field(key: "source_kind") var sourceKind: String
    @Field(key: "source_id") var sourceID: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _project, _questionnaire, _statementKey, _firstStep, _sourceKind, _sourceID, _createdAt] }
}
