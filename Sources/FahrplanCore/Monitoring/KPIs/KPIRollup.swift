import Foundation

/// The progress of the strategy rolled up from its KPIs: goal → field of action → strategy (Zielerreichung je Ziel,
/// Handlungsfeld und Strategie). Each level is the mean of its children's progress; a goal's children are its KPIs
/// (each counted with its clamped progress, see `KPIProgress`, equal weights unless a KPI carries another weight), a
/// field's are its goals, the strategy's are its fields, each of those counted equally. Children without progress
/// (a KPI without measurement, a goal without such a KPI, …) are left out and named, never counted as zero. Every
/// level carries the explanation of how its figure came about, in German and English, to be shown next to it.
public struct KPIRollup: Sendable, Equatable {
    public struct KPI: Sendable, Equatable {
        public var id: String
        public var name: String
        public var goalID: String
        /// Clamped progress (0…1); nil without measurement.
        public var progress: Double?
        public var weight: Double

        public init(id: String, name: String, goalID: String, progress: Double?, weight: Double = 1) {
            self.id = id; self.name = name; self.goalID = goalID; self.progress = progress; self.weight = weight
        }
    }

    public struct Goal: Sendable, Equatable {
        public var id: String
        public var name: String
        public var fieldOfActionID: String
        public init(id: String, name: String, fieldOfActionID: String) {
            self.id = id; self.name = name; self.fieldOfActionID = fieldOfActionID
        }
    }

    public struct FieldOfAction: Sendable, Equatable {
        public var id: String
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    /// One figure of the roll-up with how it was computed.
    public struct Node: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Mean progress (0…1) of the counted children; nil when none has progress.
        public var progress: Double?
        /// Names of the children that were counted, and of those left out for lack of progress.
        public var counted: [String]
        public var excluded: [String]
        public var explanationGerman: String
        public var explanationEnglish: String

        public func explanation(english: Bool) -> String { english ? explanationEnglish : explanationGerman }
    }

    public struct GoalNode: Sendable, Equatable {
        public var node: Node
        public var kpis: [KPI]
    }

    public struct FieldNode: Sendable, Equatable {
        public var node: Node
        public var goals: [GoalNode]
    }

    public var strategy: Node
    public var fields: [FieldNode]

    /// Rolls up in the order given; goals of an unknown field and KPIs of an unknown goal are ignored (the
    /// server loads them from one municipality, so that does not happen).
    public static func compute(fields: [FieldOfAction], goals: [Goal], kpis: [KPI]) -> KPIRollup {
        var kpisByGoal: [String: [KPI]] = [:]
        for kpi in kpis { kpisByGoal[kpi.goalID, default: []].append(kpi) }
        var goalsByField: [String: [Goal]] = [:]
        for goal in goals { goalsByField[goal.fieldOfActionID, default: []].append(goal) }

        let fieldNodes = fields.map { field -> FieldNode in
            let goalNodes = (goalsByField[field.id] ?? []).map { goal -> GoalNode in
                let children = kpisByGoal[goal.id] ?? []
                let node = mean(id: goal.id, name: goal.name, level: .goal,
                                children: children.map { Child(name: $0.name, progress: $0.progress, weight: $0.weight) })
                return GoalNode(node: node, kpis: children)
            }
            let node = mean(id: field.id, name: field.name, level: .fieldOfAction,
                            children: goalNodes.map { Child(name: $0.node.name, progress: $0.node.progress, weight: 1) })
            return FieldNode(node: node, goals: goalNodes)
        }
        let strategy = mean(id: "strategy", name: "Strategie", level: .strategy,
                            children: fieldNodes.map { Child(name: $0.node.name, progress: $0.node.progress, weight: 1) })
        return KPIRollup(strategy: strategy, fields: fieldNodes)
    }

    enum Level { case goal, fieldOfAction, strategy }

    struct Child {
        var name: String
        var progress: Double?
        var weight: Double
    }

    static func mean(id: String, name: String, level: Level, children: [Child]) -> Node {
        let counted = children.filter { $0.progress != nil && $0.weight > 0 }
        let excluded = children.filter { $0.progress == nil || $0.weight <= 0 }.map(\.name)
        let totalWeight = counted.reduce(0) { $0 + $1.weight }
        let progress: Double? = counted.isEmpty || totalWeight <= 0
            ? nil : counted.reduce(0) { $0 + $1.progress! * $1.weight } / totalWeight
        let weighted = counted.contains { $0.weight != 1 }
        return Node(id: id, name: name, progress: progress, counted: counted.map(\.name), excluded: excluded,
                    explanationGerman: explain(level, counted, excluded, progress, weighted, english: false),
                    explanationEnglish: explain(level, counted, excluded, progress, weighted, english: true))
    }

    static func explain(_ level: Level, _ counted: [Child], _ excluded: [String], _ progress: Double?, _ weighted: Bool,
                        english: Bool) -> String {
        let (one, many): (String, String) = switch level {
        case .goal: english ? ("KPI", "KPIs") : ("Kennzahl", "Kennzahlen")
        case .fieldOfAction: english ? ("goal", "goals") : ("Ziel", "Zielen")
        case .strategy: english ? ("field of action", "fields of action") : ("Handlungsfeld", "Handlungsfeldern")
        }
        let missing: String = switch level {
        case .goal: english ? "no measurement yet" : "noch kein Messwert"
        case .fieldOfAction: english ? "no KPI with a measurement" : "keine Kennzahl mit Messwert"
        case .strategy: english ? "no goal with progress" : "kein Ziel mit Fortschritt"
        }
        var text: String
        if let progress {
            let parts = counted.map { child -> String in
                let figure = "\(child.name) \(percent(child.progress!, english: english))"
                guard weighted else { return figure }
                return figure + (english ? " (weight \(number(child.weight, english: true)))" : " (Gewicht \(number(child.weight, english: false)))")
            }.joined(separator: "; ")
            let count = counted.count == 1 ? "1 \(one)" : "\(counted.count) \(many)"
            let how: String
            if english {
                how = weighted ? "Weighted mean of the progress of \(count)" : "Mean of the progress of \(count), equally weighted"
            } else {
                how = weighted ? "Gewichteter Mittelwert des Fortschritts von \(count)" : "Mittelwert des Fortschritts von \(count), gleich gewichtet"
            }
            let clampNote = level == .goal
                ? (english ? ", each KPI's progress capped to 0–100 %" : ", Fortschritt jeder Kennzahl auf 0–100 % begrenzt") : ""
            text = "\(how)\(clampNote): \(parts) → \(percent(progress, english: english))."
        } else {
            text = english ? "No progress yet: \(missing)." : "Noch kein Fortschritt: \(missing)."
        }
        if !excluded.isEmpty {
            text += english ? " Not counted (\(missing)): " : " Nicht mitgezählt (\(missing)): "
            text += excluded.joined(separator: ", ") + "."
        }
        return text
    }

    /// `42,5 %` / `42.5%`: one decimal, none when whole.
    public static func percent(_ share: Double, english: Bool) -> String {
        number(share * 100, english: english) + (english ? "%" : " %")
    }

    static func number(_ value: Double, english: Bool) -> String {
        let tenths = (value * 10).rounded()
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0
            ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
        return english ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
