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

    // MARK: three levels and decay

    func times(_ count: Int, every seconds: TimeInterval = 1, newest: Date) -> [Date] {
        (0..<count).map { newest.addingTimeInterval(-Double($0) * seconds) }
    }

    @Test("40 failures of one name: the right password right after them waits, at most the longest pause")
    func accountBlock() {
        let failures = LoginThrottlePolicy.Failures(account: times(40, newest: last))
        let block = policy.block(failures, now: last.addingTimeInterval(1))
        #expect(block?.level == .account)
        #expect(block?.until == last.addingTimeInterval(900))
        #expect(block?.retryAfter(now: last.addingTimeInterval(1)) == 899)
    }

    @Test("failures decay: once the pause and then the window are over, the owner gets in and has free attempts again")
    func decay() {
        let strict = LoginThrottlePolicy(freeAttempts: 3, baseDelay: 10, maxDelay: 60, failureWindow: 300)
        let failures = LoginThrottlePolicy.Failures(account: times(50, newest: last))
        #expect(strict.block(failures, now: last.addingTimeInterval(59))?.level == .account)
        // After the longest pause the next attempt is let through, even while the failures still count…
        #expect(strict.block(failures, now: last.addingTimeInterval(60)) == nil)
        // …and after a quiet window none of them counts: a wrong password is free again.
        let quiet = last.addingTimeInterval(300)
        #expect(strict.block(LoginThrottlePolicy.Failures(account: failures.account + [quiet]), now: quiet) == nil)
    }

    @Test("only failures inside the window count towards the pause")
    func windowCounts() {
        let strict = LoginThrottlePolicy(freeAttempts: 3, baseDelay: 10, maxDelay: 1_000, failureWindow: 100)
        // Two old failures and three recent ones: three count, the first pause (10 s) applies.
        let failures = LoginThrottlePolicy.Failures(account: [last, last.addingTimeInterval(-1), last.addingTimeInterval(-2),
                                                              last.addingTimeInterval(-200), last.addingTimeInterval(-300)])
        #expect(strict.block(failures, now: last.addingTimeInterval(5))?.until == last.addingTimeInterval(10))
    }

    @Test("a client address trips its ceiling until its oldest counted failure leaves the window")
    func addressCeiling() {
        let strict = LoginThrottlePolicy(addressLimit: 10, addressWindow: 600)
        let below = LoginThrottlePolicy.Failures(address: times(9, every: 10, newest: last))
        #expect(strict.block(below, now: last) == nil)
        #expect(strict.blocks(LoginThrottlePolicy.Failures(address: below.address + [last]), now: last).map(\.level) == [.address])
        let at = LoginThrottlePolicy.Failures(address: times(10, every: 10, newest: last))
        let block = strict.block(at, now: last.addingTimeInterval(1))
        #expect(block == .init(level: .address, until: last.addingTimeInterval(-90 + 600)))
        #expect(strict.block(at, now: last.addingTimeInterval(510)) == nil)
    }

    @Test("the installation-wide ceiling counts failures over all names per minute")
    func installationCeiling() {
        let strict = LoginThrottlePolicy(installationLimit: 20, installationWindow: 60)
        let sprayed = LoginThrottlePolicy.Failures(installation: times(20, every: 2, newest: last))
        #expect(strict.block(sprayed, now: last)?.level == .installation)
        #expect(strict.block(sprayed, now: last.addingTimeInterval(22)) == nil)
        #expect(strict.block(LoginThrottlePolicy.Failures(installation: times(19, newest: last)), now: last) == nil)
    }

    @Test("a limit of 0 switches a ceiling off; the longest of several waits wins")
    func disabledAndLongest() {
        let off = LoginThrottlePolicy(addressLimit: 0, installationLimit: 0)
        #expect(off.block(.init(address: times(500, newest: last), installation: times(500, newest: last)), now: last) == nil)
        let both = LoginThrottlePolicy(freeAttempts: 1, baseDelay: 5, addressLimit: 1, addressWindow: 50)
        let block = both.block(.init(account: [last], address: [last]), now: last)
        #expect(block == .init(level: .address, until: last.addingTimeInterval(50)))
        #expect(both.blocks(.init(account: [last], address: [last]), now: last).map(\.level) == [.account, .address])
    }
}
