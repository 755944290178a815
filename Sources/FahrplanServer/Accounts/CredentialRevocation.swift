import FahrplanCore
import Fluent
import Foundation

/// Ends what a person could still get in with. Called when a password is changed or reset, when an account is
/// disabled, and when an invitation gives an account fresh credentials: nothing issued before may keep working.
enum CredentialRevocation {
    /// Ends every browser session of the account except `keepingSession` (the person's own, after changing
    /// their password), and revokes every API token of the account.
    static func revokeAll(userID: UUID, keepingSession: UUID? = nil, on db: any Database) async throws {
        var sessions = UserSession.query(on: db).filter(\.$user.$id == userID)
        if let keepingSession { sessions = sessions.filter(\.$id != keepingSession) }
        try await sessions.delete()
        try await APIToken.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: Date()).update()
        // A browser trusted before is no longer trusted: it must prove the new credentials first.
        try await DeviceCookies.revokeAll(userID: userID, on: db)
    }

    /// Lets the owner of a locked-out login name in again after they proved who they are by another path
    /// (an invitation, a reset by an installation administrator).
    static func resetLoginThrottle(email: String, on db: any Database) async throws {
        let loginKey = LoginThrottleStore.loginKey(EmailAddress.normalize(email))
        try await LoginFailure.query(on: db).filter(\.$loginKey == loginKey).delete()
    }
}
