import FahrplanCore
import Foundation
import Vapor

// View pieces that pages of every capability share.

struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

struct HistoryPage: Encodable {
    var chrome: Chrome
    var heading: String
    var backURL: String?
    var entries: [AuditEntryView]
    var olderURL: String?
}

struct AuditEntryView: Encodable {
    var when: String
    var whenISO: String
    var who: String
    var action: String
    var item: String
    var itemURL: String?
    var changes: [Change]

    struct Change: Encodable {
        var field: String
        var old: String
        var new: String
    }
}

extension Request {
    /// Renders a form's problems both as a summary at the top and next to each field.
    func problemLines(_ problems: [FieldProblem]) -> ([ProblemLine]?, [String: String]) {
        guard !problems.isEmpty else { return (nil, [:]) }
        let lines = problems.map { ProblemLine(field: Strings.fieldLabel($0.field, language), message: Strings.problem($0, language)) }
        var byField: [String: String] = [:]
        for problem in problems where byField[problem.field] == nil {
            byField[problem.field] = Strings.problem(problem, language)
        }
        return (lines, byField)
    }

    func formatted(_ date: Date?) -> String {
        guard let date else { return "" }
        return municipalCalendar.format(date, pattern: language == .de ? "dd.MM.yyyy HH:mm" : "d MMM yyyy, HH:mm",
                                        locale: Locale(identifier: language == .de ? "de_DE" : "en_GB"))
    }
}
