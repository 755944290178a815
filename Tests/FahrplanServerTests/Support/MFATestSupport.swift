import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation

/// Second-factor steps the way a person with an authenticator app does them, for tests that log in as
/// someone who must have one (the installation admin, members of a municipality that requires it).
enum MFATestSupport {
    static func user(_ email: String, on server: TestServer) async throws -> User? {
        try await User.query(on: server.db).filter(\.$email == EmailAddress.normalize(email)).first()
    }

    static func service(_ server: TestServer) -> MFAService {
        MFAService(db: server.db, clock: server.app.mfaClock)
    }

    /// Sets up the second factor through `MFAService` (as the set-up page does); returns the recovery codes.
    @discardableResult
    static func enroll(_ email: String, on server: TestServer) async throws -> [String] {
        guard let user = try await user(email, on: server) else { throw MFATestError.noAccount(email) }
        let secret = try await service(server).pendingSecret(for: user)
        let code = TOTP(secret: secret).code(at: server.app.mfaClock.now())
        guard let codes = try await service(server).confirm(user, code: code) else { throw MFATestError.notConfirmed(email) }
        return codes
    }

    /// Enrols the account when it must have a second factor and has none yet.
    static func enrollIfRequired(_ email: String, on server: TestServer) async throws {
        guard let user = try await user(email, on: server), user.mfaEnabledAt == nil,
              try await service(server).isRequired(user) else { return }
        try await enroll(email, on: server)
    }

    /// A code the server accepts now: the current step's, or the next step's when the current one was used.
    /// When both were used, the person would wait for the next code; the test moves the server's code clock
    /// on by a step instead of sleeping.
    static func freshCode(for email: String, on server: TestServer) async throws -> String {
        guard let user = try await user(email, on: server), let stored = user.totpSecret, let secret = Base32.decode(stored) else {
            throw MFATestError.noAccount(email)
        }
        let clock = server.app.mfaClock
        let current = TOTP.step(at: clock.now())
        let target = max(current, (user.totpLastStep ?? current - 1) + 1)
        if target > current + TOTP.window {
            clock.advance(by: TimeInterval((target - current - TOTP.window) * TOTP.period))
        }
        return TOTP(secret: secret).code(atStep: target)
    }

    enum MFATestError: Error { case noAccount(String), notConfirmed(String) }
}
