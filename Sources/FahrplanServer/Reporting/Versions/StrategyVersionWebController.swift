import FahrplanCore
import Fluent
import Foundation
import Vapor

/// The strategy version pages: the list with its comparison choice, taking a version (strategy team), one version's
/// snapshot, the comparison of two versions and what changed since the last one.
struct StrategyVersionWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.strategyVersions(), use: list)
        pages.post(.strategyVersions(), use: create)
        pages.get(.strategyVersions(.new), use: newForm)
        pages.get(.strategyVersions(.diff), use: diff)
        pages.get(.strategyVersions(.sinceLast), use: sinceLast)
        pages.get(.strategyVersion(.key), use: show)
    }

    private static let section = "reports"

    private func service(_ req: Request) async throws -> StrategyVersionService {
        StrategyVersionService(db: req.db, context: try await req.municipalityContext(), diffs: req.application.strategyVersionDiffs)
    }

    // MARK: list and create

    func list(_ req: Request) async throws -> View {
        let service = try await service(req)
        let context = service.context, slug = context.municipality.slug
        let english = req.language != .de
        let versions = try await service.list()
        let rows = versions.enumerated().map { index, version in
            StrategyVersionListPage.Row(
                id: version.id.uuidString, number: version.number, name: version.name,
                url: SiteURL.municipality(slug, .strategyVersion(.value(version.id))).path,
                adoptedOn: english ? version.adoptedOn.iso : version.adoptedOn.german, adoptedBy: version.adoptedBy,
                contents: Self.contents(version, req.language), takenBy: version.createdByName, takenAt: req.formatted(version.takenAt),
                fromChecked: index == 1, toChecked: index == 0,
                fromLabel: "\(req.t("versions.from")): \(version.number) \(version.name)",
                toLabel: "\(req.t("versions.to")): \(version.number) \(version.name)")
        }
        return try await req.view.render("reports/versions", StrategyVersionListPage(
            chrome: context.chrome(req, title: req.t("versions.title"), section: Self.section),
            links: StrategyVersionLinks(slug: slug, canCreate: service.canCreate),
            rows: rows.isEmpty ? nil : rows, canCompare: rows.count >= 2,
            notice: req.query[String.self, at: "created"] != nil ? req.t("versions.created") : nil))
    }

    static func contents(_ version: StrategyVersionSummary, _ language: Language) -> String {
        let de = language == .de
        return de ? "\(version.elementCount) Elemente, \(version.kpiCount) Kennzahlen, \(version.rankingCount) gereihte Projekte, \(version.roadmapCount) auf der Roadmap"
                  : "\(version.elementCount) elements, \(version.kpiCount) KPIs, \(version.rankingCount) ranked projects, \(version.roadmapCount) on the roadmap"
    }

    struct VersionForm: Content {
        var name: String?
        var adoptedOn: String?
        var adoptedBy: String?
        var note: String?
    }

    func newForm(_ req: Request) async throws -> View {
        let service = try await service(req)
        try service.context.require(service.canCreate)
        let today = service.context.calendar.today
        return try await renderForm(req, service, values: .init(name: "", adoptedOn: req.language == .de ? today.german : today.iso,
                                                                 adoptedBy: "", note: ""), problems: [])
    }

    func create(_ req: Request) async throws -> Response {
        let service = try await service(req)
        let slug = service.context.municipality.slug
        return try await req.handleForm(VersionForm.self, permission: service.canCreate, perform: { form in
            try await service.create(StrategyVersionInput(name: form.name, adoptedOn: form.adoptedOn, adoptedBy: form.adoptedBy, note: form.note))
        }, onInvalid: { form, problems in
            try await renderForm(req, service, values: .init(name: form.name ?? "", adoptedOn: form.adoptedOn ?? "", adoptedBy: form.adoptedBy ?? "",
                                                             note: form.note ?? ""), problems: problems)
        }, success: { record in
            SiteURL.municipality(slug, .strategyVersion(.value(record.id))).path(query: "created=1")
        })
    }

    private func renderForm(_ req: Request, _ service: StrategyVersionService, values: StrategyVersionFormPage.Values,
                            problems: [FieldProblem]) async throws -> View {
        let context = service.context, slug = context.municipality.slug
        let (lines, byField) = req.versionProblems(problems)
        return try await req.view.render("reports/version-new", StrategyVersionFormPage(
            chrome: context.chrome(req, title: req.t("versions.new"), section: Self.section),
            links: StrategyVersionLinks(slug: slug, canCreate: service.canCreate),
            action: SiteURL.municipality(slug, .strategyVersions()).path, values: values, problems: lines, fieldErrors: byField))
    }

    // MARK: one version

    func show(_ req: Request) async throws -> View {
        let service = try await service(req)
        let context = service.context, slug = context.municipality.slug
        let record = try await service.record(req.parameters.get("version"))
        let version = try service.version(of: record)
        let wording = VersionDiffWording(language: req.language, versions: [version],
                                         departmentLabels: try await Self.departmentLabels(req.db, context.municipalityID))
        var facts = [
            Fact(label: req.t("versions.number"), value: String(record.number)),
            Fact(label: req.t("versions.field.adoptedOn"), value: wording.day(version.adoptedOn)),
        ]
        if let adoptedBy = record.adoptedBy { facts.append(Fact(label: req.t("versions.field.adoptedBy"), value: adoptedBy)) }
        facts.append(Fact(label: req.t("versions.takenBy"), value: "\(record.createdByName), \(req.formatted(record.takenAt))"))
        let tables = StrategyElementKind.allCases.map { kind in
            StrategyVersionShowPage.ElementTable(
                id: "version-\(kind.rawValue)", heading: wording.sectionHeading(StrategyVersionDiff.Section(kind: kind)),
                showsParent: kind.parentKind != nil, showsTarget: kind.hasTarget,
                rows: version.elements.filter { $0.kind == kind }.map { element in
                    .init(code: element.code ?? "", title: element.title, parent: wording.value("parentID", element.parentID),
                          target: [element.targetStatement, element.targetYear.map(String.init)].compactMap { $0 }.joined(separator: " – "))
                })
        }
        let english = req.language != .de
        let kpis = version.kpis.map { kpi in
            let d = kpi.definition
            return StrategyVersionShowPage.KPIRow(
                name: d.name, goal: wording.value("goalID", kpi.goalID),
                baseline: "\(KPIDisplay.number(d.baseline, english: english)) \(d.unit) (\(wording.day(d.baselineOn)))",
                target: "\(KPIDisplay.number(d.target, english: english)) \(d.unit) (\(wording.day(d.targetOn)))",
                direction: wording.value("direction", d.direction.rawValue))
        }
        let ranking = version.ranking.map { StrategyVersionShowPage.RankingRow(position: $0.position, code: $0.code, title: $0.title) }
        let roadmap = version.roadmap.map {
            StrategyVersionShowPage.RoadmapRow(code: $0.code, title: $0.title, status: $0.status.label(english: english),
                                               start: wording.day($0.startOn), end: wording.day($0.endOn))
        }
        let previous = try await StrategyVersionRecord.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$number < record.number).sort(\.$number, .descending).first()
        let compareURL = try previous.map { previous in
            SiteURL.municipality(slug, .strategyVersions(.diff)).path(query: "from=\(try previous.requireID().uuidString)&to=\(try record.requireID().uuidString)")
        }
        var chrome = context.chrome(req, title: "\(record.number) \(record.name)", section: Self.section)
        if req.query[String.self, at: "created"] != nil { chrome.title = record.name }
        return try await req.view.render("reports/version", StrategyVersionShowPage(
            chrome: chrome, links: StrategyVersionLinks(slug: slug, canCreate: service.canCreate),
            heading: "\(req.t("versions.number")) \(record.number): \(record.name)", facts: facts, note: record.note,
            vision: version.vision, elementTables: tables, kpis: kpis.isEmpty ? nil : kpis,
            ranking: ranking.isEmpty ? nil : ranking, roadmap: roadmap.isEmpty ? nil : roadmap, compareURL: compareURL))
    }

    static func departmentLabels(_ db: any Database, _ municipalityID: UUID) async throws -> [String: String] {
        var labels: [String: String] = [:]
        for unit in try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            if let id = unit.id { labels[id.uuidString] = "\(unit.code) \(unit.name)" }
        }
        return labels
    }

    // MARK: comparison

    func diff(_ req: Request) async throws -> Response {
        let service = try await service(req)
        let context = service.context, slug = context.municipality.slug
        let from = req.query[String.self, at: "from"], to = req.query[String.self, at: "to"]
        let versions = try await service.list()
        func options(_ selected: String?) -> [Option] {
            [Option(value: "", label: req.t("versions.chooseVersion"), selected: selected == nil || selected == "")]
                + versions.map { Option(value: $0.id.uuidString, label: "\($0.number) \($0.name)", selected: $0.id.uuidString == selected) }
        }
        var page = StrategyVersionDiffPage(
            chrome: context.chrome(req, title: req.t("versions.diffTitle"), section: Self.section),
            links: StrategyVersionLinks(slug: slug, canCreate: service.canCreate),
            fromOptions: options(from), toOptions: options(to), canCompare: versions.count >= 2, heading: nil,
            fromURL: nil, toURL: nil, summary: nil, sections: [], noDifferences: false, problems: nil, fieldErrors: [:])
        // Nothing chosen yet: the form alone.
        guard from != nil || to != nil else { return try await req.view.render("reports/version-diff", page).encodeResponse(for: req) }
        do {
            let comparison = try await service.compare(from: from, to: to)
            let wording = VersionDiffWording(language: req.language, versions: [comparison.fromVersion, comparison.toVersion],
                                             departmentLabels: try await Self.departmentLabels(req.db, context.municipalityID))
            page.heading = "\(comparison.from.number) \(comparison.from.name) → \(comparison.to.number) \(comparison.to.name)"
            page.chrome.title = "\(req.t("versions.diffTitle")): " + page.heading!
            page.fromURL = SiteURL.municipality(slug, .strategyVersion(.value(comparison.from.id))).path
            page.toURL = SiteURL.municipality(slug, .strategyVersion(.value(comparison.to.id))).path
            page.summary = Self.summary(comparison.diff, req)
            let sections = wording.sections(comparison.diff)
            page.sections = sections
            page.noDifferences = sections.isEmpty
            return try await req.view.render("reports/version-diff", page).encodeResponse(for: req)
        } catch let failure as ValidationFailure {
            (page.problems, page.fieldErrors) = req.versionProblems(failure.problems)
            return try await req.view.render("reports/version-diff", page).response(.unprocessableEntity, for: req)
        }
    }

    static func summary(_ diff: StrategyVersionDiff, _ req: Request) -> [Fact] {
        [Fact(label: req.t("versions.added"), value: String(diff.added.count)),
         Fact(label: req.t("versions.removed"), value: String(diff.removed.count)),
         Fact(label: req.t("versions.changed"), value: String(diff.changed.count)),
         Fact(label: req.t("versions.reranked"), value: String(diff.reranked.count))]
    }

    // MARK: since the last version

    func sinceLast(_ req: Request) async throws -> View {
        let service = try await service(req)
        let context = service.context, slug = context.municipality.slug
        var page = StrategyVersionSincePage(
            chrome: context.chrome(req, title: req.t("versions.sinceLast"), section: Self.section),
            links: StrategyVersionLinks(slug: slug, canCreate: service.canCreate),
            versionLabel: nil, versionURL: nil, summary: nil, sections: [], noDifferences: false, events: nil, moreEvents: false,
            auditURL: context.permissions.canReadAudit ? SiteURL.municipality(slug, .audit).path : nil)
        guard let since = try await service.sinceLast() else { return try await req.view.render("reports/version-since", page) }
        let old = try service.version(of: since.version)
        let wording = VersionDiffWording(language: req.language, versions: [old],
                                         departmentLabels: try await Self.departmentLabels(req.db, context.municipalityID))
        page.versionLabel = "\(since.version.number) \(since.version.name) (\(req.t("versions.field.adoptedOn")) \(wording.day(old.adoptedOn)))"
        page.versionURL = SiteURL.municipality(slug, .strategyVersion(.value(since.version.id))).path
        page.summary = Self.summary(since.diff, req)
        let sections = wording.sections(since.diff)
        page.sections = sections
        page.noDifferences = sections.isEmpty
        let labels = try await AuditQuery(db: req.db, municipalityID: context.municipalityID).referenceLabels(from: req.application)
        let events = since.events.map { event in
            AuditEntryView(
                when: req.formatted(event.occurredAt), whenISO: AuditQuery.isoFormatter.string(from: event.occurredAt),
                who: event.actorName, action: Strings.text("audit.action.\(event.action)", req.language), item: event.entityLabel,
                itemURL: nil,
                changes: AuditTrail.changes(of: event).map { change in
                    AuditEntryView.Change(field: Strings.fieldLabel(change.field, req.language),
                                          old: change.old.map { labels[$0] ?? $0 } ?? "–", new: change.new.map { labels[$0] ?? $0 } ?? "–")
                })
        }
        page.events = events.isEmpty ? nil : events
        page.moreEvents = since.moreEvents
        return try await req.view.render("reports/version-since", page)
    }
}

extension StrategyVersionDiff.Section {
    init(kind: StrategyElementKind) {
        switch kind {
        case .principle: self = .principle
        case .fieldOfAction: self = .fieldOfAction
        case .goal: self = .goal
        case .program: self = .program
        }
    }
}
