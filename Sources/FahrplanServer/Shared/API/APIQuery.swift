import FahrplanCore
import Foundation
import Vapor

/// Query parameters of the API read as `openapi.json` describes them. A parameter that is present must have
/// its documented type and range — an empty value and a repeated parameter included — or the request is
/// refused with 422 naming it: a typo must neither widen a result silently (`includeArchived=yes` read as
/// "no") nor be clamped (`limit=5000` read as 1000). Absent parameters take their documented default.
struct APIQuery {
    private let values: [String: [String]]
    private var check = Validator()

    init(_ req: Request) {
        values = Self.parse(req.url.query)
    }

    /// `a=1&b=x+y&a=2` → ["a": ["1", "2"], "b": ["x y"]]. Percent-escapes that are not UTF-8 stay as sent,
    /// so that the value is refused rather than silently changed.
    static func parse(_ query: String?) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { part in
                    let plain = part.replacingOccurrences(of: "+", with: " ")
                    return plain.removingPercentEncoding ?? plain
                }
            values[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return values
    }

    /// The value as sent; nil when absent. A parameter given twice is refused: which one counts is not
    /// documented.
    mutating func raw(_ name: String) -> String? {
        guard let list = values[name] else { return nil }
        if list.count > 1 { check.add(name, .duplicate); return nil }
        return list[0]
    }

    /// Free text, trimmed; nil when absent or blank.
    mutating func text(_ name: String) -> String? {
        guard let value = raw(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// `true` or `false`, nothing else.
    mutating func bool(_ name: String) -> Bool? {
        guard let value = raw(name) else { return nil }
        switch value {
        case "true": return true
        case "false": return false
        default: check.add(name, .invalidBoolean); return nil
        }
    }

    /// A whole number (ASCII digits, an optional leading minus) within the documented range.
    mutating func integer(_ name: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value = raw(name) else { return nil }
        let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(value) else {
            check.add(name, .notANumber)
            return nil
        }
        guard range.contains(number) else {
            check.add(name, .outOfRange(min: range.lowerBound, max: range.upperBound))
            return nil
        }
        return number
    }

    /// A finite decimal number (`12.5`) in `range`, the lower bound excluded when `exclusiveMinimum`.
    mutating func number(_ name: String, _ range: ClosedRange<Double>, exclusiveMinimum: Bool = false) -> Double? {
        guard let value = raw(name) else { return nil }
        guard value.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), let number = Double(value), number.isFinite,
              range.contains(number), !(exclusiveMinimum && number == range.lowerBound)
        else {
            check.add(name, .notANumber)
            return nil
        }
        return number
    }

    mutating func uuid(_ name: String) -> UUID? {
        guard let value = raw(name) else { return nil }
        guard let id = UUID(uuidString: value) else { check.add(name, .invalidChoice); return nil }
        return id
    }

    /// One of the documented values (an enum); an empty value is none of them.
    mutating func choice(_ name: String, _ options: some Sequence<String>) -> String? {
        guard let value = raw(name) else { return nil }
        guard options.contains(value) else { check.add(name, .invalidChoice); return nil }
        return value
    }

    mutating func add(_ name: String, _ kind: FieldProblem.Kind) {
        check.add(name, kind)
    }

    /// An amount as the document describes it: `1234`, `1234.5`, `1234,56`, or with German thousands groups
    /// `1.234.567,89` (pattern `^([0-9]{1,13}([.,][0-9]{1,2})?|[1-9][0-9]{0,2}(\.[0-9]{3}){1,4}(,[0-9]{1,2})?)$`).
    /// The web form takes more (`1.234,56 €`, spaces); a program needs no more, and the document can say it.
    static func isPlainAmount(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9]{1,13}([.,][0-9]{1,2})?|[1-9][0-9]{0,2}(\.[0-9]{3}){1,4}(,[0-9]{1,2})?/) != nil
    }

    /// `?includeArchived=` of the list endpoints: `true` or `false`, default `false`.
    static func includeArchived(_ req: Request) throws -> Bool {
        var query = APIQuery(req)
        let value = query.bool("includeArchived") ?? false
        try query.finish()
        return value
    }

    /// Refuses the request (422, every problem named) when a parameter was invalid.
    func finish() throws {
        if !check.problems.isEmpty { throw FahrplanError.invalid(check.problems) }
    }
}
