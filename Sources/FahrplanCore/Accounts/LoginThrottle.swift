import Foundation

/// How logins slow down after wrong passwords. Applied per login name, whether or not such an account
/// exists, so that the throttle itself does not reveal which accounts exist.
public struct LoginThrottlePolicy: Sendable {
    /// Failures in a row that are free.
    public var freeAttempts: Int = 5
    /// Wait after the first failure past the free ones; doubles with each further one.
    public var baseDelay: TimeInterval = 2
    public var maxDelay: TimeInterval = 15 * 60

    public init(freeAttempts: Int = 5, baseDelay: TimeInterval = 2, maxDelay: TimeInterval = 15 * 60) {
        self.freeAttempts = freeAttempts; self.baseDelay = baseDelay; self.maxDelay = maxDelay
    }

    /// The time before which the next attempt is refused, after `failures` wrong passwords in a row.
    public func blockedUntil(failures: Int, lastFailure: Date) -> Date? {
        guard failures >= freeAttempts else { return nil }
        let exponent = min(failures - freeAttempts, 20)
        let delay = min(baseDelay * pow(2, Double(exponent)), maxDelay)
        return lastFailure.addingTimeInterval(delay)
    }
}
