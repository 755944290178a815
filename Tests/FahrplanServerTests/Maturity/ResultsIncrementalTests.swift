import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import SQLKit
import Testing

/// The results keep an aggregate per round and add only the answers that arrived since (`maturity_responses.seq`,
/// `MaturityResultsService.aggregate`). These tests hold what that gives to a full recomputation with empty caches,
/// over random answers sent in random steps through the real write path, and show which changes still recompute
/// everything. SQLite, or PostgreSQL with TEST_DATABASE_URL. No timing is measured here.
@Suite("Maturity: results kept current answer by answer equal a full recomputation", .serialized)
struct ResultsIncrementalTests {
    /// A small deterministic generator, so a failure is reproducible from its seed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let texts = ["Wunsch aus B", "wunsch aus b", "Mehr Laptops A", "Äpfel", "Apfel 10", "Apfel 9", "\"Zitat\" / Pfad"]

    static func randomAnswer(_ seeded: ResultsFixtures.Seeded, others: [String], using generator: inout Generator) -> SurveySubmissionWriter.Submission {
        let units = seeded.departments.map { $0.id!.uuidString } + others
        let levels = (0..<5).map { _ in Int8(Int.random(in: -2...4, using: &generator)) }
        let unit = Int.random(in: 0...(units.count + 1), using: &generator)
        let leadership = Int.random(in: 0...2, using: &generator)
        let text = Int.random(in: 0...(texts.count + 2), using: &generator)
        return SurveySubmissionWriter.Submission(
            municipalityID: seeded.context.municipalityID, roundID: seeded.round, submissionKey: UUID().uuidString,
            levels: MaturityResponseCoding.encode(levels),
            groups: MaturityResponseCoding.encodeOptionals([unit < units.count ? units[unit] : nil, leadership < 2 ? ["ja", "nein"][leadership] : nil]),
            freeTexts: MaturityResponseCoding.encodeOptionals([text < texts.count ? texts[text] : nil]), receivedOn: "2026-03-20", invitationHash: nil)
    }

    /// Total, free texts and both breakdowns from the kept caches equal those computed with empty caches.
    static func expectSame(_ server: TestServer, _ seeded: ResultsFixtures.Seeded, _ note: String) async throws {
        let kept = MaturityResultsService(db: server.db, context: seeded.context, caches: server.app.maturityResultsCaches)
        let fresh = MaturityResultsService(db: server.db, context: seeded.context, caches: MaturityResultsCaches())
        let round = try #require(try await MaturityRoundRecord.find(seeded.round, on: server.db))
        for group in [nil, "department", "leadership"] as [String?] {
            let a = try await kept.results(round, groupingKey: group)
            let b = try await fresh.results(round, groupingKey: group)
            #expect(a.total == b.total, "\(note): total (\(group ?? "-"))")
            #expect(a.freeTexts == b.freeTexts, "\(note): free texts")
            #expect(a.breakdown?.breakdown == b.breakdown?.breakdown, "\(note): breakdown by \(group ?? "-")")
            #expect(a.results?.responseCount == b.responseCount)
        }
    }

    static func kept(_ server: TestServer, _ seeded: ResultsFixtures.Seeded) async throws -> KeptAggregate? {
        let round = try #require(try await MaturityRoundRecord.find(seeded.round, on: server.db))
        let loaded = try await MaturityResultsLoad(db: server.db, context: seeded.context, caches: server.app.maturityResultsCaches).load(round)
        return server.app.maturityResultsCaches.aggregates.value(loaded.state.aggregateKey)
    }

