import FahrplanCore
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The anonymous side of a Quick-Check round, shared by the answer page (`/q/:token`) and the public API: find the
/// round a token opens, and take one answer through the checks (open? rate limit? valid?) to the group-commit
/// writer. Nothing about the sender is kept: no address (the rate limit counts it in memory only), no user agent,
/// no cookie, no time of day — see `CreateMaturity`.
struct SurveyAnswering {
    var req: Request

    /// What a token opens.
    struct Target: Sendable {
        var token: String
        /// Shared by the requests of up to a second (`SurveyTargetCache`): read, never changed.
        var round: MaturityRoundRecord
        var roundID: UUID
        var municipality: Municipality
        var questionnaire: Questionnaire
        /// The questionnaire record's edit version `questionnaire` was decoded from.
        var questionnaireVersion: Int
        /// The SHA-256 of the invitation token; nil for a round's public link.
        var invitationHash: String?
        var invitationUsed: Bool
        /// The municipality's active departments for `department` grouping questions (id, label), when asked.
        var departments: [(id: String, label: String)]
    }

    enum Result: Sendable {
        case stored, alreadyReceived, tokenUsed
        case invalid([FieldProblem])
        case notOpenYet(opensOn: CalendarDay)
        case closed
        case rateLimited(retryAfter: Int)
    }

    /// Tokens are base64url from `Secrets.randomToken`; anything else cannot be one and costs no query.
    static func isPlausibleToken(_ token: String) -> Bool {
        (10...100).contains(token.utf8.count) && token.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
    }

    /// The round a token opens, or nil (unknown token, archived round or municipality: the same 404 for all).
    /// What a public link opens is kept for up to `SurveyTargetCache.lifetime` (every answer asked for the round, the
    /// municipality, the questionnaire's version and the unit list: four queries, in the submissions benchmark's
    /// profile about a third of the CPU time of an answer). The writer checks the round's and questionnaire's
    /// versions again inside its transaction, so an answer never lands in a round closed or changed meanwhile.
    /// Invitation tokens are read every time: each opens one answer, and its used flag must be current.
    func target(_ token: String?, cached: Bool = true) async throws -> Target? {
        guard let token, Self.isPlausibleToken(token) else { return nil }
        let cache = req.application.surveyTargets
        if cached, let hit = cache.value(token) { return hit }
        let target = try await load(token)
        if let target, target.invitationHash == nil { cache.store(token, target) }
        return target
    }

    private func load(_ token: String) async throws -> Target? {
        var round = try await MaturityRoundRecord.query(on: req.db).filter(\.$publicToken == token).first()
        var hash: String?
        var used = false
        if round == nil {
            let tokenHash = Secrets.sha256(token)
            guard let invitation = try await MaturityInvitationRecord.query(on: req.db).filter(\.$tokenHash == tokenHash).first() else { return nil }
            round = try await MaturityRoundRecord.find(invitation.$round.id, on: req.db)
            hash = tokenHash
            used = invitation.used
        }
        guard let round, round.archivedAt == nil, let roundID = round.id,
              // A public token of an invitation round does not exist; should one be left over, it opens nothing.
              (hash != nil) == (round.surveyAccess == .invitation),
              let municipality = try await Municipality.find(round.$municipality.id, on: req.db), municipality.archivedAt == nil
        else { return nil }
        let (questionnaire, questionnaireVersion) = try await req.application.surveyQuestionnaires.versioned(round.$questionnaire.id, on: req.db)
        var departments: [(String, String)] = []
        if questionnaire.grouping.contains(where: { $0.kind == .department }) {
            // Read by columns, not as models: every answer asks for the list, and building ~30 Department models by
            // reflection was a fifth of the CPU time of an answer in the submissions benchmark's profile.
            departments = try await Department.query(on: req.db).filter(\.$municipality.$id == round.$municipality.id)
                .filter(\.$archivedAt == nil).field(\.$id).field(\.$code).field(\.$name).sort(\.$code).rows()
                .map { row in
                    let unit = row.schema(Department.schema)
                    return (try unit.decode("id", as: UUID.self).uuidString,
                            "\(try unit.decode("code", as: String.self)) \(try unit.decode("name", as: String.self))")
                }
        }
        return Target(token: token, round: round, roundID: roundID, municipality: municipality, questionnaire: questionnaire,
                      questionnaireVersion: questionnaireVersion, invitationHash: hash, invitationUsed: used, departments: departments)
    }

