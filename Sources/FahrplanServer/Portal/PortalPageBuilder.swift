import FahrplanCore
import Foundation
import Vapor

/// Turns `PortalContent` into the public pages' view models and renders them.
struct PortalPageBuilder {
    let req: Request
    let content: PortalContent
    let language: Language

    private var say: ChartWording { ChartWording(language: language) }
    private func t(_ key: String) -> String { Strings.text(key, language) }

    func link(_ page: PortalPage) -> String {
        SiteURL.portal(content.slug, page).path + (language == .en ? "?lang=en" : "")
    }

    private func chrome(_ title: String, section: String, path: PortalPage, query: String = "") -> PortalChrome {
        let other: Language = language == .de ? .en : .de
        let base = SiteURL.portal(content.slug, path).path
        let switchQuery = [query, other == .en ? "lang=en" : ""].filter { !$0.isEmpty }.joined(separator: "&")
        return PortalChrome(
            lang: language.rawValue, title: title, municipality: content.name, start: link(.start), projects: link(.projects),
            accessibility: link(.accessibility), feed: link(.feed),
            switchLanguageURL: base + (switchQuery.isEmpty ? "" : "?" + switchQuery),
            switchLanguageLabel: other == .en ? "English" : "Deutsch", switchLanguageCode: other.rawValue, section: section)
    }

    private func render<T: Encodable>(_ template: String, _ page: T) async throws -> (ByteBuffer, HTTPMediaType) {
        (try await req.view.render(template, page).data, .html)
    }

    func day(_ day: CalendarDay?) -> String? { day.map { language == .de ? $0.german : $0.iso } }

    func period(_ project: PortalContent.Project) -> String? {
        switch (project.startOn, project.endOn) {
        case (nil, nil): return nil
        case (let start?, nil): return say("ab ", "from ") + day(start)!
        case (nil, let end?): return say("bis ", "until ") + day(end)!
        case (let start?, let end?): return day(start)! + " – " + day(end)!
        }
    }

    func projectLink(_ project: PortalContent.Project) -> PortalLink {
        PortalLink(url: link(.project(.value(project.id))), title: project.title, status: project.status.label(english: language == .en),
                   period: content.settings.parts.contains(.roadmap) ? period(project) : nil)
    }

    func percent(_ share: Double?) -> String { share.map { say.percent($0) } ?? t("portal.noProgress") }

    func number(_ value: Double, unit: String) -> String { say.decimal(value, digits: 2) + (unit.isEmpty ? "" : " " + unit) }

    // MARK: pages

    func start() async throws -> (ByteBuffer, HTTPMediaType) {
        let parts = content.settings.parts
        let fields = parts.contains(.fieldsOfAction) && !content.fields.isEmpty
            ? content.fields.map { PortalFieldView(title: $0.title, descriptionHTML: $0.descriptionHTML) } : nil
        var goals: [PortalGoalView] = []
        for field in content.fields {
            for goal in field.goals {
                goals.append(PortalGoalView(
                    title: goal.title, field: parts.contains(.fieldsOfAction) ? field.title : "", targetStatement: goal.targetStatement,
                    targetYear: goal.targetYear, progress: parts.contains(.kpis) ? percent(goal.progress) : "",
                    kpis: parts.contains(.kpis) && !goal.kpis.isEmpty ? goal.kpis.map { kpi in
                        PortalKPIView(name: kpi.name, progress: percent(kpi.progress),
                                      latest: kpi.latest.map { number($0, unit: kpi.unit) + " (" + (day(kpi.latestOn) ?? "") + ")" } ?? "–",
                                      target: number(kpi.target, unit: kpi.unit) + " (" + (day(kpi.targetOn) ?? "") + ")")
                    } : nil))
            }
        }
        let showGoals = parts.contains(.goals) && !goals.isEmpty
        var progressChart: String?
        var progressRows: [PortalTableRow]?
        if showGoals, parts.contains(.kpis) {
            let bars = content.fields.flatMap(\.goals).map { PortalCharts.Bar(label: $0.title, share: $0.progress, valueText: percent($0.progress)) }
            progressChart = PortalCharts.progressSVG(id: "progress-chart", bars: bars, language: language)
            progressRows = bars.map { PortalTableRow(label: $0.label, value: $0.valueText) }
        }
        var counts: [ProjectStatus: Int] = [:]
        for project in content.projects { counts[project.status, default: 0] += 1 }
        let statusCounts = ProjectStatus.allCases.compactMap { status in
            counts[status].map { PortalTableRow(label: status.label(english: language == .en), value: String($0)) }
        }
        var roadmapChart: String?
        var roadmapRows: [PortalTableRow]?
        if parts.contains(.roadmap) {
            let years = Self.runningPerYear(content.projects, today: req.application.municipalCalendar.today)
            if !years.isEmpty {
                roadmapChart = PortalCharts.roadmapSVG(id: "roadmap-chart", years: years, language: language)
                roadmapRows = years.map { PortalTableRow(label: String($0.year), value: String($0.running)) }
            }
        }
        let newsletter = content.newsletters.first.map { issue in
            PortalNewsletterTeaser(title: issue.title,
                                   heading: "\(t("portal.newsletterIssue")) \(issue.number), \(t("portal.publishedOn")) \(day(issue.publishedOn) ?? "")",
                                   url: link(.newsletter(.value(String(issue.number)))))
        }
        let page = PortalStartPage(
            chrome: chrome(t("portal.tagline") + " " + content.name, section: "start", path: .start), kind: content.kind,
            intro: content.settings.intro, visionTitle: content.visionTitle, visionHTML: content.visionHTML,
            fields: fields, goals: showGoals ? goals : nil, progressChart: progressChart, progressRows: progressRows,
            statusCounts: statusCounts, latestProjects: content.projects.prefix(10).map(projectLink), projectCount: content.projects.count,
            roadmapChart: roadmapChart, roadmapRows: roadmapRows, newsletter: newsletter)
        return try await render("portal/start", page)
    }

