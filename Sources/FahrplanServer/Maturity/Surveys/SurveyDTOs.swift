import FahrplanCore
import Foundation
import Vapor

/// JSON shapes of the survey API, described one to one in `openapi.json` (schemas `Survey…`).
struct SurveyRoundDTO: Content {
    var id: UUID
    var title: String
    var questionnaireId: UUID
    var opensOn: String
    var closesOn: String
    var access: String
    var phase: String
    /// The public answer link (path below the installation's address); public rounds only.
    var publicPath: String?
    var invitedCount: Int?
    var minimumGroupSize: Int
    var responses: Int
    var responseRate: Int?
    var invitations: Int
    var invitationsUsed: Int
    var closedAt: Date?
    var version: Int

    init(_ round: MaturityRoundRecord, counts: SurveyService.Counts, today: CalendarDay) throws {
        id = try round.requireID(); title = round.title; questionnaireId = round.$questionnaire.id
        opensOn = round.opensOn; closesOn = round.closesOn; access = round.access; phase = round.phase(on: today).rawValue
        publicPath = round.publicToken.map { SiteURL.publicSurvey(.value($0)).path }
        invitedCount = round.invitedCount; minimumGroupSize = round.minimumGroupSize
        responses = counts.responses; responseRate = SurveyDisplay.rate(counts.responses, invited: round.invitedCount)
        invitations = counts.invitations; invitationsUsed = counts.used; closedAt = round.closedAt; version = round.version
    }
}

struct SurveyRoundWriteDTO: Content {
    var questionnaireId: String?
    var title: String?
    var opensOn: String?
    var closesOn: String?
    var access: String?
    var invitedCount: Int?
    var minimumGroupSize: Int?

    var input: SurveyRoundInput {
        SurveyRoundInput(questionnaireID: questionnaireId, title: title, opensOn: opensOn, closesOn: closesOn, access: access,
                         invitedCount: invitedCount.map(String.init), minimumGroupSize: minimumGroupSize.map(String.init))
    }
}

struct SurveyInvitationsWriteDTO: Content {
    var count: Int?
}

struct SurveyInvitationsDTO: Content {
    struct Token: Content {
        var token: String
        var path: String
    }
    var tokens: [Token]
}

enum SurveyFieldNames {
    static let renamed = ["questionnaireID": "questionnaireId"]
}

/// The form's content for a program or another front end.
struct PublicSurveyDTO: Content {
    struct Round: Content {
        var title: String
        var municipality: String
        var opensOn: String
        var closesOn: String
        var phase: String
        var access: String
        var minimumGroupSize: Int
        /// An invitation token that has been used already: an answer would be refused (409).
        var invitationUsed: Bool
    }

    struct Level: Content {
        var value: Int
        var label: String
    }

    struct Scale: Content {
        var levels: [Level]
        var dontKnow: String?
    }

    struct StatementDTO: Content {
        var key: String
        var text: String
        var explanation: String?
    }

    struct Field: Content {
        var key: String
        var title: String
        var description: String?
        var statements: [StatementDTO]
    }

    struct FreeText: Content {
        var key: String
        var text: String
    }

    struct GroupOption: Content {
        var value: String
        var label: String
    }

    struct Group: Content {
        var key: String
        var text: String
        var kind: String
        var options: [GroupOption]
    }

    var round: Round
    var title: String
    var description: String?
    var scale: Scale
    var fields: [Field]
    var freeText: [FreeText]
    var grouping: [Group]

    init(_ target: SurveyAnswering.Target, today: CalendarDay) {
        let q = target.questionnaire
        round = Round(title: target.round.title, municipality: target.municipality.name, opensOn: target.round.opensOn,
                      closesOn: target.round.closesOn, phase: target.round.phase(on: today).rawValue, access: target.round.access,
                      minimumGroupSize: target.round.minimumGroupSize, invitationUsed: target.invitationUsed)
        title = q.title; description = q.description
        scale = Scale(levels: q.scale.levels.map { Level(value: $0.value, label: $0.label) }, dontKnow: q.scale.dontKnow)
        fields = q.fields.map { field in
            Field(key: field.key, title: field.title, description: field.description,
                  statements: field.statements.map { StatementDTO(key: $0.key, text: $0.text, explanation: $0.explanation) })
        }
        freeText = q.freeText.map { FreeText(key: $0.key, text: $0.text) }
        grouping = q.grouping.map { question in
            Group(key: question.key, text: question.text, kind: question.kind.rawValue,
                  options: question.kind == .department ? target.departments.map { GroupOption(value: $0.id, label: $0.label) }
                                                        : (question.options ?? []).map { GroupOption(value: $0, label: $0) })
        }
    }
}

/// An answer sent to the API. A rating is a level's value, the string `dontKnow`, or null (skipped); anything else
/// is reported under `ratings.<key>`, never turned into something else.
struct PublicSurveyResponseWriteDTO: Content {
    var submissionKey: String?
    var ratings: [String: RatingValue]?
    var groups: [String: String]?
    var freeTexts: [String: String]?

    struct RatingValue: Codable, Sendable {
        var rating: MaturityRating?
        var malformed = false

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { rating = .skipped }
            else if let number = try? container.decode(Int.self) { rating = .value(number) }
            else if let text = try? container.decode(String.self), text == "dontKnow" { rating = .dontKnow }
            else { malformed = true }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch rating {
            case .value(let value): try container.encode(value)
            case .dontKnow: try container.encode("dontKnow")
            default: try container.encodeNil()
            }
        }
    }

    /// The core's input plus the entries that were not even a rating.
    var input: (MaturityResponseInput, [FieldProblem]) {
        var input = MaturityResponseInput(freeTexts: freeTexts ?? [:], groups: groups ?? [:])
        var problems: [FieldProblem] = []
        for (key, value) in ratings ?? [:] {
            if let rating = value.rating { input.ratings[key] = rating } else { problems.append(FieldProblem("ratings.\(key)", .invalidChoice)) }
        }
        return (input, problems.sorted { $0.field < $1.field })
    }
}

struct PublicSurveyReceiptDTO: Content {
    /// `received` (stored now) or `alreadyReceived` (this submission key was stored before; counted once).
    var status: String
}
