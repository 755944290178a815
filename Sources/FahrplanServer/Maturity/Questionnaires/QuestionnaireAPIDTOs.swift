import FahrplanCore
import Foundation
import Vapor

/// A questionnaire in the file format `fahrplan-questionnaire/1`, as the API receives it. Every property is
/// optional here: the body is read a second time by `Questionnaire.decode`, whose problems name the missing or
/// wrong entry by its path (`fields[0].statements[1].text`, 422); this type only refuses wrong JSON types (400).
struct QuestionnaireDocumentDTO: Content {
    struct ScaleDTO: Content {
        var levels: [LevelDTO]?
        var dontKnow: String?
    }

    struct LevelDTO: Content {
        var value: Int?
        var label: String?
    }

    struct FieldDTO: Content {
        var key: String?
        var title: String?
        var description: String?
        var statements: [StatementDTO]?
    }

    struct StatementDTO: Content {
        var key: String?
        var text: String?
        var explanation: String?
        var firstSteps: [String]?
    }

    struct FreeTextDTO: Content {
        var key: String?
        var text: String?
    }

    struct GroupingDTO: Content {
        var key: String?
        var text: String?
        var kind: String?
        var options: [String]?
    }

    var format: String?
    var key: String?
    var version: Int?
    var language: String?
    var title: String?
    var description: String?
    var scale: ScaleDTO?
    var fields: [FieldDTO]?
    var freeText: [FreeTextDTO]?
    var grouping: [GroupingDTO]?
}

/// `POST /api/v1/maturity/questionnaires`: either a copy of the shipped standard or a questionnaire document.
struct QuestionnaireCreateWriteDTO: Content {
    var copyStandard: Bool?
    var document: QuestionnaireDocumentDTO?
}

/// A questionnaire without its document.
struct QuestionnaireSummaryDTO: Content {
    var id: UUID
    var key: String
    var questionnaireVersion: Int
    var title: String
    var language: String
    var statementCount: Int
    var archived: Bool
    var createdAt: Date?
    var version: Int

    init(_ s: QuestionnaireService.Summary) {
        id = s.id; key = s.key; questionnaireVersion = s.questionnaireVersion; title = s.title; language = s.language
        statementCount = s.statementCount; archived = s.archived; createdAt = s.createdAt; version = s.version
    }

    init(_ record: QuestionnaireRecord) throws {
        self.init(QuestionnaireService.Summary(
            id: try record.requireID(), key: record.key, questionnaireVersion: record.questionnaireVersion, title: record.title,
            language: record.language, statementCount: record.statementCount, version: record.version, createdAt: record.createdAt,
            archived: record.archivedAt != nil))
    }
}

/// The answer to a `PUT`: what the save did and the questionnaire that holds the edit now (the edited one, or the
/// new version made because answers exist).
struct QuestionnaireSavedDTO: Content {
    /// `unchanged`, `editedInPlace` or `newVersion`.
    var outcome: String
    var questionnaire: QuestionnaireSummaryDTO
}

/// A Potenzialcheck; `ratings` only on the single item.
struct AssessmentDTO: Content {
    struct Rating: Content {
        var statementKey: String
        /// The scale value, absent when not rated or "don't know".
        var level: Int?
        var dontKnow: Bool
        var evidence: String?
    }

    var id: UUID
    var questionnaireId: UUID
    var title: String
    var assessedOn: String
    var participants: String?
    var note: String?
    var statementCount: Int
    var rated: Int
    var version: Int
    var ratings: [Rating]?

    init(_ a: MaturityAssessmentRecord, statementCount: Int, rated: Int, ratings: [Rating]?) throws {
        id = try a.requireID(); questionnaireId = a.$questionnaire.id; title = a.title; assessedOn = a.assessedOn
        participants = a.participants; note = a.note; self.statementCount = statementCount; self.rated = rated
        version = a.version; self.ratings = ratings
    }
}

struct AssessmentWriteDTO: Content {
    var questionnaireId: UUID?
    var title: String?
    var assessedOn: String?
    var participants: String?
    var note: String?
}

/// `PUT …/ratings`: replaces all ratings; a statement left out is unrated.
struct AssessmentRatingsWriteDTO: Content {
    struct RatingDTO: Content {
        var statementKey: String?
        var level: Int?
        var dontKnow: Bool?
        var evidence: String?
    }

    var ratings: [RatingDTO]?
}
