import Fluent
import Foundation
import SQLKit

/// A model that can be inserted in bulk without Fluent's reflection: it names its columns and hands its
/// values out directly. Fluent's `create` looks the properties up through `Mirror` for every single model,
/// which costs more than the database itself when an import writes 100,000 rows.
protocol BulkInsertable: Model where IDValue == UUID {
    /// Every column of the table, in the order of `bulkValues`.
    static var bulkColumns: [String] { get }
    func bulkValues() -> [any Encodable & Sendable]
    /// Sets what Fluent's `create` would have set: timestamps.
    func bulkWillInsert(at now: Date)
    /// Marks the model as stored, as `create` does, for models that may be saved again afterwards.
    func bulkDidInsert()
}

extension BulkInsertable {
    func bulkWillInsert(at now: Date) {}
    func bulkDidInsert() {}
}

enum BulkInsert {
    /// SQLite binds at most 32,766 values per statement; PostgreSQL 65,535.
    private static let maxBinds = 30_000

    /// Inserts the models in as few statements as the database allows; they get ids when they have none.
    /// Falls back to Fluent's `create` when the database is not SQL or the column list no longer matches
    /// the model (a field added later must not be silently left out).
    static func insert<M: BulkInsertable>(_ models: [M], on db: any Database) async throws {
        guard !models.isEmpty else { return }
        let now = Date()
        var ids = FastUUIDs()
        for model in models {
            if model.id == nil { model.id = ids.next() }
            model.bulkWillInsert(at: now)
        }
        guard let sql = db as? any SQLDatabase, matchesModel(M.self) else {
            for chunk in models.chunked(into: 400) { try await chunk.create(on: db) }
            return
        }
        let columns = M.bulkColumns
        for chunk in models.chunked(into: max(1, maxBinds / columns.count)) {
            var insert = sql.insert(into: M.schema).columns(columns)
            for model in chunk { insert = insert.values(model.bulkValues().map { SQLBind($0) }) }
            try await insert.run()
        }
        for model in models { model.bulkDidInsert() }
    }

    /// Whether `bulkColumns` names exactly the model's fields (checked once per type).
    static func matchesModel<M: BulkInsertable>(_ type: M.Type) -> Bool {
        let key = ObjectIdentifier(type)
        if let known = checked.withLock({ $0[key] }) { return known }
        let fields = Set(M.keys.map(\.description))
        let matches = fields == Set(M.bulkColumns) && M.bulkColumns.count == fields.count
        checked.withLock { $0[key] = matches }
        return matches
    }

    private static let checked = LockedDictionary()

    final class LockedDictionary: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [ObjectIdentifier: Bool] = [:]
        func withLock<T>(_ body: (inout [ObjectIdentifier: Bool]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&values)
        }
    }
}

/// Random (version 4) UUIDs for rows written in bulk. `UUID()` asks the kernel for randomness each time,
/// which shows in a 100,000-row import; this draws one seed from the system and expands it with
/// xoshiro256**, whose 122 random bits per id make a collision as unlikely as with `UUID()`.
struct FastUUIDs {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init() {
        var system = SystemRandomNumberGenerator()
        state = (system.next(), system.next(), system.next(), system.next() | 1)
    }

    private mutating func nextWord() -> UInt64 {
        let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3 << 45 | state.3 >> 19
        return result
    }

    mutating func next() -> UUID {
        var high = nextWord(), low = nextWord()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000 // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000 // RFC 4122 variant
        func b(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(uuid: (b(high, 0), b(high, 1), b(high, 2), b(high, 3), b(high, 4), b(high, 5), b(high, 6), b(high, 7),
                           b(low, 0), b(low, 1), b(low, 2), b(low, 3), b(low, 4), b(low, 5), b(low, 6), b(low, 7)))
    }
}
