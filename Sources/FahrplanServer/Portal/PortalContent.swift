import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// Everything the public portal of one municipality may show, read in one go and nothing more: the strategy parts
/// the team switched on, the projects marked public (not archived), their status changes, the latest published
/// newsletter. Pages, feed and public API are all made from this value, so none of them can reach anything else.
struct PortalContent: Sendable {
    struct Goal: Sendable {
        var id: UUID
        var title: String
        var targetStatement: String?
        var targetYear: Int?
        /// Rolled-up KPI progress 0…1; nil when no KPI of the goal is measured or KPI progress is switched off.
        var progress: Double?
        var kpis: [KPI]
    }

    struct KPI: Sendable {
        var name: String
        var unit: String
        var progress: Double?
        var latest: Double?
        var latestOn: CalendarDay?
        var target: Double
        var targetOn: CalendarDay
    }

    struct Field: Sendable {
        var id: UUID
        var title: String
        var descriptionHTML: String
        var progress: Double?
        var goals: [Goal]
    }

    struct Milestone: Sendable {
        var title: String
        var dueOn: CalendarDay?
        var doneOn: CalendarDay?
    }

    struct Project: Sendable {
        var id: UUID
        var code: String
        var title: String
        var summary: String?
        var descriptionHTML: String
        var status: ProjectStatus
        var department: String?
        var startOn: CalendarDay?
        var endOn: CalendarDay?
        var statusChangedAt: Date?
        /// Titles of the visible fields of action and goals the project serves.
        var servesTitles: [String]
        var milestones: [Milestone]
    }

    struct StatusChange: Sendable {
        var projectID: UUID
        var from: ProjectStatus?
        var to: ProjectStatus
        var at: Date
    }

    var municipalityID: UUID
    var slug: String
    var name: String
    var kind: String
    var settings: PortalPublicSettings
    var visionTitle: String?
    var visionHTML: String?
    var fields: [Field]
    /// Public projects, most recently changed first.
    var projects: [Project]
    /// The newest 50 status changes of public projects.
    var statusChanges: [StatusChange]
    var newsletters: [PortalNewsletter]
    /// When anything of the municipality last changed (its newest audit event); nil when nothing was ever recorded.
    var lastChange: Date?

    func project(_ id: UUID) -> Project? { projects.first { $0.id == id } }
}

/// The settings as the public pages read them.
struct PortalPublicSettings: Sendable {
    var published: Bool
    var intro: String?
    var parts: Set<PortalPart>
    var contactEmail: String?
    var contactPhone: String?
    var contactAddress: String?
    var statementDate: CalendarDay?
    var conformance: PortalConformance
    var knownLimitations: String?
    var enforcementBody: String?
    var version: Int

    init(_ record: PortalSettingsRecord?) {
        published = record?.published ?? false
        intro = record?.intro
        parts = record?.parts ?? Set(PortalPart.allCases)
        contactEmail = record?.contactEmail; contactPhone = record?.contactPhone; contactAddress = record?.contactAddress
        statementDate = record?.statementDate.flatMap(CalendarDay.init(iso:))
        conformance = record.flatMap { PortalConformance(rawValue: $0.conformance) } ?? .partial
        knownLimitations = record?.knownLimitations; enforcementBody = record?.enforcementBody
        version = record?.version ?? 0
    }
}

/// A published newsletter issue as the portal shows it (filled from the newsletter capability once it offers one).
struct PortalNewsletter: Sendable {
    var number: Int
    var title: String
    var sinceOn: CalendarDay
    var issueOn: CalendarDay
    var publishedOn: CalendarDay
    var editorial: String?
    /// Restricted to public projects.
    var digest: NewsletterDigest

    /// Rendered safely by the newsletter capability (people's text escaped, the editorial's Markdown without raw HTML).
    func html(_ language: Language) -> String {
        NewsletterRenderings.fragment(digest, editorial: editorial, language: language)
    }

    func plainText(municipality: String, _ language: Language) -> String {
        NewsletterRenderings.text(.init(municipality: municipality, number: number, title: title, since: sinceOn, issueOn: issueOn,
                                        editorial: editorial, digest: digest), language: language)
    }
}

