import FahrplanCore
import Foundation

/// Resolves the references of an imported row — unit, units of the effort, strategy elements, dependencies
/// — within the municipality (by id, code or name/title), replaces them by ids, and reports every one that
/// does not exist at the cell it came from, with the text that was there.
enum ImportReferences {
    static func resolve(_ row: inout ImportRow, with references: PortfolioReferences) {
        let input = row.input
        var problems: [ImportProblem] = []

        var department = input.departmentID
        if let text = input.departmentID, !text.isEmpty {
            if let entry = references.department(text) {
                department = entry.id.uuidString
            } else {
                problems.append(row.problem(forField: "departmentID", .unknownReference(.department), value: text))
            }
        }

        var effortDepartments: [String] = []
        for (index, line) in input.effort.enumerated() {
            let text = line.departmentID ?? ""
            if text.isEmpty {
                effortDepartments.append(text)
            } else if let entry = references.department(text) {
                effortDepartments.append(entry.id.uuidString)
            } else {
                effortDepartments.append(text)
                problems.append(row.problem(forField: "effort[\(index)].departmentID", .unknownReference(.department), value: text))
            }
        }

        var elements: [String] = []
        for (index, text) in input.strategyElementIDs.enumerated() {
            if let ids = resolveList(text, references.element) {
                elements += ids
            } else {
                problems.append(row.problem(forField: "strategyElementIDs[\(index)]", .unknownReference(.strategyElement), value: text))
            }
        }

        var dependencies: [String] = []
        for (index, text) in input.dependencyIDs.enumerated() {
            if let ids = resolveList(text, references.project) {
                dependencies += ids
            } else {
                problems.append(row.problem(forField: "dependencyIDs[\(index)]", .unknownReference(.project), value: text))
            }
        }

        row.replaceReferences(department: department, effortDepartments: effortDepartments, strategyElements: elements,
                              dependencies: dependencies)
        row.add(problems)
    }

    /// One reference; a list separated by commas when the whole text names nothing (titles may contain
    /// commas, so commas only separate when the parts all resolve).
    private static func resolveList(_ text: String, _ lookup: (String) -> PortfolioReferences.Entry?) -> [String]? {
        if let entry = lookup(text.trimmingCharacters(in: .whitespaces)) { return [entry.id.uuidString] }
        guard text.contains(",") else { return nil }
        var ids: [String] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let entry = lookup(part) else { return nil }
            ids.append(entry.id.uuidString)
        }
        return ids.isEmpty ? nil : ids
    }
}
