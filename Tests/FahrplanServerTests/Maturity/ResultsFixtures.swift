import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// A small questionnaire and rounds with known answers for the results tests, written straight into the tables
/// (the answering path has its own tests), so every mean on the pages can be computed by hand.
///
/// The main round "Quick-Check 2026" (k = 5, 40 invited) has 20 responses from three departments, as in the
/// example of `MaturityBreakdown`: A 10, B 6, C 4. Ratings (scale 0–4):
///
/// | group | s1 | s2 | s3 | s4 | s5 | leadership | free text |
/// |---|---|---|---|---|---|---|---|
/// | A (10) | 0 | 1 | 4 | 4 | 2 | 3 × ja, 7 × nein | "Mehr Laptops A" (one) |
/// | B (6)  | 1 | 1 | 3 | 3 | 2 | nein | "Wunsch aus B" (one) |
/// | C (4)  | 2 | 2 | 2 | 2 | 2 | nein | "Geheimwunsch aus C" (one) |
///
/// Means: s1 0.7, s2 1.2, s3 3.3, s4 3.3, s5 2.0; fields Führung 0.95, Technik 3.3, Daten 2.0; overall 2.0833.
/// Group A alone: Führung 0.5, Technik 4.0, Daten 2.0, overall 2.1667. By department, C is withheld (4 < 5) and B
/// by difference protection (total − A − B would be C); by leadership, "ja" (3) is withheld and "nein" by difference.
/// The earlier round "Quick-Check 2025" has 5 responses (0, 0, 2, 2, 1: overall 1.0); "Nachbefragung" only 4.
enum ResultsFixtures {
    static let questionnaire = Questionnaire(
        key: "test-reifegrad", version: 1, title: "Testbogen Reifegrad",
        scale: RatingScale(levels: [.init(value: 0, label: "trifft nicht zu"), .init(value: 1, label: "trifft eher nicht zu"),
                                    .init(value: 2, label: "teils/teils"), .init(value: 3, label: "trifft eher zu"),
                                    .init(value: 4, label: "trifft voll zu")], dontKnow: "weiß nicht"),
        fields: [
            TopicField(key: "fuehrung", title: "Führung", statements: [
                Statement(key: "s1", text: "Es gibt eine Digitale Agenda", firstSteps: ["Agenda-Workshop mit der Verwaltungsspitze", "Zuständigkeit benennen"]),
                Statement(key: "s2", text: "Die Leitung fragt regelmäßig nach", firstSteps: ["Digitalisierung als festen Tagesordnungspunkt"]),
            ]),
            TopicField(key: "technik", title: "Technik", statements: [
                Statement(key: "s3", text: "Arbeitsplätze sind gut ausgestattet", firstSteps: ["Geräte erfassen"]),
                Statement(key: "s4", text: "Das WLAN funktioniert", firstSteps: []),
            ]),
            TopicField(key: "daten", title: "Daten", statements: [
                Statement(key: "s5", text: "Daten werden geteilt", firstSteps: ["Datenkatalog anlegen"]),
            ]),
        ],
        freeText: [FreeTextQuestion(key: "wunsch", text: "Was wünschen Sie sich?")],
        grouping: [GroupingQuestion(key: "department", text: "In welchem Bereich arbeiten Sie?", kind: .department),
                   GroupingQuestion(key: "leadership", text: "Haben Sie Führungsverantwortung?", kind: .choice, options: ["ja", "nein"])])

    struct Seeded {
        var context: MunicipalityContext
        var questionnaireID: UUID
        var round: UUID
        var earlier: UUID
        var small: UUID
        var assessment: UUID
        /// Departments A, B, C (the first three of Musterstadt by code).
        var departments: [Department]
    }

