import FahrplanCore
import Foundation
import Vapor

// JSON shapes of the organisation API, described one to one in `Resources/openapi.json`.

struct DepartmentDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var level: String
    var parentId: UUID?
    var headName: String?
    var archived: Bool

    init(_ unit: Department) throws {
        id = try unit.requireID()
        code = unit.code
        name = unit.name
        level = unit.level
        parentId = unit.$parent.id
        headName = unit.headName
        archived = unit.archivedAt != nil
    }
}

/// Body of POST (all fields) and PATCH (only the fields to change) for organisational units; in a PATCH,
/// `null` clears an optional field (`parentId` moves the unit to the top, `headName` removes the head).
struct DepartmentWriteDTO: Decodable, Sendable {
    var code: PatchValue<String>
    var name: PatchValue<String>
    var level: PatchValue<String>
    var parentId: PatchValue<UUID>
    var headName: PatchValue<String>

    enum CodingKeys: String, CodingKey {
        case code, name, level, parentId, headName
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.patch(String.self, forKey: .code)
        name = try container.patch(String.self, forKey: .name)
        level = try container.patch(String.self, forKey: .level)
        parentId = try container.patch(UUID.self, forKey: .parentId)
        headName = try container.patch(String.self, forKey: .headName)
    }

    func input(over unit: Department?) -> DepartmentInput {
        DepartmentInput(code: code.merged(into: unit?.code), name: name.merged(into: unit?.name),
                        level: level.merged(into: unit?.level), parentID: parentId.merged(into: unit?.$parent.id?.uuidString),
                        headName: headName.merged(into: unit?.headName))
    }
}
