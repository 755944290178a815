import FahrplanCore
import Foundation
import Vapor

/// A status report as the API shows it. Days are ISO (`YYYY-MM-DD`); a reason only accompanies a light that is
/// not green.
struct StatusReportDTO: Content {
    var id: UUID
    var projectId: UUID
    var reportedOn: String
    var schedule: String
    var scheduleReason: String?
    var budget: String
    var budgetReason: String?
    var scope: String
    var scopeReason: String?
    /// The worst of the three lights.
    var overall: String
    var percentComplete: Int
    var achieved: String?
    var obstacles: String?
    var nextSteps: String?
    var lessonsLearned: String?
    var spentToDateCents: Int64?
    var createdByName: String?
    var createdAt: Date?

    init(_ row: ProjectStatusReport) throws {
        let value = row.value
        id = try row.requireID()
        projectId = row.$project.id
        reportedOn = value.reportedOn.iso
        schedule = value.schedule.light.rawValue; scheduleReason = value.schedule.reason
        budget = value.budget.light.rawValue; budgetReason = value.budget.reason
        scope = value.scope.light.rawValue; scopeReason = value.scope.reason
        overall = value.overall.rawValue
        percentComplete = value.percentComplete
        achieved = value.achieved; obstacles = value.obstacles; nextSteps = value.nextSteps; lessonsLearned = value.lessonsLearned
        spentToDateCents = value.spentToDateCents
        createdByName = row.createdByName
        createdAt = row.createdAt
    }
}

/// A new status report. Everything is checked at once; nothing is stored when anything is wrong.
struct StatusReportWriteDTO: Content {
    var reportedOn: String?
    var schedule: String?
    var scheduleReason: String?
    var budget: String?
    var budgetReason: String?
    var scope: String?
    var scopeReason: String?
    var percentComplete: Int?
    var achieved: String?
    var obstacles: String?
    var nextSteps: String?
    var lessonsLearned: String?
    var spentToDateCents: Int64?

    var input: StatusReportInput {
        StatusReportInput(reportedOn: reportedOn, schedule: schedule, scheduleReason: scheduleReason, budget: budget,
                          budgetReason: budgetReason, scope: scope, scopeReason: scopeReason,
                          percentComplete: MonitoringAPI.integer(percentComplete), achieved: achieved, obstacles: obstacles,
                          nextSteps: nextSteps, lessonsLearned: lessonsLearned, spentToDate: MonitoringAPI.amount(cents: spentToDateCents))
    }
}

struct MilestoneDTO: Content {
    var id: UUID
    var projectId: UUID
    var title: String
    var dueOn: String
    var doneOn: String?
    var ownerUserId: UUID?
    var note: String?
    /// The day the milestone was entered; it cannot have been done before.
    var createdOn: String
    /// Due before today and not done.
    var overdue: Bool
    var version: Int

    init(_ row: ProjectMilestone, today: CalendarDay) throws {
        let value = row.value
        id = try row.requireID()
        projectId = row.$project.id
        title = value.title
        dueOn = value.dueOn.iso
        doneOn = value.doneOn?.iso
        ownerUserId = value.ownerUserID
        note = value.note
        createdOn = row.createdDay.iso
        overdue = value.isOverdue(today: today)
        version = row.version
    }
}

/// A milestone to create, or to replace as a whole (PUT): a field left out is cleared.
struct MilestoneWriteDTO: Content {
    var title: String?
    var dueOn: String?
    var doneOn: String?
    var ownerUserId: String?
    var note: String?

    var input: MilestoneInput {
        MilestoneInput(title: title, dueOn: dueOn, doneOn: doneOn, ownerUserID: ownerUserId, note: note)
    }
}

struct MonitoringOwnerDTO: Content {
    var projectId: UUID
    var ownerUserId: UUID?
    var ownerName: String?
}

/// `ownerUserId` null (or left out) clears the owner.
struct MonitoringOwnerWriteDTO: Content {
    var ownerUserId: String?
}
