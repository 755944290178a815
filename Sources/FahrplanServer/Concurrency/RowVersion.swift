import FahrplanCore
import Fluent
import SQLKit
import Vapor

/// A save based on an older version of the item than the one stored: someone else saved in between.
struct StaleEdit: EditConflictError {
    var currentVersion: Int
}

/// Optimistic concurrency on one row (see migration 015): each save raises the row's version, and a save that
/// names the version it was based on succeeds only while the row still has it.
enum RowVersion {
    /// Raises the version of one row and returns the new one; with `expected`, only if the row still has that
    /// version, else throws `StaleEdit`. One conditional UPDATE, so of two concurrent saves based on the same
    /// version exactly one wins: PostgreSQL re-checks the condition once the first has committed, SQLite runs
    /// one writer at a time. Call it inside the transaction that writes the change, before writing.
    static func claim(_ table: String, column: String = "version", id: UUID, expected: Int?, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "versioned rows need an SQL database") }
        let incremented = SQLBinaryExpression(SQLIdentifier(column), .add, SQLLiteral.numeric("1"))
        var update = sql.update(table).set(SQLIdentifier(column), to: incremented).where(SQLIdentifier("id"), .equal, SQLBind(id))
        if let expected { update = update.where(SQLIdentifier(column), .equal, SQLBind(expected)) }
        if let row = try await update.returning(SQLIdentifier(column)).first() {
            return try row.decode(column: column, as: Int.self)
        }
        throw StaleEdit(currentVersion: try await current(table, column: column, id: id, on: sql))
    }

    /// Raises the version of many rows changed without a precondition (an import), in chunks; returns the new
    /// versions by id.
    static func raise(_ table: String, ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var versions: [UUID: Int] = [:]
        let incremented = SQLBinaryExpression(SQLIdentifier("version"), .add, SQLLiteral.numeric("1"))
        for chunk in ids.chunked(into: 400) {
            let rows = try await sql.update(table).set(SQLIdentifier("version"), to: incremented)
                .where(SQLIdentifier("id"), .in, SQLBind.group(Array(chunk)))
                .returning(SQLIdentifier("id"), SQLIdentifier("version")).all()
            for row in rows { versions[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "version", as: Int.self) }
        }
        return versions
    }

    /// Refuses a save that changes nothing but was based on an older version: the person has not seen what is
    /// stored now, so "nothing to change" would be a guess.
    static func check(_ expected: Int?, against stored: Int) throws {
        if let expected, expected != stored { throw StaleEdit(currentVersion: stored) }
    }

    private static func current(_ table: String, column: String, id: UUID, on sql: any SQLDatabase) async throws -> Int {
        guard let row = try await sql.select().column(SQLIdentifier(column)).from(table)
            .where(SQLIdentifier("id"), .equal, SQLBind(id)).first()
        else { throw FahrplanError.notFound }
        return try row.decode(column: column, as: Int.self)
    }
}

/// The edit version as HTTP carries it: `ETag` on reads and successful writes, `If-Match` on writes.
enum VersionHeaders {
    /// The version an `If-Match` header asks for: nil when absent or `*` (any version). A full replacement
    /// (`required`) without it is refused with 428, so that it cannot overwrite changes it has not seen.
    static func expected(_ req: Request, required: Bool = false) throws -> Int? {
        guard let raw = req.headers.first(name: .ifMatch) else {
            if required { throw VersionPreconditionError(kind: .missing, language: req.language) }
            return nil
        }
        switch EditConflict.version(ifMatch: raw) {
        case .version(let version): return version
        case .any: return nil
        // A tag that names no version of ours matches nothing: version 0 never exists, so the write is refused
        // with 412 — after the permission checks, so that who may not write still learns that first.
        case .invalid: return 0
        }
    }

    static func tagged(_ response: Response, _ version: Int) -> Response {
        response.headers.replaceOrAdd(name: .eTag, value: EditConflict.entityTag(version))
        return response
    }

    /// Encodes `body` with the item's version as `ETag`.
    static func respond<Body: Content>(_ body: Body, version: Int, status: HTTPStatus = .ok, for req: Request) async throws -> Response {
        tagged(try await body.encodeResponse(status: status, for: req), version)
    }

    /// Runs a write named by `If-Match`: a stale or unmatchable tag becomes 412 with the current version named in
    /// the problem's detail, so that the client can fetch, merge and retry.
    static func guarded<T>(_ req: Request, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let stale as StaleEdit {
            throw VersionPreconditionError(kind: .stale(current: stale.currentVersion), language: req.language)
        }
    }
}

/// A version precondition of the API that failed. As an `AbortError` the error middleware answers it with a
/// problem document (412, 428) whose detail names the current version.
struct VersionPreconditionError: AbortError {
    enum Reason { case missing, stale(current: Int) }
    var kind: Reason
    var language: Language

    var status: HTTPResponseStatus {
        if case .missing = kind { return .preconditionRequired }
        return .preconditionFailed
    }

    var reason: String {
        let de = language == .de
        switch kind {
        case .missing:
            return de ? "Eine vollständige Ersetzung braucht „If-Match“ mit der Version (ETag), auf der sie beruht."
                      : "A full replacement needs If-Match with the version (ETag) it is based on."
        case .stale(let version):
            return de ? "Inzwischen hat jemand anderes diesen Eintrag gespeichert: aktuell ist Version \(version). Bitte neu laden, vergleichen und mit If-Match: \"\(version)\" erneut senden."
                      : "Someone else saved this item in the meantime: the current version is \(version). Please reload, compare and send again with If-Match: \"\(version)\"."
        }
    }
}

/// Gives every new versioned row its first version explicitly: SQLite writes NULL, not the column's default,
/// for a field Fluent leaves unset on create.
struct InitialVersion<M: Model>: AsyncModelMiddleware {
    let assign: @Sendable (M) -> Void

    func create(model: M, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        assign(model)
        try await next.create(model, on: db)
    }
}
