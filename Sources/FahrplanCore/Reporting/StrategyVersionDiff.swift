import Foundation

/// The difference between two strategy versions (Versionsvergleich): what was added, removed, changed (which
/// fields, old → new, as the audit trail's `FieldChange`) and re-ranked (old position → new position). Items are
/// matched by their stable ids within their section; a ranking entry whose position moved is "re-ranked", and
/// "changed" only when its code or title changed too.
public struct StrategyVersionDiff: Sendable, Equatable {
    /// Sections in the order the diff lists them.
    public enum Section: String, Codable, CaseIterable, Sendable {
        case vision, principle, fieldOfAction, goal, program, kpi, ranking, roadmap

        init(_ kind: StrategyElementKind) {
            switch kind {
            case .principle: self = .principle
            case .fieldOfAction: self = .fieldOfAction
            case .goal: self = .goal
            case .program: self = .program
            }
        }
    }

    public struct Item: Sendable, Equatable {
        public var section: Section
        public var id: String
        /// Code and title (or name) as the version holding the item has them.
        public var label: String
    }

    public struct Change: Sendable, Equatable {
        public var section: Section
        public var id: String
        /// The label in the newer version.
        public var label: String
        public var fields: [FieldChange]
    }

    public struct Rerank: Sendable, Equatable {
        public var projectID: String
        public var label: String
        public var oldPosition: Int
        public var newPosition: Int
        /// Places moved up (positive) or down (negative).
        public var movedUp: Int { oldPosition - newPosition }
    }

    public var added: [Item]
    public var removed: [Item]
    public var changed: [Change]
    public var reranked: [Rerank]

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && reranked.isEmpty }

    /// The difference from `old` to `new`. Two versions of different municipalities are not compared: a
    /// `ValidationFailure` names `from` (`unknownReference`). Lists are ordered by section, then by the item's
    /// place in its version (position for elements and ranking, code for the roadmap), then id.
    public static func compare(from old: StrategyVersion, to new: StrategyVersion) throws -> StrategyVersionDiff {
        guard old.municipalityID == new.municipalityID else {
            throw ValidationFailure([FieldProblem("from", .unknownReference)])
        }
        var old = old, new = new
        old.normalize(); new.normalize()
        var diff = StrategyVersionDiff(added: [], removed: [], changed: [], reranked: [])
        if old.vision != new.vision {
            diff.changed.append(Change(section: .vision, id: "vision", label: "vision",
                                       fields: [FieldChange(field: "vision", old: old.vision, new: new.vision)]))
        }
        // Elements are already in section order (kind, position); the other lists follow in section order.
        diff.match(old.elements, new.elements, id: \.id, section: { Section($0.kind) }, label: elementLabel, fields: elementFields)
        diff.match(old.kpis, new.kpis, id: \.id, section: { _ in .kpi }, label: { $0.definition.name }, fields: kpiFields)
        diff.match(old.ranking, new.ranking, id: \.projectID, section: { _ in .ranking }, label: rankingLabel,
                   fields: { ["code": $0.code, "title": $0.title] })
        diff.match(old.roadmap, new.roadmap, id: \.projectID, section: { _ in .roadmap }, label: rankingLabel(code: \.code, title: \.title),
                   fields: { ["code": $0.code, "title": $0.title, "status": $0.status.rawValue,
                              "startOn": $0.startOn?.iso, "endOn": $0.endOn?.iso] })
        var oldPositions: [String: Int] = [:]
        for entry in old.ranking { oldPositions[entry.projectID] = entry.position }
        for entry in new.ranking {
            guard let before = oldPositions[entry.projectID], before != entry.position else { continue }
            diff.reranked.append(Rerank(projectID: entry.projectID, label: rankingLabel(entry), oldPosition: before,
                                        newPosition: entry.position))
        }
        return diff
    }

    /// Added and changed in `new`'s order, removed in `old`'s; `fields` lists the compared values by name, and
    /// the order of `fieldOrder` (the keys sorted as the first item lists them) keeps the changes stable.
    private mutating func match<T>(_ old: [T], _ new: [T], id: (T) -> String, section: (T) -> Section,
                                   label: (T) -> String, fields: (T) -> KeyValuePairs<String, String?>) {
        var oldByID: [String: T] = [:]
        oldByID.reserveCapacity(old.count)
        for item in old where oldByID[id(item)] == nil { oldByID[id(item)] = item }
        var seen = Set<String>()
        seen.reserveCapacity(new.count)
        for item in new {
            let key = id(item)
            guard seen.insert(key).inserted else { continue }
            guard let before = oldByID[key] else {
                added.append(Item(section: section(item), id: key, label: label(item)))
                continue
            }
            let a = fields(before), b = fields(item)
            var changes: [FieldChange] = []
            for (index, pair) in b.enumerated() where a[index].value != pair.value {
                changes.append(FieldChange(field: pair.key, old: a[index].value, new: pair.value))
            }
            if !changes.isEmpty { changed.append(Change(section: section(item), id: key, label: label(item), fields: changes)) }
        }
        for item in old where !seen.contains(id(item)) {
            removed.append(Item(section: section(item), id: id(item), label: label(item)))
            seen.insert(id(item))
        }
        // The element lists mix four sections: keep the section order stable for each list.
        let order = Dictionary(uniqueKeysWithValues: Section.allCases.enumerated().map { ($1, $0) })
        added = stableSorted(added) { order[$0.section]! }
        removed = stableSorted(removed) { order[$0.section]! }
        changed = stableSorted(changed) { order[$0.section]! }
    }

    private func stableSorted<T>(_ items: [T], by key: (T) -> Int) -> [T] {
        items.enumerated().sorted { (key($0.element), $0.offset) < (key($1.element), $1.offset) }.map(\.element)
    }

    static func elementLabel(_ element: StrategyVersion.Element) -> String {
        element.code.map { $0 + " " + element.title } ?? element.title
    }

    static func elementFields(_ e: StrategyVersion.Element) -> KeyValuePairs<String, String?> {
        ["code": e.code, "title": e.title, "description": e.description, "targetStatement": e.targetStatement,
         "targetYear": e.targetYear.map(String.init), "parentID": e.parentID,
         "responsibleDepartmentID": e.responsibleDepartmentID, "position": String(e.position)]
    }

    static func kpiFields(_ k: StrategyVersion.KPI) -> KeyValuePairs<String, String?> {
        let d = k.definition
        return ["goalID": k.goalID, "name": d.name, "unit": d.unit, "direction": d.direction.rawValue,
                "baseline": number(d.baseline), "baselineOn": d.baselineOn.iso, "target": number(d.target),
                "targetOn": d.targetOn.iso, "cadence": d.cadence.rawValue]
    }

    static func rankingLabel(_ entry: StrategyVersion.RankingEntry) -> String { entry.code + " " + entry.title }

    static func rankingLabel<T>(code: KeyPath<T, String>, title: KeyPath<T, String>) -> (T) -> String {
        { $0[keyPath: code] + " " + $0[keyPath: title] }
    }

    /// Numbers as the JSON form writes them, without a trailing ".0" for whole numbers.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
