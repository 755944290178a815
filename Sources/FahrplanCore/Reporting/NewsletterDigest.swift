import Foundation

/// What a newsletter issue is assembled from: the window since the last issue and the projects with their
/// milestones, status reports and days (`ReportProject`), plus other dated events and the editor's own text.
public struct NewsletterInput: Sendable, Equatable {
    /// The last issue's day; what happened on it was in that issue, so the window starts the day after.
    public var since: CalendarDay
    /// This issue's day (included).
    public var issueOn: CalendarDay
    public var projects: [ReportProject]
    /// Other dates worth announcing (a committee meeting, a training), listed when they fall in the horizon.
    public var events: [NewsletterDigest.Event]
    /// How far "upcoming" reaches after the issue day, in days.
    public var upcomingDays: Int
    /// The editor's introduction (Markdown kept as text); counts as content.
    public var editorial: String?

    public static let defaultUpcomingDays = 42

    public init(since: CalendarDay, issueOn: CalendarDay, projects: [ReportProject], events: [NewsletterDigest.Event] = [],
                upcomingDays: Int = NewsletterInput.defaultUpcomingDays, editorial: String? = nil) {
        self.since = since; self.issueOn = issueOn; self.projects = projects; self.events = events
        self.upcomingDays = upcomingDays; self.editorial = editorial
    }
}

/// A newsletter issue's content (like the seeds' "digital.kanal"): everything new since the last issue —
/// milestones reached, projects started and finished, obstacles, lessons learned — and the dates coming up.
public struct NewsletterDigest: Sendable, Equatable, Codable {
    public var since: CalendarDay
    public var issueOn: CalendarDay
    public var editorial: String?
    /// Milestones done in the window, by day, project code, title.
    public var milestonesReached: [MilestoneEntry]
    /// Projects that moved to implementation / were completed in the window, by day then code.
    public var projectsStarted: [ProjectEntry]
    public var projectsFinished: [ProjectEntry]
    /// Per project, the newest report in the window that names obstacles (lessons learned); by code.
    public var obstacles: [TextEntry]
    public var lessonsLearned: [TextEntry]
    /// Open milestones due and events after the issue day up to the horizon, by day then title.
    public var upcoming: [DateEntry]

    public var isEmpty: Bool {
        editorial == nil && milestonesReached.isEmpty && projectsStarted.isEmpty && projectsFinished.isEmpty
            && obstacles.isEmpty && lessonsLearned.isEmpty && upcoming.isEmpty
    }

    public struct Event: Sendable, Equatable, Codable {
        public var title: String
        public var on: CalendarDay
        public init(title: String, on: CalendarDay) { self.title = title; self.on = on }
    }

    public struct ProjectEntry: Sendable, Equatable, Codable {
        public var projectID: UUID
        public var code: String
        public var title: String
        public var on: CalendarDay
    }