    /// Public projects whose period touches each year, over at most ten years around today.
    static func runningPerYear(_ projects: [PortalContent.Project], today: CalendarDay) -> [(year: Int, running: Int)] {
        let dated = projects.filter { $0.startOn != nil || $0.endOn != nil }
        guard !dated.isEmpty else { return [] }
        let first = max(today.year - 3, dated.compactMap { ($0.startOn ?? $0.endOn)?.year }.min() ?? today.year)
        let last = min(first + 9, max(first, dated.compactMap { ($0.endOn ?? $0.startOn)?.year }.max() ?? today.year))
        return (first...last).map { year in
            (year, dated.filter { project in
                let from = (project.startOn ?? project.endOn)!.year, to = (project.endOn ?? project.startOn)!.year
                return from <= year && year <= to
            }.count)
        }
    }

    func projects(page: Int, pages: Int) async throws -> (ByteBuffer, HTTPMediaType) {
        let slice = content.projects.dropFirst((page - 1) * PortalPublicController.pageSize).prefix(PortalPublicController.pageSize)
        func pageURL(_ number: Int) -> String {
            SiteURL.portal(content.slug, .projects).path + "?" + ["page=\(number)", language == .en ? "lang=en" : ""].filter { !$0.isEmpty }.joined(separator: "&")
        }
        let view = PortalProjectsPage(
            chrome: chrome(t("portal.allProjects") + " – " + content.name, section: "projects", path: .projects,
                           query: page > 1 ? "page=\(page)" : ""),
            projects: slice.isEmpty ? nil : slice.map(projectLink), pageText: "\(t("portal.page")) \(page) / \(pages)",
            previousURL: page > 1 ? pageURL(page - 1) : nil, nextURL: page < pages ? pageURL(page + 1) : nil)
        return try await render("portal/projects", view)
    }

    func project(_ project: PortalContent.Project) async throws -> (ByteBuffer, HTTPMediaType) {
        let roadmap = content.settings.parts.contains(.roadmap)
        let view = PortalProjectPage(
            chrome: chrome(project.title + " – " + content.name, section: "projects", path: .project(.value(project.id))),
            title: project.title, code: project.code, status: project.status.label(english: language == .en), summary: project.summary,
            descriptionHTML: project.descriptionHTML.isEmpty ? nil : project.descriptionHTML, department: project.department,
            period: roadmap ? period(project) : nil, serves: project.servesTitles.isEmpty ? nil : project.servesTitles,
            milestones: roadmap && !project.milestones.isEmpty ? project.milestones.map {
                PortalMilestoneView(title: $0.title, due: day($0.dueOn) ?? "–", done: day($0.doneOn) ?? t("portal.open"))
            } : nil)
        return try await render("portal/project", view)
    }

    func accessibility() async throws -> (ByteBuffer, HTTPMediaType) {
        let settings = content.settings
        let view = PortalAccessibilityPage(
            chrome: chrome(t("portal.a11y.title") + " – " + content.name, section: "accessibility", path: .accessibility),
            scope: t("portal.a11y.scope").replacingOccurrences(of: "{name}", with: content.name),
            statusText: t("portal.a11y.\(settings.conformance.rawValue)"), knownLimitations: settings.knownLimitations,
            statementDate: day(settings.statementDate) ?? t("portal.a11y.noDate"), email: settings.contactEmail,
            emailLink: settings.contactEmail.map { "mailto:" + $0 }, phone: settings.contactPhone, address: settings.contactAddress,
            enforcementBody: settings.enforcementBody)
        return try await render("portal/accessibility", view)
    }

    func newsletter(_ issue: PortalNewsletter) async throws -> (ByteBuffer, HTTPMediaType) {
        let view = PortalNewsletterPage(
            chrome: chrome(issue.title + " – " + content.name, section: "start", path: .newsletter(.value(String(issue.number)))),
            heading: issue.title, published: "\(t("portal.newsletterIssue")) \(issue.number), \(t("portal.publishedOn")) \(day(issue.publishedOn) ?? "")",
            html: issue.html(language))
        return try await render("portal/newsletter", view)
    }
}
