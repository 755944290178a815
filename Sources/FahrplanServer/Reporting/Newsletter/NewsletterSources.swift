import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Loads what a newsletter issue is assembled from (`NewsletterInput`) with a fixed number of selects of only
/// the rows the window can use: milestones done in the window or still open and due up to the horizon, status
/// reports in the window that name obstacles or lessons learned, and the days projects moved to "in
/// implementation" and "completed" (the status history, which the audit trail of the status workflow keeps).
enum NewsletterSources {
    static func input(_ municipalityID: UUID, since: CalendarDay, issueOn: CalendarDay, editorial: String?,
                      calendar: MunicipalCalendar, on db: any Database) async throws -> NewsletterInput {
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        let from = since.adding(days: 1) ?? since
        let horizon = issueOn.adding(days: NewsletterInput.defaultUpcomingDays) ?? issueOn
        struct Head { var code: String; var title: String; var status: ProjectStatus }
        var heads: [UUID: Head] = [:]
        var order: [UUID] = []
        for row in try await sql.raw("""
            SELECT id, code, title, status FROM projects
            WHERE municipality_id = \(bind: municipalityID) AND archived_at IS NULL AND merged_into_id IS NULL ORDER BY code
            """).all() {
            let id = try row.decode(column: "id", as: UUID.self)
            heads[id] = Head(code: try row.decode(column: "code", as: String.self), title: try row.decode(column: "title", as: String.self),
                             status: ProjectStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .idea)
            order.append(id)
        }
        var milestones: [UUID: [DatedMilestone]] = [:]
        for row in try await sql.raw("""
            SELECT id, project_id, title, due_on, done_on FROM milestones
            WHERE municipality_id = \(bind: municipalityID)
              AND ((done_on >= \(bind: from.iso) AND done_on <= \(bind: issueOn.iso))
                   OR (done_on IS NULL AND due_on > \(bind: issueOn.iso) AND due_on <= \(bind: horizon.iso)))
            ORDER BY due_on
            """).all() {
            guard let due = CalendarDay(iso: try row.decode(column: "due_on", as: String.self)) else { continue }
            let done = try row.decode(column: "done_on", as: String?.self).flatMap(CalendarDay.init(iso:))
            milestones[try row.decode(column: "project_id", as: UUID.self), default: []].append(DatedMilestone(
                id: try row.decode(column: "id", as: UUID.self),
                milestone: Milestone(title: try row.decode(column: "title", as: String.self), dueOn: due, doneOn: done)))
        }
        var reports: [UUID: [StatusReport]] = [:]
        for row in try await sql.raw("""
            SELECT project_id, reported_on, obstacles, lessons_learned, percent_complete FROM status_reports
            WHERE municipality_id = \(bind: municipalityID) AND reported_on >= \(bind: from.iso) AND reported_on <= \(bind: issueOn.iso)
              AND (obstacles IS NOT NULL OR lessons_learned IS NOT NULL)
            ORDER BY reported_on, created_at
            """).all() {
            guard let day = CalendarDay(iso: try row.decode(column: "reported_on", as: String.self)) else { continue }
            reports[try row.decode(column: "project_id", as: UUID.self), default: []].append(StatusReport(
                reportedOn: day, schedule: StatusLight(.green), budget: StatusLight(.green), scope: StatusLight(.green),
                percentComplete: try row.decode(column: "percent_complete", as: Int.self),
                obstacles: try row.decode(column: "obstacles", as: String?.self),
                lessonsLearned: try row.decode(column: "lessons_learned", as: String?.self)))
        }
        // The last move into each status counts: a project started twice (back from "deferred") started when it
        // last did.
        var started: [UUID: CalendarDay] = [:], completed: [UUID: CalendarDay] = [:]
        for row in try await sql.raw("""
            SELECT project_id, to_status, changed_at FROM project_status_changes
            WHERE municipality_id = \(bind: municipalityID) AND to_status IN (\(bind: ProjectStatus.inProgress.rawValue), \(bind: ProjectStatus.completed.rawValue))
            ORDER BY changed_at
            """).all() {
            let project = try row.decode(column: "project_id", as: UUID.self)
            let day = calendar.day(of: try row.decode(column: "changed_at", as: Date.self))
            if try row.decode(column: "to_status", as: String.self) == ProjectStatus.completed.rawValue { completed[project] = day }
            else { started[project] = day }
        }
        let projects = order.compactMap { id -> ReportProject? in
            guard let head = heads[id] else { return nil }
            let hasNews = milestones[id] != nil || reports[id] != nil || started[id].map { $0 >= from && $0 <= issueOn } == true
                || completed[id].map { $0 >= from && $0 <= issueOn } == true
            guard hasNews else { return nil }
            return ReportProject(project: MonitoredProject(id: id, code: head.code, title: head.title, status: head.status,
                                                           milestones: milestones[id] ?? []),
                                 reports: reports[id] ?? [], startedOn: started[id], completedOn: completed[id])
        }
        return NewsletterInput(since: since, issueOn: issueOn, projects: projects, editorial: editorial)
    }
}
