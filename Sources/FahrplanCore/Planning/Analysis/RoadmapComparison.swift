import Foundation

/// What changes from one schedule of a problem to another (a scenario against the base plan): which projects
/// come in, drop out, or start earlier or later.
public enum RoadmapComparison {
    public struct ProjectChange: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable, Codable {
            case added, dropped, earlier, later, unchanged
        }

        public var id: String
        public var title: String
        public var kind: Kind
        public var baseStart: Int?
        public var otherStart: Int?

        public init(id: String, title: String, kind: Kind, baseStart: Int?, otherStart: Int?) {
            self.id = id
            self.title = title
            self.kind = kind
            self.baseStart = baseStart
            self.otherStart = otherStart
        }

        /// Periods moved (positive = later); nil unless the project is in both schedules.
        public var shift: Int? {
            guard let baseStart, let otherStart else { return nil }
            return otherStart - baseStart
        }
    }

    /// One change per project that is in at least one of the schedules, in the problem's project order.
    public static func compare(_ base: RoadmapSchedule, _ other: RoadmapSchedule, in problem: RoadmapProblem) -> [ProjectChange] {
        problem.projects.compactMap { project in
            let before = base.starts[project.id], after = other.starts[project.id]
            let kind: ProjectChange.Kind
            switch (before, after) {
            case (nil, nil): return nil
            case (nil, _): kind = .added
            case (_, nil): kind = .dropped
            case let (before?, after?): kind = after < before ? .earlier : after > before ? .later : .unchanged
            }
            return ProjectChange(id: project.id, title: project.title, kind: kind, baseStart: before, otherStart: after)
        }
    }
}