    static func teamContext(_ server: TestServer) async throws -> MunicipalityContext {
        let municipality = try await Fixtures.musterstadt(on: server)
        let user = try #require(try await User.query(on: server.db).filter(\.$email == Fixtures.strategyTeam).first())
        return MunicipalityContext(municipality: municipality, municipalityID: try municipality.requireID(), user: CurrentUser(user),
                                   role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
    }

    static func seed(_ server: TestServer) async throws -> Seeded {
        let context = try await teamContext(server)
        let db = server.db
        let municipalityID = context.municipalityID
        let record = try QuestionnaireRecord(municipalityID: municipalityID, questionnaire)
        try await record.create(on: db)
        let questionnaireID = try record.requireID()
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).all()
        try #require(departments.count >= 3)
        let (a, b, c) = (departments[0].id!.uuidString, departments[1].id!.uuidString, departments[2].id!.uuidString)

        var answers: [(levels: [Int8], groups: [String?], text: String?)] = []
        for i in 0..<10 { answers.append(([0, 1, 4, 4, 2], [a, i < 3 ? "ja" : "nein"], i == 0 ? "Mehr Laptops A" : nil)) }
        for i in 0..<6 { answers.append(([1, 1, 3, 3, 2], [b, "nein"], i == 0 ? "Wunsch aus B" : nil)) }
        for i in 0..<4 { answers.append(([2, 2, 2, 2, 2], [c, "nein"], i == 0 ? "Geheimwunsch aus C" : nil)) }
        let round = try await makeRound(title: "Quick-Check 2026", opensOn: "2026-03-01", closesOn: "2026-03-31", invited: 40,
                                        questionnaireID: questionnaireID, answers: answers, context: context, on: db)
        let earlier = try await makeRound(title: "Quick-Check 2025", opensOn: "2025-03-01", closesOn: "2025-03-31", invited: nil,
                                          questionnaireID: questionnaireID,
                                          answers: Array(repeating: ([0, 0, 2, 2, 1], [a, "nein"], nil), count: 5), context: context, on: db)
        let small = try await makeRound(title: "Nachbefragung", opensOn: "2026-09-01", closesOn: "2026-09-30", invited: nil,
                                        questionnaireID: questionnaireID,
                                        answers: Array(repeating: ([1, 1, 1, 1, 1], [a, "ja"], "Nur vier"), count: 4), context: context, on: db)

        let assessment = MaturityAssessmentRecord()
        assessment.id = UUID()
        assessment.$municipality.id = municipalityID
        assessment.$questionnaire.id = questionnaireID
        assessment.title = "Workshop Frühjahr"
        assessment.assessedOn = "2026-02-15"
        assessment.participants = "Strategieteam, Hauptamt"
        assessment.version = 1
        try await assessment.create(on: db)
        for (key, level, dontKnow, evidence) in [("s1", 1, false, "Keine Agenda beschlossen"), ("s2", nil, true, nil), ("s3", 4, false, "Alle Plätze neu"),
                                                 ("s4", 3, false, nil), ("s5", 2, false, "Einzelne Fachdienste")] as [(String, Int?, Bool, String?)] {
            let rating = MaturityAssessmentRatingRecord()
            rating.id = UUID()
            rating.$municipality.id = municipalityID
            rating.$assessment.id = try assessment.requireID()
            rating.statementKey = key
            rating.level = level
            rating.dontKnow = dontKnow
            rating.evidence = evidence
            try await rating.create(on: db)
        }
        return Seeded(context: context, questionnaireID: questionnaireID, round: round, earlier: earlier, small: small,
                      assessment: try assessment.requireID(), departments: Array(departments.prefix(3)))
    }

    static func makeRound(title: String, opensOn: String, closesOn: String, invited: Int?, questionnaireID: UUID,
                          answers: [(levels: [Int8], groups: [String?], text: String?)], context: MunicipalityContext,
                          on db: any Database) async throws -> UUID {
        let round = MaturityRoundRecord()
        round.id = UUID()
        round.$municipality.id = context.municipalityID
        round.$questionnaire.id = questionnaireID
        round.title = title
        round.opensOn = opensOn
        round.closesOn = closesOn
        round.access = "public"
        round.publicToken = UUID().uuidString
        round.invitedCount = invited
        round.minimumGroupSize = 5
        round.version = 1
        try await round.create(on: db)
        for answer in answers {
            let response = MaturityResponseRecord()
            response.id = UUID()
            response.$municipality.id = context.municipalityID
            response.$round.id = try round.requireID()
            response.submissionKey = UUID().uuidString
            response.levels = MaturityResponseCoding.encode(answer.levels)
            response.groups = MaturityResponseCoding.encodeOptionals(answer.groups)
            response.freeTexts = MaturityResponseCoding.encodeOptionals([answer.text])
            response.receivedOn = opensOn
            try await response.create(on: db)
        }
        return try round.requireID()
    }

    /// A round of Nachbarstadt (its own copy of the questionnaire, five answers carrying the marker).
    static func foreignRound(_ server: TestServer, _ other: Fixtures.OtherMunicipality) async throws -> UUID {
        let municipalityID = try other.municipality.requireID()
        let record = try QuestionnaireRecord(municipalityID: municipalityID, questionnaire)
        try await record.create(on: server.db)
        let user = try #require(try await User.find(other.userID, on: server.db))
        let context = MunicipalityContext(municipality: other.municipality, municipalityID: municipalityID, user: CurrentUser(user),
                                          role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false))
        return try await makeRound(title: "Runde \(Fixtures.OtherMunicipality.marker)", opensOn: "2026-01-01", closesOn: "2026-01-31", invited: nil,
                                   questionnaireID: try record.requireID(),
                                   answers: Array(repeating: ([0, 0, 0, 0, 0], [nil, nil], "Text \(Fixtures.OtherMunicipality.marker)"), count: 5),
                                   context: context, on: server.db)
    }

    /// The part of a page between two markers.
    static func section(_ body: String, from start: String, to end: String) -> String? {
        guard let from = body.range(of: start) else { return nil }
        guard let until = body[from.upperBound...].range(of: end) else { return String(body[from.lowerBound...]) }
        return String(body[from.lowerBound..<until.upperBound])
    }
}
