import FahrplanCore
import Fluent
import Vapor

/// The cost-benefit pages in the browser: the economic settings (strategy team), the portfolio's figures with
/// filter and sort, and the mid-term budget as CSV.
struct CostBenefitWebController {
    func register(on routes: any RoutesBuilder) {
        let pages = routes.municipalityPages
        pages.get(.economicSettings, use: settingsForm)
        pages.post(.economicSettings, use: saveSettings)
        pages.get(.costBenefit(), use: portfolio)
        pages.get(.costBenefit(.budgetExport), use: budgetExport)
    }

    /// Form data of the settings page.
    struct SettingsForm: Content {
        var staffHourlyRate: String?
        var citizenHourlyRate: String?
        var businessHourlyRate: String?
        var interestRate: String?
        var horizonYears: String?

        var core: EconomicSettingsForm {
            EconomicSettingsForm(staffHourlyRate: staffHourlyRate, citizenHourlyRate: citizenHourlyRate, businessHourlyRate: businessHourlyRate,
                                 interestRate: interestRate, horizonYears: horizonYears)
        }
    }

    // MARK: settings

    func settingsForm(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let settings = try await EconomicSettingsService(db: req.db, context: context).settings()
        let notice = req.query[String.self, at: "saved"] != nil ? req.t("cb.saved") : nil
        return try await renderSettings(req, context, EconomicSettingsForm(settings), problems: [], notice: notice)
    }

    func saveSettings(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        return try await req.handleForm(SettingsForm.self, permission: context.permissions.canEditFrame, perform: { form in
            try await EconomicSettingsService(db: req.db, context: context).save(try form.core.validated())
        }, onInvalid: { form, problems in
            try await renderSettings(req, context, form.core, problems: problems, notice: nil)
        }, success: { _ in
            SiteURL.municipality(context.municipality.slug, .economicSettings).path(query: "saved=1")
        })
    }

    private func renderSettings(_ req: Request, _ context: MunicipalityContext, _ form: EconomicSettingsForm,
                                problems: [FieldProblem], notice: String?) async throws -> View {
        let slug = context.municipality.slug
        let (lines, byField) = req.problemLines(problems)
        return try await req.view.render("planning/economic-settings", EconomicSettingsPage(
            chrome: context.chrome(req, title: req.t("cb.settingsTitle"), section: "cost-benefit"),
            costBenefitURL: SiteURL.municipality(slug, .costBenefit()).path,
            action: context.permissions.canEditFrame ? SiteURL.municipality(slug, .economicSettings).path : nil,
            values: .init(staffHourlyRate: form.staffHourlyRate ?? "", citizenHourlyRate: form.citizenHourlyRate ?? "",
                          businessHourlyRate: form.businessHourlyRate ?? "", interestRate: form.interestRate ?? "",
                          horizonYears: form.horizonYears ?? ""),
            problems: lines, fieldErrors: byField, notice: notice))
    }

    // MARK: portfolio

    /// `?status=` one project status (default: every status but cancelled), `?sort=npv` highest net present value first.
    struct PortfolioQuery {
        var status: ProjectStatus?
        var sortByNPV: Bool

        init(_ req: Request) {
            status = req.query[String.self, at: "status"].flatMap(ProjectStatus.init(rawValue:))
            sortByNPV = req.query[String.self, at: "sort"] == "npv"
        }

        var statuses: [ProjectStatus] { status.map { [$0] } ?? CostBenefitService.defaultStatuses }
    }

