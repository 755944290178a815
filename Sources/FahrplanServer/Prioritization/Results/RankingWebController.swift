import FahrplanCore
import Fluent
import Vapor

/// The ranking page (official or provisional), its CSV export, the override of a rank, and a project's scores.
extension PrioritizationResultsWebController {
    func ranking(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.ranking) { return hidden }
        var notice: String?
        if req.query[String.self, at: "overridden"] != nil { notice = req.t("results.overridden") }
        if req.query[String.self, at: "adopted"] != nil { notice = req.t("results.adopted") }
        let page = try await rankingPage(scope, version: try versionQuery(req), notice: notice, form: nil, problems: [],
                                         query: req.query[String.self, at: "q"], page: req.query[String.self, at: "page"].flatMap { Int($0) },
                                         field: req.query[String.self, at: "field"])
        return try await req.view.render("prioritization/round-ranking", page).encodeResponse(for: req)
    }

    private func versionQuery(_ req: Request) throws -> Int? {
        guard let raw = req.query[String.self, at: "version"], !raw.isEmpty else { return nil }
        guard let number = Int(raw) else { throw FahrplanError.notFound }
        return number
    }

    struct OverrideFormData: Content {
        var projectID: String?
        var decidedRank: String?
        var decidedBy: String?
        var decidedOn: String?
        var rationale: String?

        var decision: DecisionFormValues {
            DecisionFormValues(decidedBy: decidedBy ?? "", decidedOn: decidedOn ?? "", rationale: rationale ?? "")
        }
    }

    func override(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        return try await req.handleForm(OverrideFormData.self, permission: scope.context.permissions.canManagePrioritization, perform: { form in
            try await DecisionService(db: req.db, context: scope.context)
                .overrideRank(scope.round, projectID: form.projectID, decidedRank: form.decidedRank, form.decision.input)
        }, onInvalid: { form, problems in
            let page = try await rankingPage(scope, version: nil, notice: nil, form: form, problems: problems)
            return try await req.view.render("prioritization/round-ranking", page)
        }, success: { _ in
            SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .ranking)).path + "?overridden=1"
        })
    }

    private func rankingPage(_ scope: ResultsScope, version: Int?, notice: String?, form: OverrideFormData?,
                             problems: [FieldProblem], query: String? = nil, page: Int? = nil, field rawField: String? = nil) async throws -> RankingPage {
        let req = scope.req
        let lang = scope.language
        let data = try await RankingData.load(scope, versionNumber: version)
        let slug = scope.slug
        let fields = try await rankingFields(scope, data, rawField)
        let (shown, paging) = RankingPaging.page(data.orderedLines, query: query, page: page, version: version,
                                                 baseURL: SiteURL.municipality(slug, .round(.value(scope.roundID), .ranking)).path,
                                                 field: fields.chosen, fields: fields.options, unknownField: fields.unknown, lang)
        // The table of the page is rendered once per round stamp, version, search, field of action, page and language:
        // rendering 25 rows (stacked bars, reasons, the figures table) was two fifths of a warm request's time.
        let hasOverrides = data.lines.contains { $0.decidedRank != nil }
        let tableKey = "ranking|\(data.version?.id?.uuidString ?? "provisional")|\(paging.query)|\(paging.field ?? "")|\(page ?? 1)|\(lang.rawValue)"
        let tableHTML: String? = shown.isEmpty ? nil : try await req.application.roundResultsCache.fragment(data.stamp, tableKey) {
            let table = RankingTable(chrome: FragmentChrome(lang: lang.rawValue),
                legend: data.criteria.enumerated().map { LegendItem(name: $0.element.name, colour: RankingChart.colourClass($0.offset)) },
                criterionNames: data.criteria.map(\.name), rows: RankingRows(scope: scope, data: data).rows(shown),
                paging: paging, hasOverrides: hasOverrides)
            return String(buffer: try await req.view.render("prioritization/round-ranking-table", table).data)
        }
        let isLatest = data.version != nil && data.version?.id == data.versions.last?.id
        let mayOverride = scope.context.permissions.canManagePrioritization && scope.round.roundStatus == .closed && isLatest
        var override: OverrideForm?
        if mayOverride {
            override = OverrideForm(
                action: SiteURL.municipality(slug, .round(.value(scope.roundID), .rankingOverride)).path,
                projectOptions: data.lines.map { Option(value: $0.id.uuidString, label: "\($0.computedRank). \($0.code) \($0.title)",
                                                        selected: $0.id.uuidString == form?.projectID) },
                decidedRank: form?.decidedRank ?? "")
        }
        let (lines, byField) = req.problemLines(problems)
        let versionLines = try await versionLines(scope, data)
        let rankingProblem = data.problems.isEmpty ? nil
            : data.problems.map { Strings.problem($0, lang) }.joined(separator: " ")
        return RankingPage(
            chrome: scope.chrome(req.t("results.ranking")),
            header: scope.header(.ranking),
            provisional: !data.isOfficial,
            version: versionLines.first { $0.current },
            versions: versionLines.count > 1 ? versionLines : nil,
            tableHTML: tableHTML,
            paging: paging,
            topN: scope.round.topN,
            aggregationLabel: scope.aggregationLabel(),
            rankingProblem: rankingProblem,
            exportURL: SiteURL.municipality(slug, .round(.value(scope.roundID), .rankingExport)).path + (version.map { "?version=\($0)" } ?? ""),
            notice: notice, override: override, decision: form?.decision ?? DecisionFormValues(),
            problems: lines, fieldErrors: byField)
    }

    /// The municipality's fields of action for the filter and the one `?field=` names. Any other value — not an id,
    /// an archived field, another municipality's — is "unknown": the page says so and shows the whole ranking.
    private func rankingFields(_ scope: ResultsScope, _ data: RankingData, _ raw: String?) async throws
        -> (options: [(id: UUID, label: String)], chosen: RankingPaging.FieldFilter?, unknown: Bool) {
        let req = scope.req
        let context = scope.context
        let snapshot = try await req.application.strategySnapshots.snapshot(for: context, on: req.db)
        let options = snapshot.elements(of: .fieldOfAction).map { (id: $0.id, label: $0.label) }
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return (options, nil, false) }
        guard let id = UUID(uuidString: raw), let option = options.first(where: { $0.id == id }) else { return (options, nil, true) }
        // Which fields each project of the round serves, by the rule of the project list's column; kept per stamp,
        // which holds the municipality's frame_version (raised by every change of a project's links or the frame).
        let projectIDs = data.evaluation.projects.map(\.id)
        let byProject = try await req.application.roundResultsCache.value(data.stamp, "fieldsOfAction", computeAsync: { () async throws -> [UUID: Set<UUID>] in
            try await PortfolioRows(req: req, context: context, snapshot: snapshot).fieldsOfAction(projectIDs).mapValues { Set($0.map(\.id)) }
        })
        let members = Set(byProject.compactMap { $0.value.contains(id) ? $0.key : nil })
        return (options, RankingPaging.FieldFilter(id: id, label: option.label, members: members), false)
    }

    private func versionLines(_ scope: ResultsScope, _ data: RankingData) async throws -> [VersionLine] {
        guard !data.versions.isEmpty else { return [] }
        let db = scope.req.db
        let versionIDs = data.versions.compactMap(\.id)
        let decisions = try await Decision.query(on: db).filter(\.$version.$id ~~ versionIDs)
            .filter(\.$kind ~~ [DecisionKind.adoptRanking.rawValue, DecisionKind.adoptScenario.rawValue]).all()
        let scenarioIDs = data.versions.compactMap { $0.$scenario.id }
        let scenarios = scenarioIDs.isEmpty ? [] : try await PrioritizationScenario.query(on: db).filter(\.$id ~~ scenarioIDs).all()
        return data.versions.reversed().map { version in
            let decision = decisions.first { $0.$version.id == version.id }
            let scenario = scenarios.first { $0.id == version.$scenario.id }
            return VersionLine(
                number: version.version, url: SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .ranking)).path + "?version=\(version.version)",
                adoptedOn: decision.map { ResultsFormat.day($0.decidedOn, scope.language) } ?? scope.req.formatted(version.adoptedAt),
                adoptedBy: version.adoptedByName, scenarioName: scenario?.name,
                scenarioURL: scenario.map { SiteURL.municipality(scope.slug, .scenario(round: .value(scope.roundID), .value($0.id))).path },
                decidedBy: decision?.decidedBy, rationale: decision?.rationale, current: version.id == data.version?.id)
        }
    }

    // MARK: export

    func rankingExport(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.ranking) { return hidden }
        let version = try versionQuery(req)
        let data = try await RankingData.load(scope, versionNumber: version)
        let de = scope.language == .de
        let header = [de ? "Berechneter Rang" : "Computed rank", de ? "Beschlossener Rang" : "Decided rank",
                      de ? "Kennung" : "Code", de ? "Titel" : "Title", de ? "Stufe" : "Tier", de ? "Begründung der Stufe" : "Reason for the tier",
                      de ? "Punkte" : "Points"] + data.criteria.map(\.name) + [de ? "Erklärung" : "Explanation", de ? "Strittig bei" : "Disputed on"]
        let words = RankingRows(scope: scope, data: data)
        // A spreadsheet wants plain numbers: decimal comma for German, point for English, no thousands.
        func number(_ value: Double) -> String {
            let text = String(format: "%.2f", value)
            return de ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        let rows = data.orderedLines.map { line -> [String] in
            [String(line.computedRank), line.decidedRank.map(String.init) ?? "", line.code, line.title,
             line.tier.label(english: !de), words.tierReason(line) ?? "", number(line.total)]
                + data.criteria.map { line.contributions[$0.key].map(number) ?? "" }
                + [line.explanation ?? "", words.disputed(line) ?? ""]
        }
        let name = "reihung-\(scope.slug)-\(data.version.map { "v\($0.version)" } ?? (de ? "vorlaeufig" : "provisional")).csv"
        return ImportResponses.download(CSVWriter().data([header] + rows), contentType: "text/csv; charset=utf-8", fileName: name)
    }

    // MARK: a project's scores

    func roundProject(_ req: Request) async throws -> Response {
        let scope = try await ResultsScope.load(req)
        if let hidden = try await scope.hiddenResponse(.ranking) { return hidden }
        guard let projectID = req.parameters.get("project").flatMap(UUID.init(uuidString:)) else { throw FahrplanError.notFound }
        let data = try await RankingData.load(scope)
        let evaluation = data.evaluation
        guard let facts = evaluation.projects.first(where: { $0.id == projectID }) else { throw FahrplanError.notFound }
        let lang = scope.language
        let raterIDs = Set(evaluation.scores[projectID]?.values.flatMap(\.keys) ?? [])
        let raters = try await RoundService(db: req.db, context: scope.context).raters(of: scope.round)
        var raterNames = Dictionary(raters.map { ($0.$user.id, $0.user.displayName) }, uniquingKeysWith: { a, _ in a })
        let unknown = raterIDs.filter { raterNames[$0] == nil }
        if !unknown.isEmpty {
            for user in try await User.query(on: req.db).filter(\.$id ~~ Array(unknown)).all() { raterNames[user.id!] = user.displayName }
        }
        let line = data.lines.first { $0.id == projectID }
        let rowBuilder = RankingRows(scope: scope, data: data)
        var criteria: [RoundProjectPage.CriterionLine] = []
        var tables: [RoundProjectPage.ScoreTable] = []
        for (index, roundCriterion) in evaluation.criteria.enumerated() {
            let criterion = roundCriterion.criterion
            let points = line?.contributions[criterion.key].map { ResultsFormat.points($0, lang) } ?? "–"
            if criterion.source == .rating {
                let summary = evaluation.summaries[projectID]?[criterion.key]
                let nearest = summary?.value.flatMap { criterion.level(Int($0.rounded())) }
                criteria.append(.init(
                    name: criterion.name, source: req.t("results.source.rating"),
                    value: summary?.value.map { ResultsFormat.number($0, decimals: 2, lang) } ?? "–", level: nearest?.label,
                    spread: summary.flatMap { s in s.minimum.map { "\($0)–\(s.maximum ?? $0)" } } ?? "–",
                    count: String(summary?.count ?? 0), disputed: summary?.disputed ?? false, points: points))
                let given = evaluation.scores[projectID]?[criterion.key] ?? [:]
                let rows = given.map { rater, score in
                    RoundProjectPage.ScoreRow(rater: raterNames[rater] ?? "?", score: String(score.score),
                                              level: criterion.level(score.score)?.label ?? "",
                                              justification: score.justification.isEmpty ? nil : score.justification)
                }.sorted { $0.rater.localizedCompare($1.rater) == .orderedAscending }
                tables.append(.init(id: "criterion-\(index)", name: criterion.name, disputed: summary?.disputed ?? false,
                                    rows: rows.isEmpty ? nil : rows))
            } else {
                let value = evaluation.rankingProjects.first { $0.id == projectID.uuidString }?.values[criterion.key]
                criteria.append(.init(
                    name: criterion.name, source: req.t("results.source.\(criterion.source.rawValue)"),
                    value: value.map { ResultsFormat.number($0, decimals: 0, lang) } ?? "–",
                    level: value.flatMap { criterion.level(Int($0.rounded()))?.label }, spread: "–", count: "–", disputed: false, points: points))
            }
        }
        let page = RoundProjectPage(
            chrome: scope.chrome(facts.code), header: scope.header(nil), code: facts.code, title: facts.title,
            projectURL: SiteURL.municipality(scope.slug, .project(.value(projectID))).path, rankingURL: SiteURL.municipality(scope.slug, .round(.value(scope.roundID), .ranking)).path,
            rank: line.map { String($0.decidedRank ?? $0.computedRank) }, total: line.map { ResultsFormat.points($0.total, lang) },
            tierLabel: line.map { $0.tier.label(english: scope.english) },
            chart: line.map { rowBuilder.chart($0, id: "bar-project") },
            aggregationLabel: scope.aggregationLabel(), criteria: criteria, scoreTables: tables.isEmpty ? nil : tables)
        return try await req.view.render("prioritization/round-ranking-project", page).encodeResponse(for: req)
    }
}
