import Fluent
import Vapor

/// Authenticates API requests by a personal token (`Authorization: Bearer fpt_…`). The token fixes the
/// municipality: every `/api/v1` call acts within the token's municipality and sees nothing else.
/// An expired token is no token (401); a read-only token may read but not write (403).
struct APITokenAuthenticator: AsyncMiddleware {
    /// Writing `last_used_at` on every call would turn reads into writes.
    static let touchInterval: TimeInterval = 60

    /// What the request's token is, for `/api/v1/me`.
    struct TokenInfo: Sendable {
        var name: String
        var scope: APITokenScope
        var expiresAt: Date?
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token, bearer.hasPrefix(APITokens.prefix) else {
            throw FahrplanError.unauthorized
        }
        guard let match = try await CredentialLookup.find(
            in: APIToken.schema, hash: Secrets.sha256(bearer),
            columns: ["id", "municipality_id", "last_used_at", "expires_at", "scope", "name"],
            onlyWhereNull: "revoked_at", on: request.db),
            match.user.disabledAt == nil
        else { throw FahrplanError.unauthorized }
        let now = Date()
        let expiresAt = try match.optional("expires_at", as: Date.self)
        if let expiresAt, expiresAt <= now { throw FahrplanError.unauthorized }
        // An unknown scope (a newer release's, after a downgrade) grants the least.
        let scope = APITokenScope(rawValue: try match.value("scope", as: String.self)) ?? .readOnly
        if scope == .readOnly, request.method != .GET, request.method != .HEAD {
            return readOnlyRefusal(request)
        }
        let user = match.user
        let tokenID = try match.value("id", as: UUID.self)
        let municipalityID = try match.value("municipality_id", as: UUID.self)
        let lastUsed = try match.optional("last_used_at", as: Date.self)
        if lastUsed.map({ now.timeIntervalSince($0) > Self.touchInterval }) ?? true {
            try await APIToken.query(on: request.db).filter(\.$id == tokenID).set(\.$lastUsedAt, to: now).update()
        }
        request.currentUser = CurrentUser(user, tokenMunicipalityID: municipalityID)
        request.apiToken = TokenInfo(name: try match.value("name", as: String.self), scope: scope, expiresAt: expiresAt)
        return try await next.respond(to: request)
    }

    /// A problem document that says why, rather than the generic "not allowed": the person's role may well
    /// allow the change, only this token does not.
    private func readOnlyRefusal(_ request: Request) -> Response {
        let detail = request.language == .de
            ? "Dieser API-Token darf nur lesen (GET, HEAD); für Änderungen ist ein Token mit vollem Zugriff nötig."
            : "This API token is read-only (GET, HEAD); changes need a token with full access."
        return ProblemDocument.response(.forbidden, detail: detail, request: request)
    }
}

extension Request {
    private struct APITokenKey: StorageKey { typealias Value = APITokenAuthenticator.TokenInfo }

    /// The token an API request came with; nil for browser requests.
    var apiToken: APITokenAuthenticator.TokenInfo? {
        get { storage[APITokenKey.self] }
        set { storage[APITokenKey.self] = newValue }
    }
}
