import Fluent
import Foundation

/// An organisational unit: Dezernat, Amt/Fachdienst or Sachgebiet.
final class Department: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// `DepartmentLevel` raw value.
    @Field(key: "level") var level: String
    @OptionalParent(key: "parent_id") var parent: Department?
    @OptionalField(key: "head_name") var headName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised by every save of the edit form or the API (optimistic concurrency, `RowVersion`); absent only
    /// on a row created in this request, whose database default is 1.
    @OptionalField(key: "version") var storedVersion: Int?
    var version: Int { storedVersion ?? 1 }

    init() {}

    init(id: UUID? = nil, municipalityID: UUID, code: String, name: String, level: String, parentID: UUID?, headName: String?) {
        self.id = id; self.$municipality.id = municipalityID; self.code = code; self.name = name
        self.level = level; self.$parent.id = parentID; self.headName = headName
    }

    var properties: [any AnyProperty] { [_id, _municipality, _code, _name, _level, _parent, _headName, _createdAt, _updatedAt, _archivedAt, _storedVersion] }
}
