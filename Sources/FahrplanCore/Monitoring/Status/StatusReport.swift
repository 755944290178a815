import Foundation

/// A traffic light of a status report (Ampel): green on track, yellow at risk, red off track. Ordered by
/// severity, so the worst of a report's three lights is their maximum.
public enum TrafficLight: String, Codable, CaseIterable, Sendable, Comparable {
    case green
    case yellow
    case red

    private var severity: Int {
        switch self {
        case .green: return 0
        case .yellow: return 1
        case .red: return 2
        }
    }

    public static func < (lhs: TrafficLight, rhs: TrafficLight) -> Bool { lhs.severity < rhs.severity }
}

/// The three dimensions a status report rates (Termine, Budget, Umfang).
public enum StatusDimension: String, CaseIterable, Sendable {
    case schedule
    case budget
    case scope

    /// The form and API field of the dimension's light, and of its reason.
    public var lightField: String { rawValue }
    public var reasonField: String { rawValue + "Reason" }
}

/// One rated dimension: the light and, when it is not green, why.
public struct StatusLight: Sendable, Equatable, Codable {
    public var light: TrafficLight
    public var reason: String?

    public init(_ light: TrafficLight, reason: String? = nil) {
        self.light = light; self.reason = reason
    }
}

/// A status report of a project in implementation (Statusbericht): how it stands on a day — three traffic
/// lights, percent complete, what was achieved, obstacles, next steps and lessons learned (Markdown), and
/// optionally what has been spent so far, which the dashboard sets against the profile's planned costs.
public struct StatusReport: Sendable, Equatable {
    public var reportedOn: CalendarDay
    public var schedule: StatusLight
    public var budget: StatusLight
    public var scope: StatusLight
    public var percentComplete: Int
    public var achieved: String?
    public var obstacles: String?
    public var nextSteps: String?
    public var lessonsLearned: String?
    public var spentToDateCents: Int64?

    public init(reportedOn: CalendarDay, schedule: StatusLight, budget: StatusLight, scope: StatusLight, percentComplete: Int,
                achieved: String? = nil, obstacles: String? = nil, nextSteps: String? = nil, lessonsLearned: String? = nil,
                spentToDateCents: Int64? = nil) {
        self.reportedOn = reportedOn; self.schedule = schedule; self.budget = budget; self.scope = scope
        self.percentComplete = percentComplete; self.achieved = achieved; self.obstacles = obstacles
        self.nextSteps = nextSteps; self.lessonsLearned = lessonsLearned; self.spentToDateCents = spentToDateCents
    }

    public func light(_ dimension: StatusDimension) -> StatusLight {
        switch dimension {
        case .schedule: return schedule
        case .budget: return budget
        case .scope: return scope
        }
    }

    /// The worst of the three lights: what the dashboard shows for the project.
    public var overall: TrafficLight { max(schedule.light, budget.light, scope.light) }
}

/// Which projects are monitored (Projekte in Umsetzung).
public enum MonitoringScope {
    /// Only a project in implementation gets status reports. An approved project has not started: there is no
    /// schedule or spending to report against yet, and a report would make it look running on the dashboard;
    /// the strategy team moves it to "in implementation" first. Closed and deferred projects are refused too.
    public static func acceptsReports(_ status: ProjectStatus) -> Bool { status == .inProgress }

    /// Milestones may be planned from the decision on (approved), so the start of work can already be dated;
    /// a closed or deferred project gets no new ones.
    public static func acceptsMilestones(_ status: ProjectStatus) -> Bool { status == .approved || status == .inProgress }
}

/// A status report as a form or the API sends it: text fields, checked in one go so every problem is named.
public struct StatusReportInput: Sendable, Equatable {
    public var reportedOn: String?
    public var schedule: String?
    public var scheduleReason: String?
    public var budget: String?
    public var budgetReason: String?
    public var scope: String?
    public var scopeReason: String?
    public var percentComplete: String?
    public var achieved: String?
    public var obstacles: String?
    public var nextSteps: String?
    public var lessonsLearned: String?
    public var spentToDate: String?

    public static let maxReasonLength = 500
    public static let maxTextLength = 5000

