import FahrplanCore
import Foundation
import Vapor

// JSON shapes of the strategy API, described one to one in `Resources/openapi.json`.

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

struct VisionDTO: Content {
    var visionTitle: String?
    var vision: String?
}
