import Fluent
import Vapor

/// The signed-in person of a request and, for browser requests, the session they came with.
struct CurrentUser: Sendable {
    var id: UUID
    var email: String
    var displayName: String
    var isInstallationAdmin: Bool
    /// Signs in with a second factor (see `MFAEnforcementMiddleware`).
    var mfaEnabled: Bool
    /// A municipality of the person requires a second factor (read with the session, `CredentialLookup`).
    var mfaRequiredByMunicipality = false
    /// Must set up a second factor before anything else: installation admins always.
    var mustUseSecondFactor: Bool { isInstallationAdmin || mfaRequiredByMunicipality }
    var preferredLanguage: String?
    var sessionID: UUID?
    var csrfToken: String?
    /// Set when the request came with an API token: the one municipality the token is for.
    var tokenMunicipalityID: UUID?

    init(_ user: User, sessionID: UUID? = nil, csrfToken: String? = nil, tokenMunicipalityID: UUID? = nil) {
        self.id = user.id ?? UUID()
        self.email = user.email
        self.displayName = user.displayName
        self.isInstallationAdmin = user.isInstallationAdmin
        self.mfaEnabled = user.mfaEnabledAt != nil
        self.preferredLanguage = user.preferredLanguage
        self.sessionID = sessionID
        self.csrfToken = csrfToken
        self.tokenMunicipalityID = tokenMunicipalityID
    }
}

extension Request {
    private struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

    var currentUser: CurrentUser? {
        get { storage[CurrentUserKey.self] }
        set { storage[CurrentUserKey.self] = newValue }
    }

    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw Abort(.unauthorized) }
        return user
    }
}
