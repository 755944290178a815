import FahrplanCore
import Foundation
import Vapor

// Building blocks every JSON API controller uses: lists, PATCH fields, field names as the API spells them.

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

/// The API names fields as its JSON does (`parentId`); the shared validation names them as the web forms do
/// (`parentID`). Problems are reported under the name the client sent.
enum APIFieldNames {
    static let renamed = ["parentID": "parentId", "responsibleDepartmentID": "responsibleDepartmentId", "departmentID": "departmentId"]

    static func rename(_ problems: [FieldProblem], using names: [String: String] = renamed) -> [FieldProblem] {
        problems.map { FieldProblem(names[$0.field] ?? $0.field, $0.kind) }
    }

    /// Runs `body` and reports its field problems under the API's field names (`names`: a capability's own spelling).
    static func translating<T>(using names: [String: String] = renamed, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let failure as ValidationFailure {
            throw FahrplanError.invalid(rename(failure.problems, using: names))
        } catch FahrplanError.invalid(let problems) {
            throw FahrplanError.invalid(rename(problems, using: names))
        }
    }
}

struct ListDTO<Item: Content>: Content {
    var items: [Item]
}
