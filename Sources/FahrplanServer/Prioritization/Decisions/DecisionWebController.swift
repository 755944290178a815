import FahrplanCore
import Fluent
import Vapor

/// The decision log (Entscheidungsprotokoll): filterable, exportable, and the team's form to record that a
/// project starts or is deferred.
extension PrioritizationResultsWebController {
    func decisionLog(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let filter = try req.query.decode(DecisionFilter.self)
        var notice: String?
        if req.query[String.self, at: "recorded"] != nil { notice = req.t("results.decisionRecorded") }
        let prefill = RecordDecisionForm(projectID: filter.project, decisionKind: DecisionKind.startProject.rawValue)
        return try await DecisionLogPageBuilder(req: req, context: context)
            .response(filter: filter, record: prefill, recordProblems: [], notice: notice)
    }

    func decisionExport(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let filter = try req.query.decode(DecisionFilter.self)
        let log = DecisionLog(db: req.db, context: context)
        let decisions = try await log.decisions(filter)
        let language = req.language
        let data = try await log.csv(decisions) { RankingWords.kind($0, language) }
        return ImportResponses.download(data, contentType: "text/csv; charset=utf-8",
                                        fileName: "entscheidungen-\(context.municipality.slug).csv")
    }

    struct RecordDecisionForm: Content {
        var projectID: String?
        var roundID: String?
        var decisionKind: String?
        var decidedBy: String?
        var decidedOn: String?
        var rationale: String?

        var decision: DecisionFormValues {
            DecisionFormValues(decidedBy: decidedBy ?? "", decidedOn: decidedOn ?? "", rationale: rationale ?? "")
        }
    }

    func recordDecision(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canManagePrioritization)
        let form = try req.content.decode(RecordDecisionForm.self)
        do {
            var problems: [FieldProblem] = []
            let kind = form.decisionKind.flatMap(DecisionKind.init(rawValue:)).flatMap { DecisionKind.manual.contains($0) ? $0 : nil }
            if kind == nil { problems.append(FieldProblem("decisionKind", .invalidChoice)) }
            // A project of another municipality is as unknown as one that does not exist.
            let project = try await form.projectID.flatMap(UUID.init(uuidString:)).asyncMap { id in
                try await Project.query(on: req.db).filter(\.$id == id).filter(\.$municipality.$id == context.municipalityID)
                    .filter(\.$archivedAt == nil).first()
            } ?? nil
            if project == nil { problems.append(FieldProblem("projectID", .unknownReference)) }
            var check = Validator()
            _ = form.decision.input.validated(into: &check, today: context.calendar.today)
            try ValidationFailure.throwing(problems + check.problems)
            guard let project, let kind else { throw ValidationFailure(problems) }
            _ = try await DecisionService(db: req.db, context: context).decide(project, kind: kind, form.decision.input,
                                                                              basisRoundID: form.roundID)
            return req.redirect(to: SiteURL.municipality(context.municipality.slug, .decisions()).path + "?project=\(try project.requireID())&recorded=1",
                                redirectType: .normal)
        } catch let failure as ValidationFailure {
            return try await DecisionLogPageBuilder(req: req, context: context)
                .response(filter: DecisionFilter(), record: form, recordProblems: failure.problems, notice: nil)
        }
    }
}

/// Builds the decision log page: the filter form, the table, and the team's form to record a decision.
struct DecisionLogPageBuilder {
    var req: Request
    var context: MunicipalityContext

