import FahrplanCore
import Fluent
import Foundation

/// A stored status report (table `status_reports`); written once, listed newest first.
final class ProjectStatusReport: Model, @unchecked Sendable {
    static let schema = "status_reports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Field(key: "reported_on") var reportedOn: String
    @Field(key: "schedule") var schedule: String
    @OptionalField(key: "schedule_reason") var scheduleReason: String?
    @Field(key: "budget") var budget: String
    @OptionalField(key: "budget_reason") var budgetReason: String?
    @Field(key: "scope") var scope: String
    @OptionalField(key: "scope_reason") var scopeReason: String?
    @Field(key: "percent_complete") var percentComplete: Int
    @OptionalField(key: "achieved") var achieved: String?
    @OptionalField(key: "obstacles") var obstacles: String?
    @OptionalField(key: "next_steps") var nextSteps: String?
    @OptionalField(key: "lessons_learned") var lessonsLearned: String?
    @OptionalField(key: "spent_to_date_cents") var spentToDateCents: Int64?
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @OptionalField(key: "created_by_name") var createdByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(municipalityID: UUID, projectID: UUID, report: StatusReport) {
        id = UUID()
        $municipality.id = municipalityID
        $project.id = projectID
        reportedOn = report.reportedOn.iso
        schedule = report.schedule.light.rawValue; scheduleReason = report.schedule.reason
        budget = report.budget.light.rawValue; budgetReason = report.budget.reason
        scope = report.scope.light.rawValue; scopeReason = report.scope.reason
        percentComplete = report.percentComplete
        achieved = report.achieved; obstacles = report.obstacles; nextSteps = report.nextSteps
        lessonsLearned = report.lessonsLearned; spentToDateCents = report.spentToDateCents
    }

    /// The stored row as the core's value (an unreadable day or light falls back to a harmless default).
    var value: StatusReport {
        StatusReport(reportedOn: CalendarDay(iso: reportedOn) ?? CalendarDay(year: 2000, month: 1, day: 1)!,
                     schedule: StatusLight(TrafficLight(rawValue: schedule) ?? .green, reason: scheduleReason),
                     budget: StatusLight(TrafficLight(rawValue: budget) ?? .green, reason: budgetReason),
                     scope: StatusLight(TrafficLight(rawValue: scope) ?? .green, reason: scopeReason),
                     percentComplete: percentComplete, achieved: achieved, obstacles: obstacles, nextSteps: nextSteps,
                     lessonsLearned: lessonsLearned, spentToDateCents: spentToDateCents)
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _reportedOn, _schedule, _scheduleReason, _budget, _budgetReason, _scope, _scopeReason, _percentComplete, _achieved, _obstacles, _nextSteps, _lessonsLearned, _spentToDateCents, _createdByID, _createdByName, _createdAt] }
}

/// A stored milestone (table `milestones`) with its edit version.
final class ProjectMilestone: Model, @unchecked Sendable {
    static let schema = "milestones"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Field(key: "title") var title: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "done_on") var doneOn: String?
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_on") var createdOn: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var createdDay: CalendarDay { CalendarDay(iso: createdOn) ?? CalendarDay(year: 2000, month: 1, day: 1)! }

    var value: Milestone {
        Milestone(title: title, dueOn: CalendarDay(iso: dueOn) ?? createdDay, doneOn: doneOn.flatMap(CalendarDay.init(iso:)),
                  ownerUserID: ownerID, note: note)
    }

    func apply(_ milestone: Milestone) {
        title = milestone.title; dueOn = milestone.dueOn.iso; doneOn = milestone.doneOn?.iso
        ownerID = milestone.ownerUserID; note = milestone.note
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _title, _dueOn, _doneOn, _ownerID, _note, _createdOn, _version, _createdAt, _updatedAt] }
}

/// The monitoring settings of a municipality (table `monitoring_settings`); no row means the defaults.
final class MonitoringSettings: Model, @unchecked Sendable {
    static let schema = "monitoring_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    /// The secret of the calendar feed's URL; nil until the strategy team creates one.
    @OptionalField(key: "calendar_token") var calendarToken: String?
    @Field(key: "stale_after_weeks") var staleAfterWeeks: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _calendarToken, _staleAfterWeeks, _updatedAt] }
}

/// The project's named monitoring owner (column `projects.monitoring_owner_id`), kept apart from Portfolio's
/// `Project` model so that the profile's reads and writes stay as they are.
final class ProjectMonitoringOwner: Model, @unchecked Sendable {
    static let schema = "projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @OptionalField(key: "monitoring_owner_id") var ownerID: UUID?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _ownerID] }
}