    public struct MilestoneEntry: Sendable, Equatable, Codable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var milestone: String
        public var on: CalendarDay
    }

    public struct TextEntry: Sendable, Equatable, Codable {
        public var projectID: UUID
        public var projectCode: String
        public var projectTitle: String
        public var reportedOn: CalendarDay
        public var text: String
    }

    public struct DateEntry: Sendable, Equatable, Codable {
        public var on: CalendarDay
        public var title: String
        /// Code and title of the project for a milestone; nil for an event.
        public var project: String?
        /// The project of a milestone (nil for an event, and in digests frozen before it was recorded).
        public var projectID: UUID?
    }

    /// Only what concerns the given projects, for readers outside the administration (the transparency portal):
    /// entries of other projects are left out, and so is a milestone date whose project is not recorded (a digest
    /// frozen before `projectID` existed). Events and the editorial stay: they name no project.
    public func restricted(to projects: Set<UUID>) -> NewsletterDigest {
        var digest = self
        digest.milestonesReached.removeAll { !projects.contains($0.projectID) }
        digest.projectsStarted.removeAll { !projects.contains($0.projectID) }
        digest.projectsFinished.removeAll { !projects.contains($0.projectID) }
        digest.obstacles.removeAll { !projects.contains($0.projectID) }
        digest.lessonsLearned.removeAll { !projects.contains($0.projectID) }
        digest.upcoming.removeAll { entry in entry.project != nil && !(entry.projectID.map(projects.contains) ?? false) }
        return digest
    }

    /// The digest, or a `ValidationFailure`: `issueOn` before `since` (`endBeforeStart`), or nothing to tell —
    /// no news, no upcoming date and no editorial (`content`, `required`: a newsletter without content).
    public static func assemble(_ input: NewsletterInput) throws -> NewsletterDigest {
        guard input.issueOn >= input.since else { throw ValidationFailure([FieldProblem("issueOn", .endBeforeStart)]) }
        let from = input.since.adding(days: 1) ?? input.since, to = input.issueOn
        let horizon = input.issueOn.adding(days: max(0, input.upcomingDays)) ?? input.issueOn
        func inWindow(_ day: CalendarDay?) -> Bool { day.map { $0 >= from && $0 <= to } ?? false }
        var digest = NewsletterDigest(since: input.since, issueOn: input.issueOn,
                                      editorial: CleanText.normalize(input.editorial, multiline: true),
                                      milestonesReached: [], projectsStarted: [], projectsFinished: [], obstacles: [],
                                      lessonsLearned: [], upcoming: [])
        for entry in input.projects {
            let p = entry.project
            if let day = entry.startedOn, inWindow(day) {
                digest.projectsStarted.append(ProjectEntry(projectID: p.id, code: p.code, title: p.title, on: day))
            }
            if let day = entry.completedOn, inWindow(day), p.status == .completed {
                digest.projectsFinished.append(ProjectEntry(projectID: p.id, code: p.code, title: p.title, on: day))
            }
            for dated in p.milestones {
                let m = dated.milestone
                if let done = m.doneOn, inWindow(done) {
                    digest.milestonesReached.append(MilestoneEntry(projectID: p.id, projectCode: p.code, projectTitle: p.title,
                                                                   milestone: m.title, on: done))
                } else if m.doneOn == nil, m.dueOn > to, m.dueOn <= horizon, !p.status.isClosed, p.status != .deferred {
                    digest.upcoming.append(DateEntry(on: m.dueOn, title: m.title, project: p.code + " " + p.title, projectID: p.id))
                }
            }
            if let (report, text) = entry.newestReport(from: from, to: to, with: { $0.obstacles }) {
                digest.obstacles.append(TextEntry(projectID: p.id, projectCode: p.code, projectTitle: p.title,
                                                  reportedOn: report.reportedOn, text: text))
            }
            if let (report, text) = entry.newestReport(from: from, to: to, with: { $0.lessonsLearned }) {
                digest.lessonsLearned.append(TextEntry(projectID: p.id, projectCode: p.code, projectTitle: p.title,
                                                       reportedOn: report.reportedOn, text: text))
            }
        }
        for event in input.events where event.on > to && event.on <= horizon {
            guard let title = CleanText.normalize(event.title, multiline: false) else { continue }
            digest.upcoming.append(DateEntry(on: event.on, title: title, project: nil, projectID: nil))
        }
        guard !digest.isEmpty else { throw ValidationFailure([FieldProblem("content", .required)]) }
        let byDay: (ProjectEntry, ProjectEntry) -> Bool = {
            $0.on != $1.on ? $0.on < $1.on : ReportOrder.before(($0.code, $0.projectID), ($1.code, $1.projectID))
        }
        digest.projectsStarted.sort(by: byDay)
        digest.projectsFinished.sort(by: byDay)
        digest.milestonesReached.sort {
            if $0.on != $1.on { return $0.on < $1.on }
            if $0.projectCode != $1.projectCode { return $0.projectCode < $1.projectCode }
            return ReportOrder.before(($0.milestone, $0.projectID), ($1.milestone, $1.projectID))
        }
        let byCode: (TextEntry, TextEntry) -> Bool = {
            ReportOrder.before(($0.projectCode, $0.projectID), ($1.projectCode, $1.projectID))
        }
        digest.obstacles.sort(by: byCode)
        digest.lessonsLearned.sort(by: byCode)
        digest.upcoming.sort { ($0.on, $0.title, $0.project ?? "") < ($1.on, $1.title, $1.project ?? "") }
        return digest
    }
}
