import Foundation

/// How people reach a Quick-Check round: one link for everybody, or one token per person that allows exactly one
/// answer (the token's use is recorded, never which answer it gave).
public enum SurveyAccess: String, Sendable, CaseIterable, Codable {
    case `public`
    case invitation
}

/// Where a round stands on a day: before `opensOn`, between the two days (inclusive), or after `closesOn` or
/// closed early.
public enum SurveyPhase: String, Sendable, CaseIterable, Codable {
    case planned, open, closed

    public static func on(_ today: CalendarDay, opensOn: CalendarDay, closesOn: CalendarDay, closedEarly: Bool) -> SurveyPhase {
        if closedEarly || today > closesOn { return .closed }
        return today < opensOn ? .planned : .open
    }
}

public enum SurveyLimits {
    public static let title = 200
    /// k of the anonymity promise: never below 5 (the promise a Personalrat signs), raised only.
    public static let minimumGroupSize = 5
    public static let maximumGroupSize = 1_000
    public static let maximumInvited = 1_000_000
    /// Tokens made at once; a large administration makes several batches.
    public static let maximumTokensPerBatch = 5_000
    /// The random key a rendered form carries; longer keys are refused, not cut.
    public static let submissionKeyLength = 8...100
}

/// A round as typed into the form or sent to the API: text as given.
public struct SurveyRoundInput: Sendable, Equatable {
    public var questionnaireID: String?
    public var title: String?
    public var opensOn: String?
    public var closesOn: String?
    public var access: String?
    public var invitedCount: String?
    public var minimumGroupSize: String?

    public init(questionnaireID: String? = nil, title: String? = nil, opensOn: String? = nil, closesOn: String? = nil,
                access: String? = nil, invitedCount: String? = nil, minimumGroupSize: String? = nil) {
        self.questionnaireID = questionnaireID; self.title = title; self.opensOn = opensOn; self.closesOn = closesOn
        self.access = access; self.invitedCount = invitedCount; self.minimumGroupSize = minimumGroupSize
    }
}

/// A checked round. Whether the questionnaire exists in the municipality is the server's check.
public struct SurveyRoundValues: Sendable, Equatable {
    public var questionnaireID: UUID
    public var title: String
    public var opensOn: CalendarDay
    public var closesOn: CalendarDay
    public var access: SurveyAccess
    public var invitedCount: Int?
    public var minimumGroupSize: Int
}

/// What an edit may not change of the stored round.
public struct SurveyRoundFacts: Sendable, Equatable {
    public var questionnaireID: UUID
    public var access: SurveyAccess
    public var minimumGroupSize: Int
    public var hasResponses: Bool

    public init(questionnaireID: UUID, access: SurveyAccess, minimumGroupSize: Int, hasResponses: Bool) {
        self.questionnaireID = questionnaireID; self.access = access; self.minimumGroupSize = minimumGroupSize
        self.hasResponses = hasResponses
    }
}

extension SurveyRoundInput {
    /// Checks every field at once. With `existing` (an edit): k may only rise (the promise made to those who
    /// answered holds), the questionnaire is fixed once answers exist (they are positions in it), and the
    /// access cannot change (links and tokens already handed out would stop or start working). A blank k means 5.
    public func validated(existing: SurveyRoundFacts? = nil) throws(ValidationFailure) -> SurveyRoundValues {
        var check = Validator()
        let questionnaireText = CleanText.normalize(questionnaireID, multiline: false)
        var questionnaire = questionnaireText.flatMap(UUID.init(uuidString:))
        if questionnaireText == nil { check.add("questionnaireID", .required) }
        else if questionnaire == nil { check.add("questionnaireID", .unknownReference) }
        if let existing, existing.hasResponses, let chosen = questionnaire, chosen != existing.questionnaireID {
            check.add("questionnaireID", .invalidChoice)
            questionnaire = existing.questionnaireID
        }
        let title = check.text("title", title, required: true, max: SurveyLimits.title)
        let opensOn = check.requiredDay("opensOn", opensOn)
        let closesOn = check.requiredDay("closesOn", closesOn)
        if let opensOn, let closesOn, closesOn < opensOn { check.add("closesOn", .endBeforeStart) }
        var access: SurveyAccess?
        if let raw = CleanText.normalize(self.access, multiline: false) {
            access = SurveyAccess(rawValue: raw)
            if access == nil { check.add("access", .invalidChoice) }
        } else if let existing {
            access = existing.access
        } else {
            check.add("access", .required)
        }
        if let existing, let chosen = access, chosen != existing.access { check.add("access", .invalidChoice) }
        let invited = check.integer("invitedCount", invitedCount, range: 1...SurveyLimits.maximumInvited)
        let lowest = max(SurveyLimits.minimumGroupSize, existing?.minimumGroupSize ?? SurveyLimits.minimumGroupSize)
        let k = check.integer("minimumGroupSize", minimumGroupSize, range: lowest...SurveyLimits.maximumGroupSize) ?? lowest
        if !check.problems.isEmpty { throw ValidationFailure(check.problems) }
        return SurveyRoundValues(questionnaireID: questionnaire!, title: title ?? "", opensOn: opensOn!, closesOn: closesOn!,
                                 access: access!, invitedCount: invited, minimumGroupSize: k)
    }
}

/// How many answers one client address may send into one round within a window, against ballot stuffing on a
/// public link. In memory of one server process. The defaults are generous on purpose: a whole town hall sits
/// behind one NAT address, and when a mayor asks all 400 staff to answer during a staff meeting, most of them send
/// within minutes — refusing them would spoil the survey far more than a stuffer could. 300 per 10 minutes still
/// stops a script (it would need hours for what a loop does in seconds), and the strategy team sees an implausible
/// count against the invited number. `limit` 0 switches the limit off (the benchmark does).
public struct SurveyRateLimit: Sendable, Equatable {
    public var limit: Int
    public var window: TimeInterval

    public init(limit: Int = 300, window: TimeInterval = 600) { self.limit = limit; self.window = window }
}

/// A sliding-window counter per key: `attempt` records an attempt at `now` and says whether it is allowed, or
/// after how many seconds the oldest counted attempt leaves the window. Refused attempts are not counted, so a
/// client that keeps trying is let in again as soon as the window allows.
public struct SlidingWindowCounter: Sendable {
    public private(set) var policy: SurveyRateLimit
    private var attempts: [String: [TimeInterval]] = [:]
    private var sweptAt: TimeInterval = 0

    public init(policy: SurveyRateLimit) { self.policy = policy }

    public enum Decision: Equatable, Sendable {
        case allowed
        case refused(retryAfter: Int)
    }

    public mutating func attempt(_ key: String, now: TimeInterval) -> Decision {
        guard policy.limit > 0 else { return .allowed }
        sweep(now)
        var times = attempts[key, default: []]
        times.removeAll { $0 <= now - policy.window }
        if times.count >= policy.limit {
            attempts[key] = times
            let wait = times[0] + policy.window - now
            return .refused(retryAfter: max(1, Int(wait.rounded(.up))))
        }
        times.append(now)
        attempts[key] = times
        return .allowed
    }

    /// Forgets keys with no attempt inside the window, at most once per window, so memory stays bounded by the
    /// addresses active in the last window.
    private mutating func sweep(_ now: TimeInterval) {
        guard now - sweptAt >= policy.window else { return }
        sweptAt = now
        attempts = attempts.filter { ($0.value.last ?? 0) > now - policy.window }
    }
}
