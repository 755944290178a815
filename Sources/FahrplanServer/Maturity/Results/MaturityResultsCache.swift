import FahrplanCore
import Foundation
import Vapor

/// What a round's results depend on. Responses are only ever added (never changed or deleted while the round
/// exists), so the number of stored responses names their set; the questionnaire's record and edit version, the
/// round's edit version, k and the invited count cover every other input. A new answer changes `responses`, so
/// a cached result is never served after one arrived.
struct RoundState: Hashable, Sendable {
    var round: UUID
    var responses: Int
    var questionnaire: UUID
    var questionnaireVersion: Int
    var roundVersion: Int
    var k: Int
    var invited: Int?
}

extension RoundState {
    /// The state without its response count: what an aggregate kept current answer by answer is filed under, so a
    /// new answer finds the aggregate of the state before it, and anything else that changed (questionnaire, k,
    /// invited count, any edit of the round) finds none and computes afresh.
    var aggregateKey: RoundState {
        var key = self
        key.responses = -1
        return key
    }
}

/// A round's aggregate with the highest response number (`maturity_responses.seq`) it holds: what arrived later
/// has a higher number and is added to it (`MaturityResultsService.aggregate`).
struct KeptAggregate: Sendable {
    var aggregate: MaturityRoundAggregate
    var watermark: Int64
    /// How often new responses were added since all were read (tests tell the two paths apart by it).
    var additions = 0
}

/// Results computed from a round's responses, per `RoundState` (see `MaturityResultsCaches`).
struct ComputedRound: Sendable {
    /// The total under the k rule. Its free texts are left empty here: `freeTexts` holds them, sorted.
    var total: MaturityGroupOutcome
    /// The total's free texts per question, sorted (never in order of arrival); empty when the total is withheld.
    var freeTexts: [[String]]
    /// Per grouping question (by position): the options some answer chose, for the department list of a breakdown.
    var chosen: [Set<String>]
}

/// A breakdown by one grouping question with the groups listed in `options` order.
struct BreakdownKey: Hashable, Sendable {
    var state: RoundState
    var groupingKey: String
    var options: [String]
}

/// The caches of the results, one set per application (so test servers in one process, whose copied demo
/// databases share round ids, never see each other's entries): computed totals and breakdowns (small: counts per
/// statement and the sorted free texts) and the decoded responses they are computed from (about 6 MB for
/// 20,000 × 60, so fewer of them). Bounded by entry count, least recently used first out.
final class MaturityResultsCaches: Sendable {
    let totals: LRUCache<RoundState, ComputedRound>
    let breakdowns: LRUCache<BreakdownKey, MaturityBreakdown>
    let responses: LRUCache<RoundState, [MaturityResponse]>
    /// Per round (`RoundState.aggregateKey`): counts per statement, level and group and the sorted free texts, about
    /// 0.2 MB for 20,000 × 60 with 12 departments.
    let aggregates: LRUCache<RoundState, KeptAggregate>
    /// Parsed questionnaires by record id and edit version: the standard questionnaire is a 60 KB document, and a
    /// results page needs it once per round it shows.
    let questionnaires: LRUCache<QuestionnaireKey, Questionnaire>

    struct QuestionnaireKey: Hashable, Sendable {
        var id: UUID
        var version: Int
    }

    init(totals: Int = 64, breakdowns: Int = 64, responses: Int = 8, questionnaires: Int = 200, aggregates: Int = 32) {
        self.totals = LRUCache(capacity: totals)
        self.breakdowns = LRUCache(capacity: breakdowns)
        self.responses = LRUCache(capacity: responses)
        self.aggregates = LRUCache(capacity: aggregates)
        self.questionnaires = LRUCache(capacity: questionnaires)
    }

    func questionnaire(_ record: QuestionnaireRecord) throws -> Questionnaire {
        let key = QuestionnaireKey(id: try record.requireID(), version: record.version)
        if let hit = questionnaires.value(key) { return hit }
        let parsed = try record.questionnaire()
        questionnaires.store(key, parsed)
        return parsed
    }

    /// Keeps nothing: for callers without an application (tests, commands), which compute every time.
    static let none = MaturityResultsCaches(totals: 0, breakdowns: 0, responses: 0, questionnaires: 0, aggregates: 0)
}

extension Application {
    private struct MaturityResultsCachesKey: StorageKey { typealias Value = MaturityResultsCaches }

    /// Set once in `configureSurveys` (before any request), so requests only read it.
    var maturityResultsCaches: MaturityResultsCaches {
        get { storage[MaturityResultsCachesKey.self] ?? .none }
        set { storage[MaturityResultsCachesKey.self] = newValue }
    }
}

extension MaturityResultsService {
    /// The service with the application's caches.
    init(req: Request, context: MunicipalityContext) {
        self.init(db: req.db, context: context, caches: req.application.maturityResultsCaches)
    }
}

extension MaturityResultsLoad {
    init(req: Request, context: MunicipalityContext) {
        self.init(db: req.db, context: context, caches: req.application.maturityResultsCaches)
    }
}