enum PortalContentLoader {
    /// Loads the portal of a municipality that exists, is not archived and has published its portal; nil otherwise.
    static func load(db: any Database, municipality: Municipality, today: CalendarDay) async throws -> PortalContent? {
        guard let municipalityID = municipality.id, municipality.archivedAt == nil else { return nil }
        let record = try await PortalSettingsRecord.query(on: db).filter(\.$municipality.$id == municipalityID).first()
        let settings = PortalPublicSettings(record)
        guard settings.published, let sql = db as? any SQLDatabase else { return nil }

        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$position).all()
        let showFields = settings.parts.contains(.fieldsOfAction)
        let showGoals = settings.parts.contains(.goals)
        let showKPIs = settings.parts.contains(.kpis)
        var fields: [PortalContent.Field] = []
        if showFields || showGoals {
            let overview = showKPIs ? try await KPIOverview.load(db: db, municipalityID: municipalityID, today: today) : nil
            var goalProgress: [String: Double] = [:]
            var fieldProgress: [String: Double] = [:]
            for field in overview?.rollup.fields ?? [] {
                fieldProgress[field.node.id] = field.node.progress
                for goal in field.goals { goalProgress[goal.node.id] = goal.node.progress }
            }
            var kpisByGoal: [UUID: [PortalContent.KPI]] = [:]
            for item in overview?.items ?? [] {
                kpisByGoal[item.goalID, default: []].append(PortalContent.KPI(
                    name: item.name, unit: item.unit, progress: item.progress?.clamped, latest: item.progress?.latest.value,
                    latestOn: item.progress?.latest.measuredOn, target: item.definition.target, targetOn: item.definition.targetOn))
            }
            for field in elements where field.elementKind == .fieldOfAction {
                let goals = showGoals ? elements.filter { $0.elementKind == .goal && $0.$parent.id == field.id }.map { goal in
                    PortalContent.Goal(id: goal.id!, title: goal.title, targetStatement: goal.targetStatement, targetYear: goal.targetYear,
                                       progress: goalProgress[goal.id!.uuidString], kpis: kpisByGoal[goal.id!] ?? [])
                } : []
                fields.append(PortalContent.Field(id: field.id!, title: field.title,
                                                  descriptionHTML: showFields ? SafeMarkdown.html(field.description) : "",
                                                  progress: fieldProgress[field.id!.uuidString], goals: goals))
            }
        }
        var visibleTitles: [UUID: String] = [:]
        for field in fields {
            if showFields { visibleTitles[field.id] = field.title }
            for goal in field.goals { visibleTitles[goal.id] = goal.title }
        }

