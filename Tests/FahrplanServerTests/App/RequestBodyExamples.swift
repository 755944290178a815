@testable import FahrplanServer
import Foundation

/// A place in a JSON body: `levels[0].label`.
enum JSONStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

extension Array where Element == JSONStep {
    var text: String {
        var result = ""
        for step in self {
            switch step {
            case .key(let name): result += result.isEmpty ? name : ".\(name)"
            case .index(let index): result += "[\(index)]"
            }
        }
        return result
    }
}

extension JSONValue {
    /// The value without the member at `path` (an object property, possibly inside array items).
    func removing(_ path: [JSONStep]) -> JSONValue {
        guard let first = path.first else { return self }
        let rest = Array(path.dropFirst())
        switch (self, first) {
        case (.object(var members), .key(let name)):
            if rest.isEmpty { members[name] = nil } else if let member = members[name] { members[name] = member.removing(rest) }
            return .object(members)
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            items[index] = items[index].removing(rest)
            return .array(items)
        default:
            return self
        }
    }

    func value(at path: [JSONStep]) -> JSONValue? {
        var node: JSONValue? = self
        for step in path {
            switch step {
            case .key(let name): node = node?[name]
            case .index(let index): node = node?.array.flatMap { $0.indices.contains(index) ? $0[index] : nil }
            }
        }
        return node
    }

    /// JSON text (the parser's `description` does not escape strings).
    var jsonText: String {
        switch self {
        case .string(let text):
            return String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
        case .array(let values): return "[" + values.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.sorted { $0.key < $1.key }.map { JSONValue.string($0.key).jsonText + ":" + $0.value.jsonText }
                .joined(separator: ",") + "}"
        default: return description
        }
    }
}

/// Builds the fullest body a schema allows: every property set, each with a value the schema accepts (the first
/// enum value, a uuid or date-time for those formats, the minimum, minLength characters). `choices` picks
/// another of a property's types (e.g. "null", or "string" where a number is also allowed).
struct RequestExampleBuilder {
    let validator: SchemaValidator
    var choices: [[JSONStep]: String] = [:]
    /// Every object property of the example, nested ones included (the entries of maps are data, not properties).
    private(set) var properties: [[JSONStep]] = []
    /// Property → the `required` list of the object it belongs to (the schema's, after `$ref` and `allOf`).
    private(set) var requiredNames: [[JSONStep]: Set<String>] = [:]
    /// The types a property may also have, besides the one the example uses.
    private(set) var alternatives: [(path: [JSONStep], type: String)] = []
    /// Paths of objects whose schema refuses undocumented properties.
    private(set) var closedObjects: [[JSONStep]] = []
    private(set) var problems: [String] = []

    init(validator: SchemaValidator, choices: [[JSONStep]: String] = [:]) {
        self.validator = validator
        self.choices = choices
    }

    /// The schema's keywords with `$ref` and `allOf` merged in: properties and required lists are united.
    func flattened(_ schema: JSONValue, depth: Int = 0) -> [String: JSONValue] {
        guard depth < 32, let keywords = schema.object else { return [:] }
        var parts: [[String: JSONValue]] = [keywords.filter { $0.key != "$ref" && $0.key != "allOf" }]
        if let reference = keywords["$ref"]?.string, let target = validator.resolve(reference) {
            parts.append(flattened(target, depth: depth + 1))
        }
        for part in keywords["allOf"]?.array ?? [] { parts.append(flattened(part, depth: depth + 1)) }
        var merged: [String: JSONValue] = [:]
        for part in parts {
            for (key, value) in part {
                switch (key, merged[key], value) {
                case ("properties", .object(let old)?, .object(let new)): merged[key] = .object(old.merging(new) { first, _ in first })
                case ("required", .array(let old)?, .array(let new)): merged[key] = .array(old + new.filter { !old.contains($0) })
                case (_, nil, _): merged[key] = value
                default: break
                }
            }
        }
        return merged
    }

