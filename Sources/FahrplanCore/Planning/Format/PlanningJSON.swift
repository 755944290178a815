import Foundation

/// A JSON value as read from a planning file. Decoding through this (instead of straight into Codable structs)
/// lets `PlanningFormat` name every bad field by its JSON path, and tells numbers from booleans on every platform.
enum PlanningJSON: Decodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PlanningJSON])
    case object([String: PlanningJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PlanningJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PlanningJSON].self))
        }
    }

    static func parse(_ data: Data) -> PlanningJSON? {
        try? JSONDecoder().decode(PlanningJSON.self, from: data)
    }

    subscript(key: String) -> PlanningJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var array: [PlanningJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

/// Writes JSON by hand so that numbers come out as written in the files (`0.27`, `120000`), never as
/// `0.27000000000000002` or `1.2e+05`, and keys keep the order of the format description.
struct PlanningJSONWriter {
    private(set) var text = ""

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func string(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func numbers(_ values: [Double]) -> String {
        "[" + values.map(number).joined(separator: ",") + "]"
    }

    /// `{"k":v,...}` from already encoded members, in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
