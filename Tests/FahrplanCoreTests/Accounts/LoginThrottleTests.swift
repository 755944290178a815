import FahrplanCore
import Foundation
import Testing

@Suite("LoginThrottlePolicy: slowing down wrong passwords")
struct LoginThrottleTests {
    let last = Date(timeIntervalSince1970: 1_750_000_000)
    let policy = LoginThrottlePolicy()

    func delay(_ policy: LoginThrottlePolicy, _ failures: Int) -> TimeInterval? {
        policy.blockedUntil(failures: failures, lastFailure: last).map { $0.timeIntervalSince(last) }
    }

    @Test("the defaults: five free attempts, 2 s doubling, at most 15 minutes")
    func defaults() {
        #expect(policy.freeAttempts == 5)
        #expect(policy.baseDelay == 2)
        #expect(policy.maxDelay == 900)
    }

    @Test("the first four failures never block", arguments: [-1, 0, 1, 2, 3, 4])
    func free(failures: Int) {
        #expect(policy.blockedUntil(failures: failures, lastFailure: last) == nil)
    }

    @Test("after the fifth failure the wait starts at 2 s and doubles", arguments: [
        (5, 2.0), (6, 4.0), (7, 8.0), (8, 16.0), (9, 32.0), (12, 256.0), (13, 512.0),
    ])
    func doubling(failures: Int, seconds: TimeInterval) {
        #expect(delay(policy, failures) == seconds)
    }

    @Test("the wait never exceeds 15 minutes", arguments: [14, 15, 25, 26, 100, 10_000, Int.max])
    func capped(failures: Int) {
        #expect(delay(policy, failures) == 900)
    }

    @Test("the wait is counted from the last failure")
    func fromLastFailure() {
        let later = last.addingTimeInterval(3_600)
        #expect(policy.blockedUntil(failures: 6, lastFailure: later) == later.addingTimeInterval(4))
    }

    @Test("the wait never shrinks as failures grow")
    func monotonic() {
        var previous: TimeInterval = 0
        for failures in 0...60 {
            let current = delay(policy, failures) ?? 0
            #expect(current >= previous, "failures \(failures)")
            previous = current
        }
    }

    @Test("a custom policy: no free attempts, 1 s base, 10 s cap")
    func custom() {
        let strict = LoginThrottlePolicy(freeAttempts: 0, baseDelay: 1, maxDelay: 10)
        #expect((0...5).map { delay(strict, $0) } == [1, 2, 4, 8, 10, 10])
    }

    @Test("without a cap the wait still stays finite (the exponent is bounded)")
    func boundedExponent() {
        let uncapped = LoginThrottlePolicy(freeAttempts: 5, baseDelay: 2, maxDelay: .infinity)
        let bound = last.addingTimeInterval(2 * 1_048_576)
        #expect(uncapped.blockedUntil(failures: 25, lastFailure: last) == bound)
        #expect(uncapped.blockedUntil(failures: 26, lastFailure: last) == bound)
        #expect(uncapped.blockedUntil(failures: Int.max, lastFailure: last) == bound)
    }
}
