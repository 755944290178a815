import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Vapor

/// The Quick-Check survey rounds the walk points `:survey` at: a public round with eight answers, and an invitation
/// round (its codes are made by the `invitations` routes). The public answer routes (`/q/:token`,
/// `/api/v1/surveys/:token…`) are public by design and on the allow-list: the token is the only key, and a
/// token of another municipality's round shows that round to anyone who has the link (SurveyAnswerTests).
struct WalkSurveys {
    var publicRound: UUID
    var invitationRound: UUID
    var questionnaireID: UUID
    var all: [UUID] { [publicRound, invitationRound, questionnaireID] }

    static func create(context: MunicipalityContext, suffix: String, on db: any Database) async throws -> WalkSurveys {
        var questionnaire = SurveyFixtures.questionnaire(title: "Walk-Fragebogen \(suffix)")
        questionnaire.key = "walk-quick-check-surveys"
        let record = try QuestionnaireRecord(municipalityID: context.municipalityID, questionnaire)
        try await record.create(on: db)
        let questionnaireID = try record.requireID()
        let service = SurveyService(db: db, context: context)
        let open = try await service.create(SurveyRoundInput(questionnaireID: questionnaireID.uuidString, title: "Walk-Umfrage \(suffix)",
                                                             opensOn: "2020-01-01", closesOn: "2099-12-31", access: "public", invitedCount: "20"))
        let invitation = try await service.create(SurveyRoundInput(questionnaireID: questionnaireID.uuidString, title: "Walk-Einladungen \(suffix)",
                                                                   opensOn: "2020-01-01", closesOn: "2099-12-31", access: "invitation"))
        // More answers than the walk's highest k (it raises k to 6), so that the answers file is given out.
        let openID = try open.requireID()
        try await SurveySubmissionWriter.apply((0..<8).map { n in SurveySubmissionWriter.Submission(
            municipalityID: context.municipalityID, roundID: openID, submissionKey: "walk-answer-\(suffix.count)-\(n)", levels: n % 2 == 0 ? "01?" : "42-",
            groups: nil, freeTexts: MaturityResponseCoding.encodeOptionals(["Freitext \(suffix) \(n)"]), receivedOn: "2026-01-05", invitationHash: nil) }, on: db)
        return WalkSurveys(publicRound: try open.requireID(), invitationRound: try invitation.requireID(), questionnaireID: questionnaireID)
    }

    /// The invitation routes need the invitation round; everything else the public one.
    func id(for path: [PathComponent]) -> UUID {
        let last = path.last?.description ?? ""
        return last == "invitations" || last == "invitations.csv" ? invitationRound : publicRound
    }
}

extension RouteWalk {
    /// The public answer routes, walked with the literal `:token` (no round has it): 404.
    static let surveyAllowList: [String: UInt?] = [
        "GET /q/:token": 404,
        "POST /q/:token": 404,
        "GET /api/v1/surveys/:token": 404,
        "POST /api/v1/surveys/:token/responses": 404,
    ]

    /// Form fields of the survey round pages (`/m/:m/maturity/surveys…`); the results pages below a round are R's.
    static func surveyForm(segments: [String], target: WalkTarget) -> [(String, String)]? {
        guard segments.count > 3, segments[0] == "m", segments[2] == "maturity", segments[3] == "surveys" else { return nil }
        let rest = segments.dropFirst(4).joined(separator: "/")
        let questionnaire = target.surveys?.questionnaireID.uuidString ?? ""
        let round = [("questionnaireID", questionnaire), ("title", "Übernommene Umfrage"), ("opensOn", "01.01.2020"), ("closesOn", "31.12.2099"),
                     ("minimumGroupSize", "6")]
        switch rest {
        case "": return round + [("access", "public")]
        case ":survey": return round
        case ":survey/close": return []
        case ":survey/invitations": return [("count", "1")]
        case ":survey/invitations.csv": return [("tokens", "")]
        default: return nil
        }
    }

    /// JSON bodies of `/api/v1/maturity/surveys…`.
    static func surveyJSON(segments: [String], target: WalkTarget) -> [String: Any]? {
        guard segments.count > 3, segments[0] == "api", segments[2] == "maturity", segments[3] == "surveys" else { return nil }
        let rest = segments.dropFirst(4).joined(separator: "/")
        let round: [String: Any] = ["questionnaireId": target.surveys?.questionnaireID.uuidString ?? UUID().uuidString, "title": "Übernommene Umfrage",
                                    "opensOn": "2020-01-01", "closesOn": "2099-12-31", "minimumGroupSize": 6]
        switch rest {
        case "": return round.merging(["access": "public"]) { a, _ in a }
        case ":survey": return round
        case ":survey/invitations": return ["count": 1]
        case ":survey/close": return nil
        default: return nil
        }
    }
}

extension TenantSnapshot {
    /// A municipality's survey rounds, invitation codes and answers, for `take`.
    static func surveyLines(_ municipalityID: UUID, on db: any Database) async throws -> [String] {
        func d(_ date: Date?) -> String { date.map { String(format: "%.3f", $0.timeIntervalSince1970) } ?? "nil" }
        var lines: [String] = []
        for r in try await MaturityRoundRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("survey round \(r.id?.uuidString ?? "nil") questionnaire=\(r.$questionnaire.id) title=\(r.title) opens=\(r.opensOn) "
                + "closes=\(r.closesOn) access=\(r.access) token=\(r.publicToken ?? "nil") invited=\(r.invitedCount.map(String.init) ?? "nil") "
                + "k=\(r.minimumGroupSize) closed=\(d(r.closedAt)) version=\(r.version) archived=\(d(r.archivedAt))")
        }
        for i in try await MaturityInvitationRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("survey invitation \(i.tokenHash) round=\(i.$round.id) used=\(i.used)")
        }
        for a in try await MaturityResponseRecord.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            lines.append("survey response \(a.submissionKey) round=\(a.$round.id) levels=\(a.levels) groups=\(a.groups ?? "nil") texts=\(a.freeTexts ?? "nil")")
        }
        return lines
    }
}
