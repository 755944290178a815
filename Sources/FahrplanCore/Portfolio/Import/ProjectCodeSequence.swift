import Foundation

/// Hands out free project codes of the form `P-0001`. Codes are only ever added, so a number found taken
/// stays taken: the search resumes where the last one ended instead of rescanning (thousands of new rows
/// into a portfolio with high codes would otherwise be quadratic).
public struct ProjectCodeSequence: Sendable {
    /// Upper-cased codes in use.
    private var taken: Set<String>
    /// Below this number every P-code is taken.
    private var searchStart = 1

    public init<Codes: Sequence>(taken codes: Codes) where Codes.Element == String {
        taken = Set(codes.map { $0.uppercased() })
    }

    /// Marks a code as used (a new project with a code of its own).
    public mutating func take(_ code: String) { taken.insert(code.uppercased()) }

    /// The next free code, marked as used.
    public mutating func next() -> String {
        var number = max(taken.count + 1, searchStart)
        while taken.contains(Self.code(number)) { number += 1 }
        searchStart = number + 1
        let code = Self.code(number)
        taken.insert(code)
        return code
    }

    private static func code(_ number: Int) -> String { String(format: "P-%04d", number) }
}