    @Test("random answers in random steps through the writer: every step adds only the new answers and equals a full recomputation",
          arguments: [11, 12, 13] as [UInt64])
    func randomSteps(seed: UInt64) async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            // Answers from two further units as well: listed among the options, shown only when the rule allows.
            let others = try await Department.query(on: server.db).filter(\.$municipality.$id == seeded.context.municipalityID)
                .sort(\.$code).all().dropFirst(3).prefix(2).map { $0.id!.uuidString }
            var generator = Generator(state: seed)
            try await Self.expectSame(server, seeded, "seed \(seed), before")
            #expect(try await Self.kept(server, seeded)?.additions == 0, "the first request reads every answer")
            for step in 1...6 {
                for _ in 0..<Int.random(in: 1...9, using: &generator) {
                    #expect(try await server.app.surveySubmissionWriter.submit(Self.randomAnswer(seeded, others: others, using: &generator)) == .stored)
                }
                try await Self.expectSame(server, seeded, "seed \(seed), step \(step)")
                #expect(try await Self.kept(server, seeded)?.additions == step, "step \(step) read all answers again")
            }
        }
    }

    @Test("a raised k, an answer missing from the numbering (several processes) or a deleted answer recompute everything")
    func otherChangesRecompute() async throws {
        try await withServer { server in
            let seeded = try await ResultsFixtures.seed(server)
            var generator = Generator(state: 99)
            try await Self.expectSame(server, seeded, "before")
            #expect(try await server.app.surveySubmissionWriter.submit(Self.randomAnswer(seeded, others: [], using: &generator)) == .stored)
            try await Self.expectSame(server, seeded, "one answer")
            #expect(try await Self.kept(server, seeded)?.additions == 1)

            // k raised: another state, all read again.
            let round = try #require(try await MaturityRoundRecord.find(seeded.round, on: server.db))
            round.minimumGroupSize = 7
            round.version += 1
            try await round.update(on: server.db)
            try await Self.expectSame(server, seeded, "k raised")
            #expect(try await Self.kept(server, seeded)?.additions == 0)

            // An answer whose number is below the kept watermark (another process committed late): noticed by the count.
            let sql = try #require(server.db as? any SQLDatabase)
            #expect(try await server.app.surveySubmissionWriter.submit(Self.randomAnswer(seeded, others: [], using: &generator)) == .stored)
            try await Self.expectSame(server, seeded, "after the k change")
            let late = Self.randomAnswer(seeded, others: [], using: &generator)
            try await sql.raw("""
                INSERT INTO maturity_responses (id, municipality_id, round_id, submission_key, levels, groups, free_texts, received_on, seq)
                VALUES (\(bind: UUID()), \(bind: late.municipalityID), \(bind: late.roundID), \(bind: late.submissionKey), \(bind: late.levels),
                        \(bind: late.groups), \(bind: late.freeTexts), \(bind: late.receivedOn), \(bind: Int64(1)))
                """).run()
            #expect(try await server.app.surveySubmissionWriter.submit(Self.randomAnswer(seeded, others: [], using: &generator)) == .stored)
            try await Self.expectSame(server, seeded, "late answer")
            #expect(try await Self.kept(server, seeded)?.additions == 0, "the late answer was not noticed")

            // A deleted answer (only by hand: Fahrplan deletes none): fewer answers than kept, all read again.
            try await sql.raw("DELETE FROM maturity_responses WHERE submission_key = \(bind: late.submissionKey)").run()
            try await Self.expectSame(server, seeded, "deleted answer")
            #expect(try await Self.kept(server, seeded)?.additions == 0)
        }
    }

    @Test("a public link kept by the answer path takes no answer after the round was closed elsewhere; the answer is checked again")
    func closedWhileKept() async throws {
        try await withServer { server in
            // A clock that stands still: the link stays kept however slowly this machine runs (the lifetime is 1 s).
            server.app.surveyTargets = SurveyTargetCache(clock: { 0 })
            let seeded = try await ResultsFixtures.seed(server)
            let round = try #require(try await MaturityRoundRecord.find(seeded.round, on: server.db))
            round.closesOn = "2099-12-31"
            round.version += 1
            try await round.update(on: server.db)
            let token = try #require(round.publicToken)
            let visitor = server.client()
            let path = "/api/v1/surveys/\(token)/responses"
            func answer() -> [String: Any] {
                ["submissionKey": Secrets.randomToken(bytes: 16), "ratings": ["s1": 4, "s2": 3, "s3": 2, "s4": 1, "s5": 0]]
            }
            let first = try await visitor.api(.POST, path, token: nil, json: answer())
            #expect(first.status == .created)
            #expect(server.app.surveyTargets.value(token) != nil, "the public link was not kept")

            // Closed by another process (not through this one's pages, which forget what they kept).
            round.closedAt = Date()
            round.version += 1
            try await round.update(on: server.db)
            let late = try await visitor.api(.POST, path, token: nil, json: answer())
            #expect(late.status == .gone)
            #expect(try await MaturityResponseRecord.query(on: server.db).filter(\.$round.$id == seeded.round).count() == 21)
        }
    }
}