    func response(filter: DecisionFilter, record: PrioritizationResultsWebController.RecordDecisionForm,
                  recordProblems: [FieldProblem], notice: String?) async throws -> Response {
        let slug = context.municipality.slug
        let lang = req.language
        var problems = recordProblems
        var decisions: [Decision] = []
        do {
            decisions = try await DecisionLog(db: req.db, context: context).decisions(filter)
        } catch let failure as ValidationFailure {
            // "kind" alone would be labelled as the kind of a municipality.
            problems += failure.problems.map { $0.field == "kind" ? FieldProblem("filterKind", $0.kind) : $0 }
        }
        let rounds = try await RoundService(db: req.db, context: context).rounds()
        let projects = try await Project.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$mergedInto.$id == nil).sort(\.$code).field(\.$id).field(\.$code).field(\.$title).field(\.$archivedAt).all()
        let roundTitles = Dictionary(rounds.compactMap { r in r.id.map { ($0, r.title) } }, uniquingKeysWith: { a, _ in a })
        let projectLabels = Dictionary(projects.compactMap { p in p.id.map { ($0, "\(p.code) \(p.title)") } }, uniquingKeysWith: { a, _ in a })
        let rows = decisions.map { decision in
            DecisionLogPage.Row(
                date: ResultsFormat.day(decision.decidedOn, lang), dateISO: decision.decidedOn,
                kind: RankingWords.kind(decision.decisionKind, lang), summary: decision.summary,
                decidedBy: decision.decidedBy, rationale: decision.rationale,
                round: decision.$round.id.flatMap { roundTitles[$0] },
                roundURL: decision.$round.id.map { SiteURL.municipality(slug, .round(.value($0), .ranking)).path },
                project: decision.$project.id.flatMap { projectLabels[$0] },
                projectURL: decision.$project.id.map { SiteURL.municipality(slug, .project(.value($0))).path },
                computedRank: decision.computedRank, decidedRank: decision.decidedRank,
                recordedBy: decision.recordedByName, recordedAt: req.formatted(decision.createdAt))
        }
        let query = (req.url.query ?? "").split(separator: "&").map(String.init)
            .filter { item in ["kind", "project", "round", "from", "to"].contains { item.hasPrefix("\($0)=") } }
        let exportURL = SiteURL.municipality(slug, .decisions(.export)).path + (query.isEmpty || !recordProblems.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let activeProjects = projects.filter { $0.archivedAt == nil }
        let (lines, byField) = req.problemLines(problems)
        let page = DecisionLogPage(
            chrome: context.chrome(req, title: req.t("results.decisions"), section: "decisions"),
            filter: .init(from: filter.from ?? "", to: filter.to ?? ""),
            kindOptions: DecisionKind.allCases.map { Option(value: $0.rawValue, label: RankingWords.kind($0, lang), selected: $0.rawValue == filter.kind) },
            roundOptions: rounds.map { Option(value: $0.id?.uuidString ?? "", label: $0.title, selected: $0.id?.uuidString == filter.round) },
            projectOptions: projects.map { Option(value: $0.id?.uuidString ?? "", label: "\($0.code) \($0.title)", selected: $0.id?.uuidString == filter.project) },
            rows: rows.isEmpty ? nil : rows, count: rows.count,
            action: SiteURL.municipality(slug, .decisions()).path, exportURL: exportURL,
            record: context.permissions.canManagePrioritization ? .init(
                action: SiteURL.municipality(slug, .decisions()).path,
                projectOptions: activeProjects.map { Option(value: $0.id?.uuidString ?? "", label: "\($0.code) \($0.title)", selected: $0.id?.uuidString == record.projectID) },
                roundOptions: rounds.map { Option(value: $0.id?.uuidString ?? "", label: $0.title, selected: $0.id?.uuidString == record.roundID) },
                kindOptions: DecisionKind.manual.map {
                    Option(value: $0.rawValue, label: RankingWords.kind($0, lang), selected: $0.rawValue == (record.decisionKind ?? DecisionKind.startProject.rawValue))
                }) : nil,
            decision: record.decision, notice: notice, problems: lines, fieldErrors: byField)
        let view = try await req.view.render("prioritization/decisions", page)
        return try await view.response(problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}

struct DecisionLogPage: Encodable {
    var chrome: Chrome
    var filter: FilterValues
    var kindOptions: [Option]
    var roundOptions: [Option]
    var projectOptions: [Option]
    var rows: [Row]?
    var count: Int
    var action: String
    var exportURL: String
    var record: RecordForm?
    var decision: DecisionFormValues
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]

    struct FilterValues: Encodable {
        var from: String
        var to: String
    }

    struct Row: Encodable {
        var date: String
        var dateISO: String
        var kind: String
        var summary: String
        var decidedBy: String
        var rationale: String
        var round: String?
        var roundURL: String?
        var project: String?
        var projectURL: String?
        var computedRank: Int?
        var decidedRank: Int?
        var recordedBy: String
        var recordedAt: String
    }

    struct RecordForm: Encodable {
        var action: String
        var projectOptions: [Option]
        var roundOptions: [Option]
        var kindOptions: [Option]
    }
}

/// The "Entscheidungen" section of a project's profile: its decisions, newest first, and the filtered log.
struct ProjectDecisionSection: Encodable {
    var rows: [Line]?
    var logURL: String
    var recordURL: String?

    struct Line: Encodable {
        var date: String
        var kind: String
        var summary: String
        var decidedBy: String
        var rationale: String
    }

    static func load(_ project: Project, req: Request, context: MunicipalityContext) async throws -> ProjectDecisionSection {
        let id = try project.requireID()
        let decisions = try await Decision.query(on: req.db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$project.$id == id).sort(\.$decidedOn, .descending).sort(\.$createdAt, .descending).limit(20).all()
        let lang = req.language
        let url = SiteURL.municipality(context.municipality.slug, .decisions()).path(query: "project=\(id.uuidString)")
        return ProjectDecisionSection(
            rows: decisions.isEmpty ? nil : decisions.map {
                Line(date: ResultsFormat.day($0.decidedOn, lang), kind: RankingWords.kind($0.decisionKind, lang), summary: $0.summary,
                     decidedBy: $0.decidedBy, rationale: $0.rationale)
            },
            logURL: url, recordURL: context.permissions.canManagePrioritization && project.archivedAt == nil ? url + "#record" : nil)
    }
}
