import FahrplanCore
import Fluent
import Foundation

/// An element of the strategy frame: principle, field of action, goal or program (see `StrategyElementKind`).
/// One table, because the kinds share their life cycle (order, link, archive, audit) and differ only in a
/// few fields.
final class StrategyElement: Model, @unchecked Sendable {
    static let schema = "strategy_elements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "kind") var kind: String
    @OptionalField(key: "code") var code: String?
    @Field(key: "title") var title: String
    /// Markdown.
    @OptionalField(key: "description") var description: String?
    @OptionalField(key: "target_statement") var targetStatement: String?
    @OptionalField(key: "target_year") var targetYear: Int?
    @OptionalParent(key: "parent_id") var parent: StrategyElement?
    @OptionalParent(key: "responsible_department_id") var responsibleDepartment: Department?
    @Field(key: "position") var position: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised by every save of the edit form or the API (optimistic concurrency, `RowVersion`); absent only
    /// on a row created in this request, whose database default is 1.
    @OptionalField(key: "version") var storedVersion: Int?
    var version: Int { storedVersion ?? 1 }

    init() {}

    init(municipalityID: UUID, kind: StrategyElementKind, position: Int) {
        self.$municipality.id = municipalityID
        self.kind = kind.rawValue
        self.position = position
        self.title = ""
    }

    var elementKind: StrategyElementKind { StrategyElementKind(rawValue: kind) ?? .principle }

    var properties: [any AnyProperty] { [_id, _municipality, _kind, _code, _title, _description, _targetStatement, _targetYear, _parent, _responsibleDepartment, _position, _createdAt, _updatedAt, _archivedAt, _storedVersion] }
}

/// A cross link between two elements beyond the tree, e.g. a program that also serves a second goal.
final class StrategyLink: Model, @unchecked Sendable {
    static let schema = "strategy_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "from_id") var from: StrategyElement
    @Parent(key: "to_id") var to: StrategyElement
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(municipalityID: UUID, fromID: UUID, toID: UUID) {
        self.$municipality.id = municipalityID; self.$from.id = fromID; self.$to.id = toID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _from, _to, _createdAt] }
}