    /// Checks and stores one answer; returns only after the answer is committed (or refused).
    /// `problems`: what the caller already found wrong (an API rating that is not even a number).
    func submit(_ target: Target, input: MaturityResponseInput, submissionKey rawKey: String?, problems found: [FieldProblem] = [],
                recheck: Bool = true) async throws -> Result {
        let today = req.application.municipalCalendar.today
        switch target.round.phase(on: today) {
        case .planned: return .notOpenYet(opensOn: target.round.opensOnDay)
        case .closed: return .closed
        case .open: break
        }
        if case .refused(let wait) = req.application.surveyRateLimiter.attempt(address: req.clientAddress, scope: target.roundID.uuidString) {
            return .rateLimited(retryAfter: wait)
        }
        if target.invitationUsed {
            // A resent form of the answer that used the token is "already received", not "token used".
            if let key = rawKey, try await MaturityResponseRecord.query(on: req.db).filter(\.$round.$id == target.roundID)
                .filter(\.$submissionKey == key).first() != nil { return .alreadyReceived }
            return .tokenUsed
        }
        var problems = found
        let key = rawKey?.trimmingCharacters(in: .whitespaces) ?? ""
        if key.isEmpty { problems.append(FieldProblem("submissionKey", .required)) }
        else if !SurveyLimits.submissionKeyLength.contains(key.utf8.count) || !Self.isPlausibleToken(key) {
            problems.append(FieldProblem("submissionKey", .invalidChoice))
        }
        var response: MaturityResponse?
        do {
            response = try target.questionnaire.validatedResponse(input, departments: target.departments.map(\.id))
        } catch {
            problems += error.problems
        }
        guard problems.isEmpty, let response else { return .invalid(problems) }
        let outcome = try await req.application.surveySubmissionWriter.submit(SurveySubmissionWriter.Submission(
            municipalityID: target.round.$municipality.id, roundID: target.roundID, submissionKey: key,
            levels: MaturityResponseCoding.encode(response.levels), groups: MaturityResponseCoding.encodeOptionals(response.groups),
            freeTexts: MaturityResponseCoding.encodeOptionals(response.freeTexts), receivedOn: today.iso,
            invitationHash: target.invitationHash, roundVersion: target.round.version, questionnaireVersion: target.questionnaireVersion))
        switch outcome {
        case .stored: return .stored
        case .alreadyReceived: return .alreadyReceived
        case .tokenUsed: return .tokenUsed
        case .roundChanged:
            // The round was closed, edited or archived after this answer's checks: check again against what is stored
            // now (once: a second change within the same answer is answered as a closed round).
            req.application.surveyTargets.forget(target.token)
            guard recheck, let fresh = try await self.target(target.token, cached: false) else { return .closed }
            return try await submit(fresh, input: input, submissionKey: rawKey, problems: found, recheck: false)
        }
    }

    /// Refuses guessing tokens faster than the rate limit allows: unknown tokens share one count per address.
    func unknownTokenAttempt() -> Result? {
        if case .refused(let wait) = req.application.surveyRateLimiter.attempt(address: req.clientAddress, scope: "unknown") {
            return .rateLimited(retryAfter: wait)
        }
        return nil
    }
}

/// Decoded questionnaires of rounds, by questionnaire id and row version: a submission reads one small column
/// instead of decoding the whole document each time, and an edit of the questionnaire (a new row version) is
/// picked up at once.
final class SurveyQuestionnaireCache: Sendable {
    private let entries = NIOLockedValueBox([UUID: (version: Int, questionnaire: Questionnaire)]())

    func questionnaire(_ id: UUID, on db: any Database) async throws -> Questionnaire {
        try await versioned(id, on: db).questionnaire
    }

    /// The questionnaire with the record's edit version it was decoded from.
    func versioned(_ id: UUID, on db: any Database) async throws -> (questionnaire: Questionnaire, version: Int) {
        guard let row = try await QuestionnaireRecord.query(on: db).filter(\.$id == id).field(\.$id).field(\.$version).first() else {
            throw FahrplanError.notFound
        }
        if let cached = entries.withLockedValue({ $0[id] }), cached.version == row.version { return (cached.questionnaire, cached.version) }
        guard let record = try await QuestionnaireRecord.find(id, on: db) else { throw FahrplanError.notFound }
        let questionnaire = try record.questionnaire()
        entries.withLockedValue { entries in
            if entries.count > 1_000 { entries.removeAll() }
            entries[id] = (record.version, questionnaire)
        }
        return (questionnaire, record.version)
    }
}

/// What public links open (`SurveyAnswering.target`), each kept for `lifetime` seconds after it was read: the bound
/// on how long an edit of the municipality or its units can take to reach the answer path. Round and questionnaire
/// edits never slip through: the writer compares their versions (`SurveySubmissionWriter.Submission.roundVersion`).
/// `FAHRPLAN_SURVEY_LINK_CACHE` sets the lifetime (default 1 s); 0 keeps nothing.
final class SurveyTargetCache: Sendable {
    static let capacity = 1_000
    let lifetime: Double
    private let entries = NIOLockedValueBox([String: (expires: Double, target: SurveyAnswering.Target)]())
    private let clock: @Sendable () -> Double

    init(lifetime: Double = 1, clock: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.lifetime = lifetime; self.clock = clock
    }

    func value(_ token: String) -> SurveyAnswering.Target? {
        let now = clock()
        return entries.withLockedValue { entries in
            guard let entry = entries[token] else { return nil }
            if entry.expires > now { return entry.target }
            entries[token] = nil
            return nil
        }
    }

    func store(_ token: String, _ target: SurveyAnswering.Target) {
        guard lifetime > 0 else { return }
        let expires = clock() + lifetime
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[token] = (expires, target)
        }
    }

    func forget(_ token: String) { entries.withLockedValue { $0[token] = nil } }

    /// After a round was edited or closed in this process, so its own pages are exact at once (other processes
    /// within `lifetime`; their answers are checked by the writer either way).
    func removeAll() { entries.withLockedValue { $0.removeAll() } }
}

extension Application {
    private struct SurveyQuestionnaireCacheKey: StorageKey { typealias Value = SurveyQuestionnaireCache }

    private struct SurveyTargetCacheKey: StorageKey { typealias Value = SurveyTargetCache }

    /// Set once in `configureSurveys` (before any request), so requests only read it.
    var surveyTargets: SurveyTargetCache {
        get {
            guard let cache = storage[SurveyTargetCacheKey.self] else { fatalError("configure() sets the survey target cache") }
            return cache
        }
        set { storage[SurveyTargetCacheKey.self] = newValue }
    }

    var surveyQuestionnaires: SurveyQuestionnaireCache {
        get {
            guard let cache = storage[SurveyQuestionnaireCacheKey.self] else { fatalError("configure() sets the questionnaire cache") }
            return cache
        }
        set { storage[SurveyQuestionnaireCacheKey.self] = newValue }
    }
}
