import Foundation

/// A parsed JSON value that keeps booleans, numbers and null apart (unlike `JSONSerialization` on Linux).
enum JSONValue: Equatable, Sendable, Decodable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { return value }; return nil }
    var number: Double? { if case .number(let value) = self { return value }; return nil }
    var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    var array: [JSONValue]? { if case .array(let value) = self { return value }; return nil }
    var object: [String: JSONValue]? { if case .object(let value) = self { return value }; return nil }

    /// The JSON Schema type name(s) this value has; a whole number is both "integer" and "number".
    var schemaTypes: Set<String> {
        switch self {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .number(let value): return value.rounded() == value && value.isFinite ? ["integer", "number"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return String(value)
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): return "\"\(value)\""
        case .array(let values): return "[" + values.map(\.description).joined(separator: ",") + "]"
        case .object(let members): return "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}

/// A small JSON Schema (2020-12) validator for the subset the OpenAPI document uses: `$ref` into the
/// document, `allOf`, `type` (one or several, including "null"), `enum`, `const`, `properties`, `required`,
/// `additionalProperties` (a boolean or a schema), `items`, `format` ("uuid", "date-time"), `minLength`,
/// `maxLength`, `minimum`, `maximum`. Any other assertion keyword is reported as unsupported rather than
/// silently ignored, so the document cannot promise a check the tests do not make.
struct SchemaValidator: Sendable {
    /// The document `$ref`s point into (e.g. the whole OpenAPI document).
    let root: JSONValue

    static let annotations: Set<String> = [
        "description", "title", "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "$comment",
    ]
    static let supported: Set<String> = [
        "$ref", "allOf", "type", "enum", "const", "properties", "required", "additionalProperties", "items",
        "format", "minLength", "maxLength", "minimum", "maximum",
    ]
    /// Formats that are checked; others (uri, email, …) are annotations, as in JSON Schema 2020-12.
    static let checkedFormats: Set<String> = ["uuid", "date-time"]

    /// Every way `value` fails `schema`, each with the JSON path where it happened; empty when it conforms.
    func validate(_ value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        var errors: [String] = []
        check(value, schema, path, &errors, depth: 0)
        return errors
    }

    /// Resolves a local reference such as `#/components/schemas/Element`.
    func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst()
        guard !pointer.isEmpty else { return root }
        guard pointer.hasPrefix("/") else { return nil }
        var node: JSONValue? = root
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members)?: node = members[key]
            case .array(let items)?: node = Int(key).flatMap { items.indices.contains($0) ? items[$0] : nil }
            default: return nil
            }
        }
        return node
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ errors: inout [String], depth: Int) {
        guard depth < 64 else { errors.append("\(path): schema nesting too deep (a $ref cycle?)"); return }
        if case .bool(let allowed) = schema {
            if !allowed { errors.append("\(path): no value is allowed here") }
            return
        }
        guard let keywords = schema.object else { errors.append("\(path): the schema is not an object: \(schema)"); return }
        for key in keywords.keys where !Self.supported.contains(key) && !Self.annotations.contains(key) {
            errors.append("\(path): unsupported schema keyword \"\(key)\"")
        }

        if let reference = keywords["$ref"] {
            if let target = reference.string.flatMap(resolve) {
                check(value, target, path, &errors, depth: depth + 1)
            } else {
                errors.append("\(path): unresolvable $ref \(reference)")
            }
        }
        if let all = keywords["allOf"] {
            for part in all.array ?? [] { check(value, part, path, &errors, depth: depth + 1) }
        }
        if let type = keywords["type"] {
            let allowed = Set(type.array?.compactMap(\.string) ?? [type.string].compactMap { $0 })
            if allowed.isDisjoint(with: value.schemaTypes) {
                errors.append("\(path): expected \(allowed.sorted().joined(separator: " or ")), got \(value)")
                return
            }
        }
        if let options = keywords["enum"]?.array, !options.contains(value) {
            errors.append("\(path): \(value) is not one of \(options.map(\.description).joined(separator: ", "))")
        }
        if let constant = keywords["const"], constant != value {
            errors.append("\(path): expected \(constant), got \(value)")
        }

        switch value {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let min = keywords["minLength"]?.number, Double(length) < min { errors.append("\(path): shorter than \(Int(min)) characters") }
            if let max = keywords["maxLength"]?.number, Double(length) > max { errors.append("\(path): longer than \(Int(max)) characters") }
            if let format = keywords["format"]?.string, Self.checkedFormats.contains(format), !Self.matches(text, format: format) {
                errors.append("\(path): \"\(text)\" is not a valid \(format)")
            }
        case .number(let number):
            if let min = keywords["minimum"]?.number, number < min { errors.append("\(path): \(value) is less than \(min)") }
            if let max = keywords["maximum"]?.number, number > max { errors.append("\(path): \(value) is greater than \(max)") }
        case .array(let items):
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(index)]", &errors, depth: depth + 1) }
            }
        case .object(let members):
            let properties = keywords["properties"]?.object ?? [:]
            for name in keywords["required"]?.array?.compactMap(\.string) ?? [] where members[name] == nil {
                errors.append("\(path): required property \"\(name)\" is missing")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    check(member, propertySchema, "\(path).\(name)", &errors, depth: depth + 1)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        errors.append("\(path): undocumented property \"\(name)\"")
                    } else {
                        check(member, additional, "\(path).\(name)", &errors, depth: depth + 1)
                    }
                }
            }
        case .null, .bool:
            break
        }
    }

    static func matches(_ text: String, format: String) -> Bool {
        switch format {
        case "uuid":
            return text.count == 36 && UUID(uuidString: text) != nil
        case "date-time":
            let plain = ISO8601DateFormatter()
            plain.formatOptions = [.withInternetDateTime]
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return plain.date(from: text) != nil || fractional.date(from: text) != nil
        default:
            return true
        }
    }
}
