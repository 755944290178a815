import FahrplanCore
import Foundation

/// The pages of one municipality, below `/m/:municipality` (see `SiteURL`). A page of an item takes its id
/// (`.key` to register, `.value(id)` in a link) and which of the item's pages (default: the item itself).
enum MunicipalityPage: Sendable {
    /// The strategy overview, `/m/:municipality`.
    case overview
    case vision(VisionPage)
    case elements(StrategyElementKind, ListPage = .list)
    case element(StrategyElementKind, IDParameter, ElementPage = .show)
    case departments(ListPage = .list)
    case department(IDParameter, DepartmentPage = .show)
    case members(MembersPage = .list)
    case member(IDParameter, MemberPage = .change)
    case invitation(IDParameter, InvitationPage)
    case audit
    case projects(ProjectsPage = .list)
    case project(IDParameter, ProjectPage = .show)
    /// An uploaded spreadsheet waiting for confirmation.
    case stagedImport(IDParameter)
    case calls(ListPage = .list)
    case call(IDParameter, CallPage = .show)
    case prioritization(PrioritizationPage = .overview)
    case criterion(IDParameter, CriterionPage = .show)
    case round(IDParameter, RoundPage = .show)
    /// One project as a round ranked it.
    case roundProject(round: IDParameter, project: IDParameter)
    case scenario(round: IDParameter, IDParameter, ScenarioPage = .show)
    case decisions(DecisionsPage = .list)
    /// Roadmap plans and scenarios.
    case plans(ListPage = .list)
    case plan(IDParameter, PlanPage = .show)
    /// The portfolio's cost-benefit analysis (Wirtschaftlichkeit) and its mid-term budget export.
    case costBenefit(CostBenefitPage = .portfolio)
    /// The municipality's economic settings: hourly rates, interest rate, horizon.
    case economicSettings
    /// KPIs (Kennzahlen) of the strategic goals, their roll-up, and one KPI with its measurements.
    case kpis(KPIsPage = .list)
    case kpi(IDParameter, KPIPage = .show)
    /// Update cycles (strategy team), the late list, period locks and the person's reminders.
    case updateCycles(UpdateCyclesPage = .list)
    case updateCycle(IDParameter, UpdateCyclePage = .save)
    case periodLock(IDParameter, PeriodLockPage)
    /// The strategy team's monitoring dashboard (Monitoring-Übersicht).
    case monitoring(MonitoringPage = .dashboard)
    /// A milestone of a project (its edit form; the project's status page lists them).
    case milestone(project: IDParameter, IDParameter, MilestonePage = .edit)
    /// The token-protected iCalendar feed of upcoming milestones and roll-outs (no sign-in).
    case calendarFeed
    /// The strategy team's monitoring settings: stale weeks, calendar feed token.
    case monitoringSettings(MonitoringSettingsPage = .show)
    /// Maturity (issue 17): the hub, questionnaires and Potenzialcheck assessments (`MaturityPages.swift`),
    /// Quick-Check survey rounds (`SurveyPages.swift`), their results (`ResultsPages.swift`).
    case maturity(MaturityPage = .overview)
    case questionnaire(IDParameter, QuestionnairePage = .show)
    case assessment(IDParameter, AssessmentPage = .show)
    case surveys(SurveysPage = .list)
    case survey(IDParameter, SurveyPage = .show)
    case surveyResults(IDParameter, ResultsPage = .show)
    case assessmentResults(IDParameter, ResultsPage = .show)
    case firstSteps(FirstStepsPage)
    /// The inventory (Bestandsaufnahme): IT systems and administrative services (`InventoryPages.swift`).
    case inventory(InventoryPage = .overview)
    case itSystem(IDParameter, ITSystemPage = .show)
    case administrativeService(IDParameter, AdministrativeServicePage = .show)
    /// The public transparency portal's settings and public projects (`PortalPages.swift`).
    case portalSettings(PortalSettingsPage = .show)
    /// Reports (issue 18): the hub and the committee report (`ReportsPages.swift`).
    case reports(ReportsPage = .overview)
    /// Strategy versions: named, dated snapshots of the strategy and their differences (`StrategyVersionPages.swift`).
    case strategyVersions(StrategyVersionsPage = .list)
    case strategyVersion(IDParameter, StrategyVersionPage = .show)
    /// Newsletter issues (digital.kanal): list, new draft, Atom feed; one issue with edit, publish, mail HTML, text (`NewsletterPages.swift`).
    case newsletters(NewslettersPage = .list)
    case newsletter(IDParameter, NewsletterPage = .show)

