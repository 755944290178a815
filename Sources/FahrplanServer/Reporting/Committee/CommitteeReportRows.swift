import FahrplanCore
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Reads the committee report's rows (some 33,000 for 2,000 projects: status reports, milestones, measurements).
///
/// On SQLite the rows are read on the connection's own thread and handed over all at once. The driver's usual way
/// (`SQLDatabase.raw(…).all()`, also Fluent's `rows()`) schedules one event-loop task per row and decodes each
/// column through a `Decoder`; in the profile of a report over 2,000 projects that hand-over and decoding cost
/// more than assembling the whole report. Values are read straight from `SQLiteData` as Fluent stores them (UUIDs
/// as text, dates as seconds since 1970). PostgreSQL goes through SQLKit as everywhere else.
enum CommitteeReportRows {
    struct Missing: Error { var column: String }

    /// A row of either driver, read by column name.
    struct Row {
        fileprivate enum Storage { case sqlite(SQLiteRow), sql(any SQLRow) }
        fileprivate var storage: Storage

        func uuid(_ column: String) throws -> UUID {
            guard let value = try optionalUUID(column) else { throw Missing(column: column) }
            return value
        }

        func optionalUUID(_ column: String) throws -> UUID? {
            switch storage {
            case .sqlite(let row):
                guard let data = row.column(column), !data.isNull else { return nil }
                return data.string.flatMap(UUID.init(uuidString:))
            case .sql(let row): return try row.decode(column: column, as: UUID?.self)
            }
        }

        func string(_ column: String) throws -> String? {
            switch storage {
            case .sqlite(let row): return row.column(column)?.string
            case .sql(let row): return try row.decode(column: column, as: String?.self)
            }
        }

        func int(_ column: String) throws -> Int? {
            switch storage {
            case .sqlite(let row): return row.column(column)?.integer
            case .sql(let row): return try row.decode(column: column, as: Int?.self)
            }
        }

        func int64(_ column: String) throws -> Int64? {
            switch storage {
            case .sqlite(let row): return row.column(column)?.integer.map(Int64.init)
            case .sql(let row): return try row.decode(column: column, as: Int64?.self)
            }
        }

        func double(_ column: String) throws -> Double? {
            switch storage {
            case .sqlite(let row): return row.column(column)?.double
            case .sql(let row): return try row.decode(column: column, as: Double?.self)
            }
        }

        func bool(_ column: String) throws -> Bool {
            switch storage {
            case .sqlite(let row): return (row.column(column)?.integer ?? 0) != 0
            case .sql(let row): return try row.decode(column: column, as: Bool.self)
            }
        }

        func date(_ column: String) throws -> Date? {
            switch storage {
            case .sqlite(let row):
                guard let data = row.column(column), !data.isNull else { return nil }
                if let seconds = data.double { return Date(timeIntervalSince1970: seconds) }
                return Date(sqliteData: data)
            case .sql(let row): return try row.decode(column: column, as: Date?.self)
            }
        }

        func day(_ column: String) throws -> CalendarDay? { try string(column).flatMap(CalendarDay.init(iso:)) }
    }

    /// Runs `sql` (parameters written `?`, bound from `binds`: UUIDs, strings) and reads each row with `read`
    /// (nil skips the row). `read` runs on the driver's thread on SQLite: it must only build values.
    static func all<T: Sendable>(_ db: any Database, _ sql: String, _ binds: [any Encodable & Sendable],
                                 read: @escaping @Sendable (Row) throws -> T?) async throws -> [T] {
        if let sqlite = db as? any SQLiteDatabase {
            let values: [SQLiteData] = binds.map { bind in
                switch bind {
                case let id as UUID: return .text(id.uuidString)
                case let text as String: return .text(text)
                case let number as Int: return .integer(number)
                default: return .null
                }
            }
            let collector = Collector<T>()
            try await sqlite.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await connection.query(sql, values) { row in collector.add { try read(Row(storage: .sqlite(row))) } }
                }
            }.get()
            return try collector.take()
        }
        guard let database = db as? any SQLDatabase else { throw FahrplanError.notFound }
        var query = SQLQueryString("")
        let parts = sql.split(separator: "?", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            query.appendLiteral(String(part))
            if index < parts.count - 1 { query.appendInterpolation(bind: binds[index]) }
        }
        return try await database.raw(query).all().compactMap { try read(Row(storage: .sql($0))) }
    }

    /// Rows read on the driver's thread; the first error is kept and thrown by `take`.
    private final class Collector<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [T] = []
        private var failure: (any Error)?

        func add(_ make: () throws -> T?) {
            do {
                if let value = try make() { lock.withLock { values.append(value) } }
            } catch {
                lock.withLock { if failure == nil { failure = error } }
            }
        }

        func take() throws -> [T] {
            try lock.withLock {
                if let failure { throw failure }
                return values
            }
        }
    }
}
