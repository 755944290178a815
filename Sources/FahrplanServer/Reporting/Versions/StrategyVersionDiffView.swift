import FahrplanCore
import Foundation

/// A version difference as the pages show it: one section per kind (vision, principles, …, ranking, roadmap) with
/// what was added, removed, changed (field, old → new, in words: ids as the names they stand for, days and statuses
/// in the reader's language) and re-ranked. Sections without differences are left out.
struct VersionDiffSection: Encodable {
    struct Line: Encodable {
        var label: String
    }

    struct ChangeRow: Encodable {
        var item: String
        var field: String
        var old: String
        var new: String
    }

    struct RerankRow: Encodable {
        var label: String
        var oldPosition: Int
        var newPosition: Int
        var moved: String
    }

    var id: String
    var heading: String
    var added: [Line]?
    var removed: [Line]?
    var changed: [ChangeRow]?
    var reranked: [RerankRow]?
    var count: Int
}

/// Turns ids and raw values of a diff into words.
struct VersionDiffWording {
    var language: Language
    /// Element ids of both versions → "code title" (the newer name wins).
    var elementLabels: [String: String]
    /// Department ids → "code name" as they are named today.
    var departmentLabels: [String: String]

    var english: Bool { language != .de }

    init(language: Language, versions: [StrategyVersion], departmentLabels: [String: String]) {
        self.language = language
        var labels: [String: String] = [:]
        for version in versions {
            for element in version.elements { labels[element.id] = element.code.map { $0 + " " + element.title } ?? element.title }
        }
        elementLabels = labels
        self.departmentLabels = departmentLabels
    }

    func fieldLabel(_ field: String) -> String {
        let key = "versions.diffField.\(field)"
        return Strings.table[key] == nil ? field : Strings.text(key, language)
    }

    func value(_ field: String, _ raw: String?) -> String {
        guard let raw, !raw.isEmpty else { return "–" }
        switch field {
        case "parentID", "goalID": return elementLabels[raw] ?? raw
        case "responsibleDepartmentID": return departmentLabels[raw] ?? raw
        case "status": return ProjectStatus(rawValue: raw)?.label(english: english) ?? raw
        case "direction": return Strings.table["kpi.direction.\(raw)"] == nil ? raw : Strings.text("kpi.direction.\(raw)", language)
        case "cadence": return Strings.table["kpi.cadence.\(raw)"] == nil ? raw : Strings.text("kpi.cadence.\(raw)", language)
        case "startOn", "endOn", "baselineOn", "targetOn": return day(raw)
        case "baseline", "target": return Double(raw).map { KPIDisplay.number($0, english: english) } ?? raw
        default: return raw
        }
    }

    func day(_ iso: String) -> String {
        guard let day = CalendarDay(iso: iso) else { return iso }
        return english ? day.iso : day.german
    }

    func day(_ day: CalendarDay?) -> String {
        guard let day else { return "–" }
        return english ? day.iso : day.german
    }

    func sectionHeading(_ section: StrategyVersionDiff.Section) -> String {
        Strings.text("versions.section.\(section.rawValue)", language)
    }

    func sections(_ diff: StrategyVersionDiff) -> [VersionDiffSection] {
        StrategyVersionDiff.Section.allCases.compactMap { section in
            let added = diff.added.filter { $0.section == section }.map { VersionDiffSection.Line(label: $0.label) }
            let removed = diff.removed.filter { $0.section == section }.map { VersionDiffSection.Line(label: $0.label) }
            let changed = diff.changed.filter { $0.section == section }.flatMap { change in
                change.fields.map { field in
                    VersionDiffSection.ChangeRow(item: section == .vision ? sectionHeading(.vision) : change.label,
                                                 field: fieldLabel(field.field), old: value(field.field, field.old),
                                                 new: value(field.field, field.new))
                }
            }
            let reranked = section == .ranking ? diff.reranked.map { rerank in
                let places = abs(rerank.movedUp)
                return VersionDiffSection.RerankRow(
                    label: rerank.label, oldPosition: rerank.oldPosition, newPosition: rerank.newPosition,
                    moved: "\(rerank.movedUp > 0 ? "▲" : "▼") \(places) " + Strings.text(rerank.movedUp > 0 ? "versions.movedUp" : "versions.movedDown", language))
            } : [VersionDiffSection.RerankRow]()
            let count = added.count + removed.count + diff.changed.filter { $0.section == section }.count + reranked.count
            guard count > 0 else { return nil }
            return VersionDiffSection(id: "diff-\(section.rawValue)", heading: sectionHeading(section),
                                      added: added.isEmpty ? nil : added, removed: removed.isEmpty ? nil : removed,
                                      changed: changed.isEmpty ? nil : changed, reranked: reranked.isEmpty ? nil : reranked,
                                      count: count)
        }
    }
}
