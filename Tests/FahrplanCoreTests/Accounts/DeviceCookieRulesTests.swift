import FahrplanCore
import Foundation
import Testing

@Suite("Device cookie rules")
struct DeviceCookieRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let owner = UUID()

    @Test("Only an unexpired cookie of the typed account with failures left exempts from the per-name lock")
    func exemption() {
        let later = now.addingTimeInterval(3_600)
        #expect(DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: owner, cookieExpiresAt: later, cookieFailures: 0, now: now))
        #expect(DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: owner, cookieExpiresAt: later, cookieFailures: 9, now: now))
        #expect(!DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: owner, cookieExpiresAt: later, cookieFailures: 10, now: now))
        #expect(!DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: UUID(), cookieExpiresAt: later, cookieFailures: 0, now: now))
        #expect(!DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: nil, cookieExpiresAt: later, cookieFailures: 0, now: now))
        #expect(!DeviceCookieRules.exemptsFromAccountLock(cookieUserID: nil, typedAccountID: owner, cookieExpiresAt: later, cookieFailures: 0, now: now))
        #expect(!DeviceCookieRules.exemptsFromAccountLock(cookieUserID: owner, typedAccountID: owner, cookieExpiresAt: now, cookieFailures: 0, now: now))
        #expect(DeviceCookieRules.isExhausted(failures: 10) && !DeviceCookieRules.isExhausted(failures: 9))
    }

    @Test("An exempt attempt skips only the per-name level; address and installation limits still hold")
    func exemptBlock() {
        let policy = LoginThrottlePolicy(freeAttempts: 5, baseDelay: 60, maxDelay: 600, addressLimit: 3, installationLimit: 1_000)
        let recent = (0..<6).map { now.addingTimeInterval(-Double($0)) }
        let nameOnly = LoginThrottlePolicy.Failures(account: recent)
        #expect(policy.block(nameOnly, now: now)?.level == .account)
        #expect(policy.block(nameOnly, now: now, exemptFromAccountLock: false)?.level == .account)
        #expect(policy.block(nameOnly, now: now, exemptFromAccountLock: true) == nil)
        let fromAddress = LoginThrottlePolicy.Failures(account: recent, address: recent)
        #expect(policy.block(fromAddress, now: now, exemptFromAccountLock: true)?.level == .address)
    }
}
