import FahrplanCore
import Fluent
import Vapor

/// The municipality's iCalendar feed (`/m/:municipality/calendar.ics?token=…`): upcoming milestones and planned
/// roll-outs (the planned end of approved projects and projects in implementation). Calendar programs cannot sign
/// in, so the secret token in the address is the only key; a wrong, missing or withdrawn token, an unknown or
/// archived municipality all get the same 404, so the answer tells nothing about which part was wrong.
struct CalendarFeedController {
    static let maxTokenLength = 200

    func register(on routes: any RoutesBuilder) {
        routes.municipalityPages.get(.calendarFeed, use: feed)
    }

    func feed(_ req: Request) async throws -> Response {
        guard let slug = req.parameters.get("municipality"),
              let token = req.query[String.self, at: "token"], !token.isEmpty, token.count <= Self.maxTokenLength,
              let municipality = try await Municipality.query(on: req.db).filter(\.$slug == slug).first(),
              municipality.archivedAt == nil, let municipalityID = municipality.id,
              let stored = try await MonitoringSettings.query(on: req.db).filter(\.$municipality.$id == municipalityID).first()?.calendarToken,
              Secrets.constantTimeEquals(stored, token)
        else { throw FahrplanError.notFound }
        let today = req.application.municipalCalendar.today
        let events = try await CalendarFeed.events(municipalityID: municipalityID, slug: slug, today: today, language: req.language,
                                                   on: req.db) { MembersController.absolute($0, req) }
        let body = ICalendar.document(name: "\(municipality.name): \(Strings.text("calendar.name", req.language))", events: events,
                                       stamp: req.application.municipalCalendar.now())
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(slug).ics\"")
        // The address is a secret: no shared cache may keep the answer.
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}

/// The entries of the feed, from plain queries of one municipality.
enum CalendarFeed {
    static func events(municipalityID: UUID, slug: String, today: CalendarDay, language: Language, on db: any Database,
                       absolute: (String) -> String) async throws -> [CalendarEvent] {
        let open = [ProjectStatus.approved.rawValue, ProjectStatus.inProgress.rawValue]
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .filter(\.$mergedInto.$id == nil).filter(\.$status ~~ open).sort(\.$code).all()
        let byID = Dictionary(projects.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        guard !byID.isEmpty else { return [] }
        func statusURL(_ id: UUID) -> String { absolute(SiteURL.municipality(slug, .project(.value(id), .status)).path) }
        var events: [CalendarEvent] = []
        let milestones = try await ProjectMilestone.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$project.$id ~~ Array(byID.keys)).filter(\.$doneOn == nil).filter(\.$dueOn >= today.iso).sort(\.$dueOn).all()
        for row in milestones {
            guard let id = row.id, let project = byID[row.$project.id], row.value.isUpcoming(today: today) else { continue }
            events.append(CalendarEvent(uid: "milestone-\(id.uuidString.lowercased())@fahrplan", day: row.value.dueOn,
                                        summary: "\(Strings.text("calendar.milestone", language)): \(row.title) (\(project.label))",
                                        description: row.note, url: statusURL(row.$project.id)))
        }
        for project in projects {
            guard let id = project.id, let end = project.endOn.flatMap(CalendarDay.init(iso:)), end >= today else { continue }
            events.append(CalendarEvent(uid: "rollout-\(id.uuidString.lowercased())@fahrplan", day: end,
                                        summary: "\(Strings.text("calendar.rollout", language)): \(project.label)",
                                        description: project.summary, url: statusURL(id)))
        }
        return events.sorted { ($0.day.iso, $0.summary) < ($1.day.iso, $1.summary) }
    }
}
