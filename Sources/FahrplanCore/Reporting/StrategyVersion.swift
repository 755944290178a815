import Foundation

/// A named, dated snapshot of the whole strategy (Strategieversion): the frame (vision, principles, fields of
/// action, goals with target statements, programs), the KPIs with baselines and targets, the adopted ranking and
/// the roadmap. Stored as JSON (`encoded()`); every item carries the stable id it has in the database, which is
/// what `StrategyVersionDiff` matches on, so a renamed goal is "changed", not "removed and added".
public struct StrategyVersion: Codable, Sendable, Equatable {
    /// The JSON form's version; `decode` refuses forms it does not know.
    public static let currentFormat = 1

    public var format: Int
    public var municipalityID: UUID
    public var name: String
    public var adoptedOn: CalendarDay
    public var vision: String?
    public var elements: [Element]
    public var kpis: [KPI]
    public var ranking: [RankingEntry]
    public var roadmap: [RoadmapEntry]

    public init(municipalityID: UUID, name: String, adoptedOn: CalendarDay, vision: String?, elements: [Element],
                kpis: [KPI], ranking: [RankingEntry], roadmap: [RoadmapEntry]) {
        self.format = Self.currentFormat
        self.municipalityID = municipalityID; self.name = name; self.adoptedOn = adoptedOn; self.vision = vision
        self.elements = elements; self.kpis = kpis; self.ranking = ranking; self.roadmap = roadmap
        normalize()
    }

    /// An element of the frame with its place among its siblings.
    public struct Element: Codable, Sendable, Equatable {
        public var id: String
        public var kind: StrategyElementKind
        public var position: Int
        public var code: String?
        public var title: String
        public var description: String?
        public var targetStatement: String?
        public var targetYear: Int?
        public var parentID: String?
        public var responsibleDepartmentID: String?

        public init(id: String, kind: StrategyElementKind, position: Int, code: String? = nil, title: String,
                    description: String? = nil, targetStatement: String? = nil, targetYear: Int? = nil,
                    parentID: String? = nil, responsibleDepartmentID: String? = nil) {
            self.id = id; self.kind = kind; self.position = position; self.code = code; self.title = title
            self.description = description; self.targetStatement = targetStatement; self.targetYear = targetYear
            self.parentID = parentID; self.responsibleDepartmentID = responsibleDepartmentID
        }

        /// From checked element values (what the frame's forms store).
        public init(id: String, kind: StrategyElementKind, position: Int, values: StrategyElementValues) {
            self.init(id: id, kind: kind, position: position, code: values.code, title: values.title,
                      description: values.description, targetStatement: values.targetStatement,
                      targetYear: values.targetYear, parentID: values.parentID,
                      responsibleDepartmentID: values.responsibleDepartmentID)
        }
    }

    /// A KPI of a goal: the monitoring's `KPIDefinition`, kept field by field in the JSON form.
    public struct KPI: Codable, Sendable, Equatable {
        public var id: String
        public var goalID: String
        public var definition: KPIDefinition

        public init(id: String, goalID: String, definition: KPIDefinition) {
            self.id = id; self.goalID = goalID; self.definition = definition
        }

        enum CodingKeys: String, CodingKey {
            case id, goalID, name, unit, direction, baseline, baselineOn, target, targetOn, cadence
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            goalID = try c.decode(String.self, forKey: .goalID)
            definition = KPIDefinition(
                name: try c.decode(String.self, forKey: .name), unit: try c.decode(String.self, forKey: .unit),
                direction: try c.decode(KPIDirection.self, forKey: .direction),
                baseline: try c.decode(Double.self, forKey: .baseline),
                baselineOn: try c.decode(CalendarDay.self, forKey: .baselineOn),
                target: try c.decode(Double.self, forKey: .target), targetOn: try c.decode(CalendarDay.self, forKey: .targetOn),
                cadence: try c.decode(KPICadence.self, forKey: .cadence))
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(goalID, forKey: .goalID)
            try c.encode(definition.name, forKey: .name)
            try c.encode(definition.unit, forKey: .unit)
            try c.encode(definition.direction, forKey: .direction)
            try c.encode(definition.baseline, forKey: .baseline)
            try c.encode(definition.baselineOn, forKey: .baselineOn)
            try c.encode(definition.target, forKey: .target)
            try c.encode(definition.targetOn, forKey: .targetOn)
            try c.encode(definition.cadence, forKey: .cadence)
        }
    }

    /// A project's position in the adopted ranking (1 = first).
    public struct RankingEntry: Codable, Sendable, Equatable {
        public var projectID: String
        public var code: String
        public var title: String
        public var position: Int

        public init(projectID: String, code: String, title: String, position: Int) {
            self.projectID = projectID; self.code = code; self.title = title; self.position = position
        }
    }

    /// A project on the roadmap: its status and planned start and end.
    public struct RoadmapEntry: Codable, Sendable, Equatable {
        public var projectID: String
        public var code: String
        public var title: String
        public var status: ProjectStatus
        public var startOn: CalendarDay?
        public var endOn: CalendarDay?

        public init(projectID: String, code: String, title: String, status: ProjectStatus, startOn: CalendarDay? = nil,
                    endOn: CalendarDay? = nil) {
            self.projectID = projectID; self.code = code; self.title = title; self.status = status
            self.startOn = startOn; self.endOn = endOn
        }
    }

    /// Puts every list in its canonical order (kind, position, id; goal, id; position, id; code, id), so the same
    /// strategy always gives the same JSON bytes whatever order the database returned.
    public mutating func normalize() {
        let kindOrder = Dictionary(uniqueKeysWithValues: StrategyElementKind.allCases.enumerated().map { ($1, $0) })
        elements.sort { a, b in
            if a.kind != b.kind { return kindOrder[a.kind]! < kindOrder[b.kind]! }
            if a.position != b.position { return a.position < b.position }
            return a.id < b.id
        }
        kpis.sort { ($0.goalID, $0.id) < ($1.goalID, $1.id) }
        ranking.sort { ($0.position, $0.projectID) < ($1.position, $1.projectID) }
        roadmap.sort { ($0.code, $0.projectID) < ($1.code, $1.projectID) }
    }

    /// The stable JSON form: sorted keys, canonical list order, ISO days.
    public func encoded() throws -> Data {
        var copy = self
        copy.normalize()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(copy)
    }

    /// A stored version; throws for malformed JSON and for a format newer than this code knows.
    public static func decode(_ data: Data) throws -> StrategyVersion {
        var version = try JSONDecoder().decode(StrategyVersion.self, from: data)
        guard (1...currentFormat).contains(version.format) else {
            throw ValidationFailure([FieldProblem("format", .outOfRange(min: 1, max: currentFormat))])
        }
        version.normalize()
        return version
    }
}
