import Fluent
import FluentSQL
import SQLKit
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
        guard let sql = request.db as? any SQLDatabase,
              let row = try await sql.select()
                .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("u")))
                .column(SQLColumn("id", table: "t"), as: "token_id")
                .column(SQLColumn("municipality_id", table: "t"), as: "token_municipality_id")
                .column(SQLColumn("last_used_at", table: "t"), as: "token_last_used_at")
                .from(SQLAlias(SQLIdentifier(APIToken.schema), as: SQLIdentifier("t")))
                .join(SQLAlias(SQLIdentifier(User.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                      on: SQLBinaryExpression(SQLColumn("id", table: "u"), .equal, SQLColumn("user_id", table: "t")))
                .where(SQLColumn("token_hash", table: "t"), .equal, SQLBind(Secrets.sha256(bearer)))
                .where(SQLColumn("revoked_at", table: "t"), .is, SQLLiteral.null)
                .first()
        else { throw FahrplanError.unauthorized }
        let user = try row.decode(fluentModel: User.self)
        guard user.disabledAt == nil else { throw FahrplanError.unauthorized }
        let tokenID = try row.decode(column: "token_id", as: UUID.self)
        let municipalityID = try row.decode(column: "token_municipality_id", as: UUID.self)
        let lastUsed = try row.decodeNil(column: "token_last_used_at") ? nil : try row.decode(column: "token_last_used_at", as: Date.self)
        let now = Date()
        if lastUsed.map({ now.timeIntervalSince($0) > Self.touchInterval }) ?? true {
            try await APIToken.query(on: request.db).filter(\.$id == tokenID).set(\.$lastUsedAt, to: now).update()
        }
        request.currentUser = CurrentUser(user, tokenMunicipalityID: municipalityID)
        return try await next.respond(to: request)
    }
}
