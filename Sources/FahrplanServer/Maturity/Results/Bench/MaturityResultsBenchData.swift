import FahrplanCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// What `fahrplan bench-data maturity` wrote, as lines for the benchmark's output.
public struct MaturityBenchDataSummary: Sendable {
    public var roundID: UUID
    /// The round's public link token: the benchmark sends one more answer through it and measures the recomputation.
    public var publicToken: String
    public var responses: Int
    public var statements: Int
    public var departments: Int
    public var seconds: Double

    public var lines: [String] {
        ["round: \(roundID.uuidString)",
         "token: \(publicToken)",
         "responses: \(responses) × \(statements) statements, \(departments) departments",
         String(format: "written in %.1f s", seconds)]
    }
}

/// A Quick-Check round for the results benchmark (benchmarks/maturity-results-http.sh): a questionnaire of
/// `statements` statements in 8 topic fields (scale 0–4 with "weiß nicht"), a round with k = 5, and `responses`
/// anonymous responses written straight into `maturity_responses` in large batches (the answering path has its own
/// benchmark). Answers lean by department (so means differ), 5 % "don't know", 3 % skipped, a free text in one of
/// ten; the last of 12 departments has only 3 responses, so the department breakdown withholds it and, by
/// difference protection, the next smallest. Deterministic for a seed.
enum MaturityResultsBenchData {
    static let fieldTitles = ["Führung und Strategie", "Organisation und Prozesse", "Personal und Kompetenzen", "Technik und Infrastruktur",
                              "Services für Bürger und Unternehmen", "Daten, Datenschutz und Informationssicherheit",
                              "Kommunikation und Beteiligung", "Smart City/Region"]

    static func questionnaire(statements: Int) -> Questionnaire {
        let fieldCount = fieldTitles.count
        var fields: [TopicField] = []
        var number = 0
        for (index, title) in fieldTitles.enumerated() {
            let size = statements / fieldCount + (index >= fieldCount - statements % fieldCount ? 1 : 0)
            fields.append(TopicField(key: "bench-\(index + 1)", title: title, statements: (0..<size).map { _ in
                number += 1
                return Statement(key: "bench-s\(number)", text: "Aussage \(number) im Themenfeld \(title)",
                                 explanation: "Warum Aussage \(number) wichtig ist.",
                                 firstSteps: ["Erster Schritt A zu Aussage \(number)", "Erster Schritt B zu Aussage \(number)"])
            }))
        }
        return Questionnaire(key: "fahrplan-benchmark", version: 1, title: "Benchmark-Fragebogen",
                             scale: RatingScale(levels: [.init(value: 0, label: "trifft nicht zu"), .init(value: 1, label: "trifft eher nicht zu"),
                                                         .init(value: 2, label: "teils/teils"), .init(value: 3, label: "trifft eher zu"),
                                                         .init(value: 4, label: "trifft voll zu")], dontKnow: "weiß nicht"),
                             fields: fields, freeText: [FreeTextQuestion(key: "wunsch", text: "Was würde Ihnen helfen?")],
                             grouping: [GroupingQuestion(key: "department", text: "In welchem Bereich arbeiten Sie?", kind: .department),
                                        GroupingQuestion(key: "leadership", text: "Haben Sie Führungsverantwortung?", kind: .choice, options: ["ja", "nein"])])
    }

    static func generate(_ app: Application, slug: String, responses: Int, statements: Int, seed: UInt64) async throws -> MaturityBenchDataSummary {
        let started = Date()
        let db = app.db
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == slug).first(), let municipalityID = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        guard let sql = db as? any SQLDatabase else { throw AppConfiguration.Problem(description: "The benchmark needs an SQL database.") }
        let units = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).all().prefix(12).compactMap { $0.id?.uuidString }
        let questionnaire = questionnaire(statements: statements)
        try questionnaire.validate()
        let record = try QuestionnaireRecord(municipalityID: municipalityID, questionnaire)
        record.key = "fahrplan-benchmark-\(UUID().uuidString.prefix(8).lowercased())"
        try await record.create(on: db)
        let round = MaturityRoundRecord()
        round.id = UUID()
        round.$municipality.id = municipalityID
        round.$questionnaire.id = try record.requireID()
        round.title = "Benchmark-Runde (\(responses) Antworten)"
        // Open today (the server's calendar day), so that the benchmark can answer once more.
        let today = app.municipalCalendar.today
        round.opensOn = (today.adding(days: -14) ?? today).iso
        round.closesOn = (today.adding(days: 14) ?? today).iso
        round.access = "public"
        round.publicToken = UUID().uuidString
        round.invitedCount = responses + responses / 4
        round.minimumGroupSize = 5
        round.version = 1
        try await round.create(on: db)
        let roundID = try round.requireID()

        var random = SplitMix64(seed: seed)
        let count = questionnaire.statements.count
        // Department i's answers lean by i (−1 … +1 around the middle); the last department gets 3 responses.
        var rows: [(levels: String, groups: String?, text: String?)] = []
        rows.reserveCapacity(responses)
        for index in 0..<responses {
            let unit: Int
            if units.isEmpty { unit = -1 } else if units.count > 1 && index < 3 { unit = units.count - 1 } else {
                unit = random.int(0..<max(1, units.count - 1))
            }
            let lean = units.count > 1 ? Double(max(0, unit)) / Double(units.count - 1) * 2 - 1 : 0
            var levels = [Int8](repeating: 0, count: count)
            for s in 0..<count {
                let draw = random.uniform()
                if draw < 0.05 { levels[s] = MaturityResponse.dontKnowCode; continue }
                if draw < 0.08 { levels[s] = MaturityResponse.skippedCode; continue }
                let base = 2.0 + lean + Double(s % 5 - 2) * 0.3 + (random.uniform() - 0.5) * 2.2
                levels[s] = Int8(max(0, min(4, Int(base.rounded()))))
            }
            let groups: [String?] = [unit >= 0 ? units[unit] : nil, random.uniform() < 0.15 ? "ja" : "nein"]
            let text = random.uniform() < 0.1 ? "Wunsch \(index % 500): bessere Ausstattung und Fortbildung" : nil
            rows.append((MaturityResponseCoding.encode(levels), MaturityResponseCoding.encodeOptionals(groups),
                         text.flatMap { MaturityResponseCoding.encodeOptionals([$0]) }))
        }
        let columns = ["id", "municipality_id", "round_id", "submission_key", "levels", "groups", "free_texts", "received_on"]
        let batch = 3_000
        let finalRows = rows
        try await db.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            for start in stride(from: 0, to: finalRows.count, by: batch) {
                let insert = sql.insert(into: MaturityResponseRecord.schema).columns(columns)
                for row in finalRows[start..<min(start + batch, finalRows.count)] {
                    insert.values([SQLBind(UUID()), SQLBind(municipalityID), SQLBind(roundID), SQLBind(UUID().uuidString), SQLBind(row.levels),
                                   SQLBind(row.groups), SQLBind(row.text), SQLBind(round.opensOn)])
                }
                try await insert.run()
            }
        }
        _ = sql
        return MaturityBenchDataSummary(roundID: roundID, publicToken: round.publicToken ?? "", responses: responses, statements: count, departments: units.count,
                                        seconds: Date().timeIntervalSince(started))
    }
}
