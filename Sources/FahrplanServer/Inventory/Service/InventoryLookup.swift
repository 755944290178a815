import FahrplanCore
import Fluent
import Foundation

/// The municipality's departments and projects as the inventory names them: by id, code or name (forms and the
/// API send ids; spreadsheets codes or names). Read by columns, as a municipality may have thousands of projects.
struct InventoryLookup: Sendable {
    struct Entry: Sendable {
        var id: UUID
        var code: String
        var name: String
    }

    var departments: [Entry]
    var projects: [Entry]
    private var departmentKeys: [String: UUID] = [:]
    private var projectKeys: [String: UUID] = [:]

    init(departments: [Entry], projects: [Entry]) {
        self.departments = departments; self.projects = projects
        // Codes win over names: a name that happens to equal another unit's code must not shadow it.
        for entry in departments { departmentKeys[GermanFolding.matchKey(entry.name)] = entry.id }
        for entry in departments { departmentKeys[GermanFolding.matchKey(entry.code)] = entry.id }
        for entry in projects { projectKeys[GermanFolding.matchKey(entry.name)] = entry.id }
        for entry in projects { projectKeys[GermanFolding.matchKey(entry.code)] = entry.id }
    }

    static func load(_ db: any Database, municipalityID: UUID) async throws -> InventoryLookup {
        let departments = try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$code).field(\.$name).rows().map { row in
                let r = row.schema(Department.schema)
                return Entry(id: try r.decode("id", as: UUID.self), code: try r.decode("code", as: String.self), name: try r.decode("name", as: String.self))
            }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .field(\.$id).field(\.$code).field(\.$title).rows().map { row in
                let r = row.schema(Project.schema)
                return Entry(id: try r.decode("id", as: UUID.self), code: try r.decode("code", as: String.self), name: try r.decode("title", as: String.self))
            }
        return InventoryLookup(departments: departments.sorted { $0.code.localizedStandardCompare($1.code) == .orderedAscending },
                               projects: projects.sorted { $0.code.localizedStandardCompare($1.code) == .orderedAscending })
    }

    func department(_ text: String) -> UUID? { resolve(text, departments, departmentKeys) }
    func project(_ text: String) -> UUID? { resolve(text, projects, projectKeys) }

    func department(id: UUID?) -> Entry? { id.flatMap { id in departments.first { $0.id == id } } }
    func project(id: UUID?) -> Entry? { id.flatMap { id in projects.first { $0.id == id } } }

    /// "FD 32 Ordnung" — code and name, as lists show a department or project.
    func departmentLabel(_ id: UUID?) -> String? { department(id: id).map { "\($0.code) \($0.name)" } }
    func projectLabel(_ id: UUID?) -> String? { project(id: id).map { "\($0.code) \($0.name)" } }

    private func resolve(_ text: String, _ entries: [Entry], _ keys: [String: UUID]) -> UUID? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: trimmed) { return entries.contains { $0.id == id } ? id : nil }
        let key = GermanFolding.matchKey(trimmed)
        return key.isEmpty ? nil : keys[key]
    }
}
