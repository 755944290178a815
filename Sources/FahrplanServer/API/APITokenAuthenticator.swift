import Fluent
import Vapor

/// Authenticates API requests by a personal token (`Authorization: Bearer fpt_…`). The token fixes the
/// municipality: every `/api/v1` call acts within the token's municipality and sees nothing else.
struct APITokenAuthenticator: AsyncMiddleware {
    /// Writing `last_used_at` on every call would turn reads into writes.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token, bearer.hasPrefix(APITokens.prefix) else {
            throw FahrplanError.unauthorized
        }
        guard let match = try await CredentialLookup.find(
            in: APIToken.schema, hash: Secrets.sha256(bearer), columns: ["id", "municipality_id", "last_used_at"],
            onlyWhereNull: "revoked_at", on: request.db),
            match.user.disabledAt == nil
        else { throw FahrplanError.unauthorized }
        let user = match.user
        let tokenID = try match.value("id", as: UUID.self)
        let municipalityID = try match.value("municipality_id", as: UUID.self)
        let lastUsed = try match.optional("last_used_at", as: Date.self)
        let now = Date()
        if lastUsed.map({ now.timeIntervalSince($0) > Self.touchInterval }) ?? true {
            try await APIToken.query(on: request.db).filter(\.$id == tokenID).set(\.$lastUsedAt, to: now).update()
        }
        request.currentUser = CurrentUser(user, tokenMunicipalityID: municipalityID)
        return try await next.respond(to: request)
    }
}