    func portfolio(_ req: Request) async throws -> View {
        let context = try await req.municipalityContext()
        let lang = req.language
        let slug = context.municipality.slug
        let query = PortfolioQuery(req)
        let data = try await CostBenefitService(db: req.db, context: context).portfolio(statuses: query.statuses)
        let projects = query.sortByNPV ? Self.sortedByNPV(data.projects) : data.projects
        let rows = projects.map { project in
            Self.row(code: project.code, title: project.title, url: SiteURL.municipality(slug, .project(.value(project.id))).path,
                     status: PortfolioDisplay.status(project.status, lang), figures: project.figures, npv: project.figures.netPresentValueCents, req)
        }
        let budget = data.totals.budget
        var total = Self.row(code: "", title: req.t("cb.portfolioTotal"), url: nil, status: "", figures: budget,
                             npv: data.totals.appraised.netPresentValueCents, req)
        total.payback = CostBenefitDisplay.payback(data.totals.appraised, req)
        let statusQuery = query.status.map { "status=\($0.rawValue)" }
        let base = SiteURL.municipality(slug, .costBenefit())
        let sortQuery = ([statusQuery] + [query.sortByNPV ? nil : "sort=npv"]).compactMap { $0 }.joined(separator: "&")
        return try await req.view.render("planning/cost-benefit", CostBenefitPortfolioPage(
            chrome: context.chrome(req, title: req.t("cb.title"), section: "cost-benefit"),
            horizon: CostBenefitDisplay.horizon(budget),
            assumptions: CostBenefitDisplay.assumptions(data.settings, req),
            settingsURL: SiteURL.municipality(slug, .economicSettings).path,
            filterAction: base.path,
            statusOptions: [Option(value: "", label: req.t("cb.allStatuses"), selected: query.status == nil)]
                + ProjectStatus.allCases.map { Option(value: $0.rawValue, label: PortfolioDisplay.status($0, lang), selected: $0 == query.status) },
            sortByNPV: query.sortByNPV,
            sortURL: sortQuery.isEmpty ? base.path : base.path(query: sortQuery),
            exportURL: statusQuery.map { SiteURL.municipality(slug, .costBenefit(.budgetExport)).path(query: $0) }
                ?? SiteURL.municipality(slug, .costBenefit(.budgetExport)).path,
            rows: rows.isEmpty ? nil : rows, total: total,
            appraisedNote: "\(req.t("cb.appraisedNote")): \(data.totals.appraisedCount) / \(data.totals.projectCount)",
            years: budget.years.map { String($0.year) },
            budget: CostBenefitDisplay.budgetLines(budget, lang),
            carried: budget.years.contains(where: \.runningCarriedForward)))
    }

    /// Highest net present value first; projects without a known one after them; ties by code.
    static func sortedByNPV(_ projects: [CostBenefitService.ProjectFigures]) -> [CostBenefitService.ProjectFigures] {
        projects.sorted { a, b in
            switch (a.figures.netPresentValueCents, b.figures.netPresentValueCents) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.code < b.code
            }
        }
    }

    static func row(code: String, title: String, url: String?, status: String, figures: CostBenefitFigures, npv: Int64?,
                    _ req: Request) -> CostBenefitRow {
        let lang = req.language
        return CostBenefitRow(code: code, title: title, url: url, status: status,
                              totalCost: CostBenefitDisplay.money(figures.totalCostCents, lang),
                              oneOff: CostBenefitDisplay.money(figures.oneOffCents, lang),
                              running: CostBenefitDisplay.money(figures.runningCents, lang),
                              benefit: figures.benefitKnown ? CostBenefitDisplay.money(figures.benefitCents, lang) : req.t("cb.unknown"),
                              npv: npv.map { CostBenefitDisplay.money($0, lang) } ?? req.t("cb.unknown"),
                              npvNegative: (npv ?? 0) < 0,
                              payback: CostBenefitDisplay.payback(figures, req))
    }

    // MARK: export

    func budgetExport(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        let query = PortfolioQuery(req)
        let english = req.language == .en
        let data = try await CostBenefitService(db: req.db, context: context).portfolio(statuses: query.statuses)
        let lines = data.projects.map {
            MidTermBudget.ProjectLine(code: $0.code, title: $0.title, status: $0.status.label(english: english), figures: $0.figures)
        }
        let rows = MidTermBudget.rows(lines, total: data.totals.budget, english: english)
        let name = (english ? "mid-term-budget-" : "finanzplanung-") + "\(context.municipality.slug)-\(data.firstYear).csv"
        return ImportResponses.download(CSVWriter().data(rows), contentType: "text/csv; charset=utf-8", fileName: name)
    }
}
