import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A small questionnaire and rounds made directly through the services, for the survey tests and the tenant walk.
enum SurveyFixtures {
    /// Three statements in two fields on a 0–4 scale with "weiß nicht", a department and a leadership question,
    /// one free-text question.
    static func questionnaire(title: String = "Quick-Check Test") -> Questionnaire {
        Questionnaire(key: "quick-check-test", title: title, description: "Ein kurzer Test-Fragebogen.",
                      scale: RatingScale(levels: (0...4).map { .init(value: $0, label: ["trifft nicht zu", "eher nicht", "teils", "eher", "trifft voll zu"][$0]) },
                                         dontKnow: "weiß nicht"),
                      fields: [
                        TopicField(key: "fuehrung", title: "Führung und Strategie", statements: [
                            Statement(key: "f1", text: "Die Verwaltungsspitze treibt die Digitalisierung voran.", explanation: "Warum das wichtig ist."),
                            Statement(key: "f2", text: "Es gibt eine schriftliche Digitalstrategie."),
                        ]),
                        TopicField(key: "technik", title: "Technik", statements: [Statement(key: "t1", text: "Die Technik funktioniert zuverlässig.")]),
                      ],
                      freeText: [FreeTextQuestion(key: "wunsch", text: "Was wünschen Sie sich?")],
                      grouping: [GroupingQuestion(key: "amt", text: "In welchem Amt arbeiten Sie?", kind: .department),
                                 GroupingQuestion(key: "leitung", text: "Haben Sie Führungsverantwortung?", kind: .choice, options: ["ja", "nein"])])
    }

    static func teamContext(on server: TestServer, slug: String = "musterstadt", email: String = Fixtures.strategyTeam) async throws -> MunicipalityContext {
        let found = try await Municipality.query(on: server.db).filter(\.$slug == slug).first()
        return try await WalkProjects.strategyTeamContext(try #require(found), email: email, on: server.db)
    }

    static func storeQuestionnaire(context: MunicipalityContext, title: String = "Quick-Check Test", on db: any Database) async throws -> UUID {
        var questionnaire = questionnaire(title: title)
        questionnaire.key = "quick-check-\(UUID().uuidString.prefix(8).lowercased())"
        let record = try QuestionnaireRecord(municipalityID: context.municipalityID, questionnaire)
        try await record.create(on: db)
        return try record.requireID()
    }

    struct Round {
        var id: UUID
        /// The public token (public rounds).
        var token: String?
        var questionnaireID: UUID
    }

    static func round(context: MunicipalityContext, access: SurveyAccess = .public, opensOn: String = "2020-01-01", closesOn: String = "2099-12-31",
                      title: String = "Quick-Check 2026", questionnaireID: UUID? = nil, on db: any Database) async throws -> Round {
        let questionnaire: UUID
        if let questionnaireID { questionnaire = questionnaireID } else { questionnaire = try await storeQuestionnaire(context: context, on: db) }
        let round = try await SurveyService(db: db, context: context).create(SurveyRoundInput(
            questionnaireID: questionnaire.uuidString, title: title, opensOn: opensOn, closesOn: closesOn, access: access.rawValue,
            invitedCount: access == .public ? "200" : nil, minimumGroupSize: "5"))
        return Round(id: try round.requireID(), token: round.publicToken, questionnaireID: questionnaire)
    }

    static func responseCount(_ roundID: UUID, on server: TestServer) async throws -> Int {
        try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == roundID).count()
    }

    static func key() -> String { "k" + UUID().uuidString.replacingOccurrences(of: "-", with: "") }

    /// A complete form answer.
    static func formAnswer(key: String, f1: String = "3", department: String = "") -> [(String, String)] {
        [("submissionKey", key), ("ratings.f1", f1), ("ratings.f2", "dontKnow"), ("ratings.t1", "4"),
         ("groups.amt", department), ("groups.leitung", "nein"), ("freeTexts.wunsch", "Mehr Schulungen")]
    }

    static func jsonAnswer(key: String, f1: Any = 3) -> [String: Any] {
        ["submissionKey": key, "ratings": ["f1": f1, "f2": "dontKnow", "t1": NSNull()], "groups": ["leitung": "ja"],
         "freeTexts": ["wunsch": "Bessere Technik"]]
    }
}