    enum ListPage: String, FixedPages {
        case list = ""
        case new
    }

    enum VisionPage: String, FixedPages {
        case save = ""
        case edit
    }

    enum ElementPage: String, FixedPages {
        case show = ""
        case edit, archive, restore, move, links, history
    }

    enum DepartmentPage: String, FixedPages {
        case show = ""
        case archive, restore, history
    }

    enum MembersPage: String, FixedPages {
        case list = ""
        case mfaRequirement = "mfa-requirement"
    }

    enum MemberPage: String, FixedPages {
        case change = ""
        case remove
    }

    enum InvitationPage: String, FixedPages {
        case renew, withdraw
    }

    enum ProjectsPage: String, FixedPages {
        case list = ""
        case new, assign, board, duplicates, export
        case `import`
        case importTemplate = "import/template.csv"
    }

    enum ProjectPage: String, FixedPages {
        case show = ""
        case edit, status, archive, restore, merge, history
        /// The monitoring part of the status page (GET `status`): a new report, the owner, new milestones.
        case statusReports = "status/reports"
        case monitoringOwner = "status/owner"
        case milestones
    }

    enum MilestonePage: String, FixedPages {
        case edit
    }

    enum MonitoringSettingsPage: String, FixedPages {
        case show = ""
        case calendarToken = "calendar-token"
    }

    enum CallPage: String, FixedPages {
        case show = ""
        case edit, close, reopen, archive, restore, complete, incomplete, reminder, history
    }

    enum PrioritizationPage: String, FixedPages {
        case overview = ""
        case criteria
        case newCriterion = "criteria/new"
        case defaultCriteria = "criteria/defaults"
        /// Where a new round is posted.
        case rounds
        case newRound = "rounds/new"
    }

    enum CriterionPage: String, FixedPages {
        case show = ""
        case edit, archive, restore, history
    }

    enum RoundPage: String, FixedPages {
        case show = ""
        case scope, weights, open, close, history
        case rate
        case rateSubmit = "rate/submit"
        case ahp
        case adoptAHP = "ahp/adopt"
        case ranking
        case rankingExport = "ranking/export"
        case rankingOverride = "ranking/override"
        case sensitivity
        case scenarios
        case newScenario = "scenarios/new"
    }

    enum ScenarioPage: String, FixedPages {
        case show = ""
        case edit, adopt, archive
    }

    enum PlanPage: String, FixedPages {
        case show = ""
        case capacities, solve, starts, scenario, compare, export, solution, archive
        case `import`
        /// The frame (name, periods, discount, ranking, note) and the per-project settings.
        case edit, projects
    }

    enum DecisionsPage: String, FixedPages {
        case list = ""
        case export
    }

    enum UpdateCyclesPage: String, FixedPages {
        case list = ""
        case late, locks, reminders
    }

    enum UpdateCyclePage: String, FixedPages {
        case save = ""
        case delete
    }

    enum PeriodLockPage: String, FixedPages {
        case unlock
    }

    enum MonitoringPage: String, FixedPages {
        case dashboard = ""
    }

    enum KPIsPage: String, FixedPages {
        case list = ""
        case new, rollup
    }

    enum KPIPage: String, FixedPages {
        case show = ""
        case edit, measurements
        case upload = "measurements/upload"
    }

    enum CostBenefitPage: String, FixedPages {
        case portfolio = ""
        case budgetExport = "budget.csv"
    }

