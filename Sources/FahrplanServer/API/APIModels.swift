import FahrplanCore
import Foundation
import Vapor

/// JSON shapes of the API. They are described one to one in `Resources/openapi.json`.
struct ElementDTO: Content {
    var id: UUID
    var kind: String
    var code: String?
    var title: String
    var description: String?
    var targetStatement: String?
    var targetYear: Int?
    var parentId: UUID?
    var responsibleDepartmentId: UUID?
    var position: Int
    var archived: Bool
    var createdAt: Date?
    var updatedAt: Date?

    init(_ element: StrategySnapshot.Element) {
        id = element.id
        kind = element.kind.pathSegment
        code = element.code
        title = element.title
        description = element.description
        targetStatement = element.targetStatement
        targetYear = element.targetYear
        parentId = element.parentID
        responsibleDepartmentId = element.responsibleDepartmentID
        position = element.position
        archived = element.archivedAt != nil
        createdAt = element.createdAt
        updatedAt = element.updatedAt
    }

    init(_ element: StrategyElement) throws {
        self.init(try StrategySnapshot.Element(element))
    }
}

/// A field in a PATCH body: absent (keep), null (clear) or a value.
enum PatchValue<Value: Decodable & Sendable>: Sendable {
    case absent, null, value(Value)

    func merged(into current: String?) -> String? where Value: CustomStringConvertible {
        switch self {
        case .absent: return current
        case .null: return nil
        case .value(let value): return value.description
        }
    }
}

extension KeyedDecodingContainer {
    func patch<Value: Decodable & Sendable>(_ type: Value.Type, forKey key: Key) throws -> PatchValue<Value> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Value.self, forKey: key))
    }
}

/// Body of POST (all fields) and PATCH (only the fields to change) for strategy elements.
struct ElementWriteDTO: Decodable, Sendable {
    var code: PatchValue<String>
    var title: PatchValue<String>
    var description: PatchValue<String>
    var targetStatement: PatchValue<String>
    var targetYear: PatchValue<Int>
    var parentId: PatchValue<UUID>
    var responsibleDepartmentId: PatchValue<UUID>

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, title, description, targetStatement, targetYear, parentId, responsibleDepartmentId
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.patch(String.self, forKey: .code)
        title = try container.patch(String.self, forKey: .title)
        description = try container.patch(String.self, forKey: .description)
        targetStatement = try container.patch(String.self, forKey: .targetStatement)
        targetYear = try container.patch(Int.self, forKey: .targetYear)
        parentId = try container.patch(UUID.self, forKey: .parentId)
        responsibleDepartmentId = try container.patch(UUID.self, forKey: .responsibleDepartmentId)
    }

    func input(over element: StrategyElement?) -> StrategyElementInput {
        StrategyElementInput(
            code: code.merged(into: element?.code),
            title: title.merged(into: element?.title),
            description: description.merged(into: element?.description),
            targetStatement: targetStatement.merged(into: element?.targetStatement),
            targetYear: targetYear.merged(into: element?.targetYear.map(String.init)),
            parentID: parentId.merged(into: element?.$parent.id?.uuidString),
            responsibleDepartmentID: responsibleDepartmentId.merged(into: element?.$responsibleDepartment.id?.uuidString))
    }
}


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

/// The API names fields as its JSON does (`parentId`); the shared validation names them as the web forms do
/// (`parentID`). Problems are reported under the name the client sent.
enum APIFieldNames {
    static let renamed = ["parentID": "parentId", "responsibleDepartmentID": "responsibleDepartmentId", "departmentID": "departmentId"]

    static func rename(_ problems: [FieldProblem]) -> [FieldProblem] {
        problems.map { FieldProblem(renamed[$0.field] ?? $0.field, $0.kind) }
    }

    /// Runs `body` and reports its field problems under the API's field names.
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(rename(failure.problems))
        } catch FahrplanError.invalid(let problems) {
            throw FahrplanError.invalid(rename(problems))
        }
    }
}

struct MunicipalityDTO: Content {
    var id: UUID
    var slug: String
    var name: String
    var kind: String
    var visionTitle: String
    var vision: String
}

struct VisionDTO: Content {
    var visionTitle: String?
    var vision: String?
}

struct MeDTO: Content {
    var id: UUID
    var email: String
    var displayName: String
    var municipality: String
    var role: String?
    var token: MeTokenDTO?
}

/// The token the request came with: what it may do and until when.
struct MeTokenDTO: Content {
    var name: String
    /// `full` or `readOnly`.
    var scope: String
    /// nil: no expiry.
    var expiresAt: Date?
}

struct AuditEventDTO: Content {
    var id: UUID
    var occurredAt: Date
    var actor: String
    var action: String
    var entityType: String
    var entityId: UUID?
    var entityLabel: String
    var changes: [FieldChange]

    init(_ event: AuditEvent) throws {
        id = try event.requireID()
        occurredAt = event.occurredAt
        actor = event.actorName
        action = event.action
        entityType = event.entityType
        entityId = event.entityID
        entityLabel = event.entityLabel
        changes = AuditTrail.changes(of: event)
    }
}

struct ListDTO<Item: Content>: Content {
    var items: [Item]
}