    mutating func example(_ schema: JSONValue, at path: [JSONStep] = []) -> JSONValue {
        let keywords = flattened(schema)
        if let constant = keywords["const"] { return constant }
        var types = keywords["type"].map { $0.array?.compactMap(\.string) ?? [$0.string].compactMap { $0 } } ?? []
        if types.isEmpty { types = keywords["properties"] != nil ? ["object"] : keywords["enum"] != nil ? ["string"] : [] }
        let preferred = types.first { $0 != "null" } ?? types.first ?? "object"
        let chosen = choices[path] ?? preferred
        for other in types where other != preferred && !path.isEmpty && choices[path] == nil {
            alternatives.append((path, other))
        }
        if chosen == "null" { return .null }
        if let options = keywords["enum"]?.array {
            if let option = options.first(where: { $0 != .null && $0.schemaTypes.contains(chosen) }) { return option }
            problems.append("\(path.text): no enum value of type \(chosen)")
        }
        switch chosen {
        case "object":
            var members: [String: JSONValue] = [:]
            let required = Set(keywords["required"]?.array?.compactMap(\.string) ?? [])
            for (name, propertySchema) in (keywords["properties"]?.object ?? [:]).sorted(by: { $0.key < $1.key }) {
                let propertyPath = path + [.key(name)]
                properties.append(propertyPath)
                requiredNames[propertyPath] = required
                members[name] = example(propertySchema, at: propertyPath)
            }
            if let additional = keywords["additionalProperties"] {
                if additional == .bool(false) { closedObjects.append(path) }
                if additional.object != nil {
                    // A map (criterion key → weight): one entry; its key is data, not a documented property.
                    var entry = RequestExampleBuilder(validator: validator)
                    members["mapEntry"] = entry.example(additional, at: path + [.key("mapEntry")])
                    problems += entry.problems
                }
            }
            return .object(members)
        case "array":
            return .array([example(keywords["items"] ?? .object([:]), at: path + [.index(0)])])
        case "string":
            switch keywords["format"]?.string {
            case "uuid": return .string("0B5E2D4C-1F3A-4C8E-9D7B-6A5F4E3D2C1B")
            case "date-time": return .string("2026-05-12T10:00:00Z")
            case "date": return .string("2026-05-12")
            default:
                var length = max(1, Int(keywords["minLength"]?.number ?? 1))
                if let maximum = keywords["maxLength"]?.number { length = min(length, Int(maximum)) }
                return .string(String(repeating: "x", count: length))
            }
        case "integer", "number":
            // A fraction where any number is allowed: a DTO that wants a whole number must fail to decode it.
            var number = (keywords["minimum"]?.number ?? 1) + (chosen == "number" ? 0.5 : 0)
            if let maximum = keywords["maximum"]?.number { number = min(number, maximum) }
            return .number(number)
        case "boolean":
            return .bool(true)
        default:
            problems.append("\(path.text): no example for type \(chosen)")
            return .null
        }
    }
}

/// A `PatchValue` seen through `Mirror`: `.absent` is a field the body left out.
protocol PatchPresence {
    var isAbsent: Bool { get }
    var presentValue: Any? { get }
}

extension PatchValue: PatchPresence {
    var isAbsent: Bool { if case .absent = self { return true }; return false }
    var presentValue: Any? { if case .value(let value) = self { return value }; return nil }
}

/// A stored property of a decoded write DTO, nested DTOs included (`levels[0].label`: the first item's).
struct DecodedProperty: Equatable {
    var path: String
    /// Not nil, not `.absent`.
    var isSet: Bool
    /// Neither optional nor a `PatchValue`: the body must have it, or decoding fails.
    var isRequired: Bool

    static func of(_ value: Any) -> [DecodedProperty] {
        var result: [DecodedProperty] = []
        collect(value, at: "", into: &result)
        return result
    }

    private static func collect(_ value: Any, at path: String, into result: inout [DecodedProperty]) {
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let childPath = path.isEmpty ? label : "\(path).\(label)"
            let inner: Any?
            var isRequired = false
            if let patch = child.value as? any PatchPresence {
                inner = patch.isAbsent ? nil : (patch.presentValue ?? NSNull())
            } else if Mirror(reflecting: child.value).displayStyle == .optional {
                inner = Mirror(reflecting: child.value).children.first?.value
            } else {
                inner = child.value
                isRequired = true
            }
            result.append(DecodedProperty(path: childPath, isSet: inner != nil, isRequired: isRequired))
            if let inner { descend(inner, at: childPath, into: &result) }
        }
    }

    /// Into nested DTOs and the first item of lists; not into maps (their keys are data) or plain values.
    private static func descend(_ value: Any, at path: String, into result: inout [DecodedProperty]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?:
            if let first = mirror.children.first { descend(first.value, at: path + "[0]", into: &result) }
        case .struct? where String(describing: type(of: value)).hasSuffix("DTO"):
            collect(value, at: path, into: &result)
        default:
            break
        }
    }
}