    var segments: [PathSegment] {
        switch self {
        case .overview: []
        case .vision(let page): [.fixed("vision")] + page.segments
        case .elements(let kind, let page): [.fixed(kind.pathSegment)] + page.segments
        case .element(let kind, let id, let page): [.fixed(kind.pathSegment), id.segment("element")] + page.segments
        case .departments(let page): [.fixed("departments")] + page.segments
        case .department(let id, let page): [.fixed("departments"), id.segment("department")] + page.segments
        case .members(let page): [.fixed("members")] + page.segments
        case .member(let id, let page): [.fixed("members"), id.segment("user")] + page.segments
        case .invitation(let id, let page): [.fixed("members"), .fixed("invitations"), id.segment("invitation")] + page.segments
        case .audit: [.fixed("audit")]
        case .projects(let page): [.fixed("projects")] + page.segments
        case .project(let id, let page): [.fixed("projects"), id.segment("project")] + page.segments
        case .stagedImport(let id): [.fixed("projects"), .fixed("import"), id.segment("staged")]
        case .calls(let page): [.fixed("calls")] + page.segments
        case .call(let id, let page): [.fixed("calls"), id.segment("call")] + page.segments
        case .prioritization(let page): [.fixed("prioritization")] + page.segments
        case .criterion(let id, let page): [.fixed("prioritization"), .fixed("criteria"), id.segment("criterion")] + page.segments
        case .round(let id, let page): Self.round(id) + page.segments
        case .roundProject(let round, let project): Self.round(round) + [.fixed("projects"), project.segment("project")]
        case .scenario(let round, let id, let page): Self.round(round) + [.fixed("scenarios"), id.segment("scenario")] + page.segments
        case .decisions(let page): [.fixed("decisions")] + page.segments
        case .plans(let page): [.fixed("plans")] + page.segments
        case .plan(let id, let page): [.fixed("plans"), id.segment("plan")] + page.segments
        case .costBenefit(let page): [.fixed("cost-benefit")] + page.segments
        case .economicSettings: [.fixed("settings"), .fixed("economics")]
        case .kpis(let page): [.fixed("kpis")] + page.segments
        case .kpi(let id, let page): [.fixed("kpis"), id.segment("kpi")] + page.segments
        case .updateCycles(let page): [.fixed("monitoring"), .fixed("cycles")] + page.segments
        case .updateCycle(let id, let page): [.fixed("monitoring"), .fixed("cycles"), id.segment("cycle")] + page.segments
        case .periodLock(let id, let page): [.fixed("monitoring"), .fixed("locks"), id.segment("lock")] + page.segments
        case .monitoring(let page): [.fixed("monitoring")] + page.segments
        case .milestone(let project, let id, let page): [.fixed("projects"), project.segment("project"), .fixed("milestones"), id.segment("milestone")] + page.segments
        case .calendarFeed: [.fixed("calendar.ics")]
        case .monitoringSettings(let page): [.fixed("monitoring"), .fixed("settings")] + page.segments
        case .maturity(let page): [.fixed("maturity")] + page.segments
        case .questionnaire(let id, let page): [.fixed("maturity"), .fixed("questionnaires"), id.segment("questionnaire")] + page.segments
        case .assessment(let id, let page): [.fixed("maturity"), .fixed("assessments"), id.segment("assessment")] + page.segments
        case .surveys(let page): [.fixed("maturity"), .fixed("surveys")] + page.segments
        case .survey(let id, let page): [.fixed("maturity"), .fixed("surveys"), id.segment("survey")] + page.segments
        case .surveyResults(let id, let page): [.fixed("maturity"), .fixed("surveys"), id.segment("survey"), .fixed("results")] + page.segments
        case .assessmentResults(let id, let page): [.fixed("maturity"), .fixed("assessments"), id.segment("assessment"), .fixed("results")] + page.segments
        case .firstSteps(let page): [.fixed("maturity"), .fixed("first-steps")] + page.segments
        case .inventory(let page): [.fixed("inventory")] + page.segments
        case .itSystem(let id, let page): [.fixed("inventory"), .fixed("systems"), id.segment("system")] + page.segments
        case .administrativeService(let id, let page): [.fixed("inventory"), .fixed("services"), id.segment("service")] + page.segments
        case .portalSettings(let page): [.fixed("portal")] + page.segments
        case .reports(let page): [.fixed("reports")] + page.segments
        case .strategyVersions(let page): [.fixed("versions")] + page.segments
        case .strategyVersion(let id, let page): [.fixed("versions"), id.segment("version")] + page.segments
        case .newsletters(let page): [.fixed("newsletter")] + page.segments
        case .newsletter(let id, let page): [.fixed("newsletter"), id.segment("newsletter")] + page.segments
        }
    }