        // Only rows joined to portal_projects of this municipality; archived projects drop out even when marked.
        let projectRows = try await sql.raw("""
            SELECT p.id, p.code, p.title, p.summary, p.description, p.status, p.start_on, p.end_on, p.status_changed_at, d.name AS department
            FROM portal_projects pp
            JOIN projects p ON p.id = pp.project_id AND p.municipality_id = pp.municipality_id
            LEFT JOIN departments d ON d.id = p.department_id AND d.municipality_id = p.municipality_id
            WHERE pp.municipality_id = \(bind: municipalityID) AND p.archived_at IS NULL
            """).all()
        var projects: [PortalContent.Project] = []
        projects.reserveCapacity(projectRows.count)
        for row in projectRows {
            projects.append(PortalContent.Project(
                id: try row.decode(column: "id", as: UUID.self), code: try row.decode(column: "code", as: String.self),
                title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String?.self),
                descriptionHTML: SafeMarkdown.html(try row.decode(column: "description", as: String?.self)),
                status: ProjectStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .idea,
                department: try row.decode(column: "department", as: String?.self),
                startOn: try row.decode(column: "start_on", as: String?.self).flatMap(CalendarDay.init(iso:)),
                endOn: try row.decode(column: "end_on", as: String?.self).flatMap(CalendarDay.init(iso:)),
                statusChangedAt: try row.decode(column: "status_changed_at", as: Date?.self), servesTitles: [], milestones: []))
        }
        var index: [UUID: Int] = [:]
        for (position, project) in projects.enumerated() { index[project.id] = position }
        if !projects.isEmpty {
            for row in try await sql.raw("""
                SELECT l.project_id, l.element_id FROM project_strategy_links l
                JOIN portal_projects pp ON pp.project_id = l.project_id AND pp.municipality_id = l.municipality_id
                WHERE l.municipality_id = \(bind: municipalityID)
                """).all() {
                let element = try row.decode(column: "element_id", as: UUID.self)
                if let at = index[try row.decode(column: "project_id", as: UUID.self)], let title = visibleTitles[element] {
                    projects[at].servesTitles.append(title)
                }
            }
            if settings.parts.contains(.roadmap) {
                for row in try await sql.raw("""
                    SELECT m.project_id, m.title, m.due_on, m.done_on FROM milestones m
                    JOIN portal_projects pp ON pp.project_id = m.project_id AND pp.municipality_id = m.municipality_id
                    WHERE m.municipality_id = \(bind: municipalityID) ORDER BY m.due_on
                    """).all() {
                    if let at = index[try row.decode(column: "project_id", as: UUID.self)] {
                        projects[at].milestones.append(PortalContent.Milestone(
                            title: try row.decode(column: "title", as: String.self),
                            dueOn: CalendarDay(iso: try row.decode(column: "due_on", as: String.self)),
                            doneOn: try row.decode(column: "done_on", as: String?.self).flatMap(CalendarDay.init(iso:))))
                    }
                }
            }
        }
        projects.sort { ($0.statusChangedAt ?? .distantPast, $1.code) > ($1.statusChangedAt ?? .distantPast, $0.code) }

        var changes: [PortalContent.StatusChange] = []
        for row in try await sql.raw("""
            SELECT c.project_id, c.from_status, c.to_status, c.changed_at FROM project_status_changes c
            JOIN portal_projects pp ON pp.project_id = c.project_id AND pp.municipality_id = c.municipality_id
            JOIN projects p ON p.id = c.project_id AND p.archived_at IS NULL
            WHERE c.municipality_id = \(bind: municipalityID) ORDER BY c.changed_at DESC LIMIT 50
            """).all() {
            changes.append(PortalContent.StatusChange(
                projectID: try row.decode(column: "project_id", as: UUID.self),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(ProjectStatus.init(rawValue:)),
                to: ProjectStatus(rawValue: try row.decode(column: "to_status", as: String.self)) ?? .idea,
                at: try row.decode(column: "changed_at", as: Date.self)))
        }
        let last = try await sql.raw("""
            SELECT MAX(occurred_at) AS last FROM audit_events WHERE municipality_id = \(bind: municipalityID)
            """).first()
        let showVision = settings.parts.contains(.vision) && !municipality.vision.isEmpty
        return PortalContent(
            municipalityID: municipalityID, slug: municipality.slug, name: municipality.name, kind: municipality.kind, settings: settings,
            visionTitle: showVision ? municipality.visionTitle : nil, visionHTML: showVision ? SafeMarkdown.html(municipality.vision) : nil,
            fields: fields, projects: projects, statusChanges: changes,
            newsletters: try await PortalNewsletterSource.published(db: db, municipalityID: municipalityID, parts: settings.parts,
                                                                    publicProjects: Set(projects.map(\.id))),
            lastChange: try last?.decode(column: "last", as: Date?.self))
    }
}

/// The newest published newsletter issues as citizens may read them: only when the strategy team switched the part
/// on, and each issue restricted to what concerns public projects (the newsletter is written for staff). An issue
/// with nothing left to tell is not shown at all.
enum PortalNewsletterSource {
    static let limit = 12

    static func published(db: any Database, municipalityID: UUID, parts: Set<PortalPart>,
                          publicProjects: Set<UUID>) async throws -> [PortalNewsletter] {
        guard parts.contains(.newsletter) else { return [] }
        return try await NewsletterService.published(municipalityID: municipalityID, on: db, limit: limit).compactMap { issue in
            let digest = issue.digest.restricted(to: publicProjects)
            guard !digest.isEmpty else { return nil }
            return PortalNewsletter(number: issue.number, title: issue.title, sinceOn: issue.sinceOn, issueOn: issue.issueOn,
                                    publishedOn: issue.publishedOn, editorial: issue.editorial, digest: digest)
        }
    }
}
