import Foundation

/// How logins slow down after wrong passwords, at three levels:
///
/// - per login name, whether or not such an account exists (so the throttle does not reveal which accounts
///   exist): a few free failures, then a pause that doubles with each further failure;
/// - per client address: a ceiling on failures in a sliding window, against one machine trying many names;
/// - for the whole installation: a ceiling on failures per minute over all names, against password spraying
///   from many machines.
///
/// Failures decay: only those within `failureWindow` (per name) or the level's window count. A person whose
/// name an attacker keeps failing is therefore never locked out for good — each counted failure needs the
/// previous pause to be over, the pause is at most `maxDelay`, and an invitation or a reset by an installation
/// administrator clears the name's failures at once.
public struct LoginThrottlePolicy: Sendable, Equatable {
    /// Failures of a login name within `failureWindow` that are free.
    public var freeAttempts: Int = 5
    /// Wait after the first failure past the free ones; doubles with each further one.
    public var baseDelay: TimeInterval = 2
    public var maxDelay: TimeInterval = 15 * 60
    /// Failures of a login name older than this no longer count.
    public var failureWindow: TimeInterval = 60 * 60
    /// Failures from one client address within `addressWindow` after which that address waits.
    public var addressLimit: Int = 100
    public var addressWindow: TimeInterval = 15 * 60
    /// Failures over all login names within `installationWindow` after which every password login waits.
    public var installationLimit: Int = 300
    public var installationWindow: TimeInterval = 60

    /// Beyond this many failures the pause no longer grows (the exponent is bounded).
    static let maxExponent = 20

    public init(freeAttempts: Int = 5, baseDelay: TimeInterval = 2, maxDelay: TimeInterval = 15 * 60,
                failureWindow: TimeInterval = 60 * 60, addressLimit: Int = 100, addressWindow: TimeInterval = 15 * 60,
                installationLimit: Int = 300, installationWindow: TimeInterval = 60) {
        self.freeAttempts = freeAttempts; self.baseDelay = baseDelay; self.maxDelay = maxDelay
        self.failureWindow = failureWindow
        self.addressLimit = addressLimit; self.addressWindow = addressWindow
        self.installationLimit = installationLimit; self.installationWindow = installationWindow
    }

    /// The time before which the next attempt is refused, after `failures` counted wrong passwords of a
    /// login name, the newest at `lastFailure`.
    public func blockedUntil(failures: Int, lastFailure: Date) -> Date? {
        guard failures >= freeAttempts else { return nil }
        let exponent = min(failures - freeAttempts, Self.maxExponent)
        let delay = min(baseDelay * pow(2, Double(exponent)), maxDelay)
        return lastFailure.addingTimeInterval(delay)
    }

    /// How many of a login name's newest failures can matter; a store need not read more.
    public var accountSample: Int { max(freeAttempts, 0) + Self.maxExponent + 1 }

    /// Which level refuses a login attempt, and until when.
    public struct Block: Sendable, Equatable {
        public enum Level: String, Sendable, Equatable { case account, address, installation }
        public var level: Level
        public var until: Date

        public init(level: Level, until: Date) { self.level = level; self.until = until }

        /// Whole seconds to wait, for `Retry-After` (at least 1).
        public func retryAfter(now: Date) -> Int { max(1, Int(until.timeIntervalSince(now).rounded(.up))) }
    }

    /// The recent failures a decision looks at, newest first. A store may pass only the newest
    /// `accountSample`, `addressLimit` and `installationLimit` of them.
    public struct Failures: Sendable, Equatable {
        public var account: [Date]
        public var address: [Date]
        public var installation: [Date]

        public init(account: [Date] = [], address: [Date] = [], installation: [Date] = []) {
            self.account = account; self.address = address; self.installation = installation
        }
    }

    /// Whether an attempt at `now` is refused; the longest wait wins when several levels refuse it.
    public func block(_ failures: Failures, now: Date) -> Block? {
        blocks(failures, now: now).max { $0.until < $1.until }
    }

    /// Every level that refuses an attempt at `now`.
    public func blocks(_ failures: Failures, now: Date) -> [Block] {
        var blocks: [Block] = []
        let account = Self.within(failures.account, window: failureWindow, now: now)
        if let newest = account.first, let until = blockedUntil(failures: account.count, lastFailure: newest), until > now {
            blocks.append(Block(level: .account, until: until))
        }
        if let until = Self.ceilingUntil(failures.address, limit: addressLimit, window: addressWindow, now: now) {
            blocks.append(Block(level: .address, until: until))
        }
        if let until = Self.ceilingUntil(failures.installation, limit: installationLimit, window: installationWindow, now: now) {
            blocks.append(Block(level: .installation, until: until))
        }
        return blocks
    }

    /// With at least `limit` failures in the window, the attempt waits until the `limit`-th newest one leaves it.
    static func ceilingUntil(_ newestFirst: [Date], limit: Int, window: TimeInterval, now: Date) -> Date? {
        let recent = within(newestFirst, window: window, now: now)
        guard limit > 0 else { return nil }
        guard recent.count >= limit else { return nil }
        let until = recent[limit - 1].addingTimeInterval(window)
        return until > now ? until : nil
    }

    /// The failures still inside the window, newest first (input order need not be sorted).
    static func within(_ dates: [Date], window: TimeInterval, now: Date) -> [Date] {
        dates.filter { now.timeIntervalSince($0) < window }.sorted(by: >)
    }
}

/// Device cookies (OWASP "slow down online guessing attacks with device cookies"): a browser in which an
/// account's owner has logged in before carries a secret for that account. An attempt presenting it is not
/// held by the per-name lock, so an attacker who keeps failing the name locks out only browsers that never
/// logged in — the owner's own browser still gets in. The address and installation levels still apply, and
/// the device's own failures are limited: after `failureLimit` of them the cookie is revoked.
public enum DeviceCookieRules {
    /// How long a device cookie stays valid after it was issued.
    public static let lifetime: TimeInterval = 180 * 24 * 3600
    /// Failures presented with one device cookie after which that cookie is revoked.
    public static let failureLimit = 10

    /// Whether an attempt is exempt from the per-name lock: only when the cookie was issued to the very
    /// account whose name was typed, is unexpired, and has not used up its own failures. A cookie of another
    /// account, or an attempt at a name without an account, never is.
    public static func exemptsFromAccountLock(cookieUserID: UUID?, typedAccountID: UUID?, cookieExpiresAt: Date?,
                                              cookieFailures: Int, now: Date) -> Bool {
        guard let cookieUserID, let typedAccountID, cookieUserID == typedAccountID,
              let cookieExpiresAt, cookieExpiresAt > now else { return false }
        return cookieFailures < failureLimit
    }

    /// Whether a device cookie with this many failures is to be revoked.
    public static func isExhausted(failures: Int) -> Bool { failures >= failureLimit }
}

extension LoginThrottlePolicy {
    /// Like `block(_:now:)`, but without the per-name level for an attempt exempt from it (`DeviceCookieRules`).
    public func block(_ failures: Failures, now: Date, exemptFromAccountLock: Bool) -> Block? {
        blocks(failures, now: now).filter { !(exemptFromAccountLock && $0.level == .account) }.max { $0.until < $1.until }
    }
}