    private static func round(_ id: IDParameter) -> [PathSegment] {
        [.fixed("prioritization"), .fixed("rounds"), id.segment("round")]
    }

    static var allRoutes: [MunicipalityPage] {
        var all: [MunicipalityPage] = [.overview, .audit, .stagedImport(.key), .roundProject(round: .key, project: .key)]
        all += VisionPage.allCases.map { .vision($0) }
        for kind in StrategyElementKind.allCases {
            all += ListPage.allCases.map { .elements(kind, $0) }
            all += ElementPage.allCases.map { .element(kind, .key, $0) }
        }
        all += ListPage.allCases.map { .departments($0) }
        all += DepartmentPage.allCases.map { .department(.key, $0) }
        all += MembersPage.allCases.map { .members($0) }
        all += MemberPage.allCases.map { .member(.key, $0) }
        all += InvitationPage.allCases.map { .invitation(.key, $0) }
        all += ProjectsPage.allCases.map { .projects($0) }
        all += ProjectPage.allCases.map { .project(.key, $0) }
        all += ListPage.allCases.map { .calls($0) }
        all += CallPage.allCases.map { .call(.key, $0) }
        all += PrioritizationPage.allCases.map { .prioritization($0) }
        all += CriterionPage.allCases.map { .criterion(.key, $0) }
        all += RoundPage.allCases.map { .round(.key, $0) }
        all += ScenarioPage.allCases.map { .scenario(round: .key, .key, $0) }
        all += DecisionsPage.allCases.map { .decisions($0) }
        all += ListPage.allCases.map { .plans($0) } + PlanPage.allCases.map { .plan(.key, $0) }
        all += CostBenefitPage.allCases.map { .costBenefit($0) } + [.economicSettings]
        all += KPIsPage.allCases.map { .kpis($0) } + KPIPage.allCases.map { .kpi(.key, $0) }
        all += UpdateCyclesPage.allCases.map { .updateCycles($0) } + UpdateCyclePage.allCases.map { .updateCycle(.key, $0) }
        all += PeriodLockPage.allCases.map { .periodLock(.key, $0) }
        all += MonitoringPage.allCases.map { .monitoring($0) }
        all += MilestonePage.allCases.map { .milestone(project: .key, .key, $0) } + [.calendarFeed]
        all += MonitoringSettingsPage.allCases.map { .monitoringSettings($0) }
        all += MaturityPage.allCases.map { .maturity($0) } + QuestionnairePage.allCases.map { .questionnaire(.key, $0) }
        all += AssessmentPage.allCases.map { .assessment(.key, $0) }
        all += SurveysPage.allCases.map { .surveys($0) } + SurveyPage.allCases.map { .survey(.key, $0) }
        all += ResultsPage.allCases.map { .surveyResults(.key, $0) } + ResultsPage.allCases.map { .assessmentResults(.key, $0) }
        all += FirstStepsPage.allCases.map { .firstSteps($0) }
        all += InventoryPage.allCases.map { .inventory($0) } + ITSystemPage.allCases.map { .itSystem(.key, $0) }
        all += AdministrativeServicePage.allCases.map { .administrativeService(.key, $0) }
        all += PortalSettingsPage.allCases.map { .portalSettings($0) }
        all += ReportsPage.allCases.map { .reports($0) }
        all += StrategyVersionsPage.allCases.map { .strategyVersions($0) } + StrategyVersionPage.allCases.map { .strategyVersion(.key, $0) }
        all += NewslettersPage.allCases.map { .newsletters($0) } + NewsletterPage.allCases.map { .newsletter(.key, $0) }
        return all
    }
}