    public init(reportedOn: String? = nil, schedule: String? = nil, scheduleReason: String? = nil, budget: String? = nil,
                budgetReason: String? = nil, scope: String? = nil, scopeReason: String? = nil, percentComplete: String? = nil,
                achieved: String? = nil, obstacles: String? = nil, nextSteps: String? = nil, lessonsLearned: String? = nil,
                spentToDate: String? = nil) {
        self.reportedOn = reportedOn; self.schedule = schedule; self.scheduleReason = scheduleReason
        self.budget = budget; self.budgetReason = budgetReason; self.scope = scope; self.scopeReason = scopeReason
        self.percentComplete = percentComplete; self.achieved = achieved; self.obstacles = obstacles
        self.nextSteps = nextSteps; self.lessonsLearned = lessonsLearned; self.spentToDate = spentToDate
    }

    /// The report, or every problem: a project that is not in implementation (field `project`), no or an invalid
    /// date, a date after `today`, a missing or unknown light, a light other than green without a reason, a
    /// percentage outside 0–100, texts too long or with control characters, a spent amount that is no amount.
    public func validated(projectStatus: ProjectStatus, today: CalendarDay) throws -> StatusReport {
        var check = Validator()
        if !MonitoringScope.acceptsReports(projectStatus) {
            check.add("project", .notInImplementation(status: projectStatus.rawValue))
        }
        let day = MonitoringInput.day("reportedOn", reportedOn, required: true, &check)
        if let day, day > today { check.add("reportedOn", .dateInFuture) }
        let schedule = Self.light(.schedule, schedule, scheduleReason, &check)
        let budget = Self.light(.budget, budget, budgetReason, &check)
        let scope = Self.light(.scope, scope, scopeReason, &check)
        let percent = check.integer("percentComplete", percentComplete, required: true, range: 0...100)
        let achieved = check.text("achieved", achieved, required: false, max: Self.maxTextLength, multiline: true)
        let obstacles = check.text("obstacles", obstacles, required: false, max: Self.maxTextLength, multiline: true)
        let nextSteps = check.text("nextSteps", nextSteps, required: false, max: Self.maxTextLength, multiline: true)
        let lessons = check.text("lessonsLearned", lessonsLearned, required: false, max: Self.maxTextLength, multiline: true)
        let spent = MonitoringInput.cents("spentToDate", spentToDate, &check)
        try check.finish()
        return StatusReport(reportedOn: day!, schedule: schedule!, budget: budget!, scope: scope!, percentComplete: percent!,
                            achieved: achieved, obstacles: obstacles, nextSteps: nextSteps, lessonsLearned: lessons,
                            spentToDateCents: spent)
    }

    /// A light and its reason; a green light keeps no reason (it would only be stale text).
    private static func light(_ dimension: StatusDimension, _ raw: String?, _ rawReason: String?,
                              _ check: inout Validator) -> StatusLight? {
        let light = MonitoringInput.choice(dimension.lightField, raw, TrafficLight.self, required: true, &check)
        let reason = check.text(dimension.reasonField, rawReason, required: light != nil && light != .green,
                                max: maxReasonLength, multiline: true)
        guard let light else { return nil }
        return StatusLight(light, reason: light == .green ? nil : reason)
    }
}

/// Parsing helpers shared by the monitoring inputs.
enum MonitoringInput {
    static func day(_ field: String, _ raw: String?, required: Bool, _ check: inout Validator) -> CalendarDay? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            if required { check.add(field, .required) }
            return nil
        }
        guard let day = CalendarDay(parsing: text) else {
            check.add(field, .invalidDate)
            return nil
        }
        return day
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ raw: String?, _ type: T.Type, required: Bool,
                                                           _ check: inout Validator) -> T? where T.RawValue == String {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            if required { check.add(field, .required) }
            return nil
        }
        guard let value = T(rawValue: text) else {
            check.add(field, .invalidChoice)
            return nil
        }
        return value
    }

    /// An optional amount of money (German or ISO notation, `€` allowed); blank means absent.
    static func cents(_ field: String, _ raw: String?, _ check: inout Validator) -> Int64? {
        guard let text = CleanText.normalize(raw, multiline: false) else { return nil }
        do throws(LocaleNumberError) {
            return try LocaleNumber.cents(text)
        } catch {
            switch error {
            case .negative: check.add(field, .negative)
            case .tooPrecise: check.add(field, .tooPrecise(decimals: 2))
            default: check.add(field, .notADecimal)
            }
            return nil
        }
    }
}
