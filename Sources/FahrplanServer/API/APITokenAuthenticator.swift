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
        guard let token = try await APIToken.query(on: request.db)
            .filter(\.$tokenHash == Secrets.sha256(bearer)).filter(\.$revokedAt == nil)
            .join(User.self, on: \APIToken.$user.$id == \User.$id).first(),
            let user = try? token.joined(User.self), user.disabledAt == nil
        else { throw FahrplanError.unauthorized }
        let now = Date()
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > Self.touchInterval }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
        request.currentUser = CurrentUser(user, tokenMunicipalityID: token.$municipality.id)
        return try await next.respond(to: request)
    }
}
