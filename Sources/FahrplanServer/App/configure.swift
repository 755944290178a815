import FahrplanCore
import Fluent
import Leaf
import LeafKit
import Vapor

/// Sets up an application: database, middleware, views, routes and migrations. Used by the CLI, the
/// server and the tests alike, so they cannot drift apart.
public func configure(_ app: Application, configuration: AppConfiguration, passwordCost: Int = 12) async throws {
    app.fahrplanConfiguration = configuration
    // Blocking work runs on this pool: every SQLite statement, password hashing, plan solves, Monte-Carlo runs, file
    // reads. Vapor's default is the process-wide pool with one thread per core. On two cores, two blocking jobs — two
    // SQLite writers waiting (up to the busy timeout) for the write lock, a solve, a hash — left no thread for the
    // connection that held the lock, and everything waited for the busy timeout: five-minute stalls of the test suite,
    // whose parallel test servers all shared that one pool. Set first, before the databases are made with it.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, 2 * System.coreCount))
    // First: a metric object made before the process's one bootstrap would count into nothing (Metrics/FahrplanMetrics).
    app.useFahrplanMetrics()
    app.municipalCalendar = MunicipalCalendar()
    app.directory = DirectoryConfiguration(workingDirectory: FahrplanResources.directory)
    app.logger.debug("resources", metadata: ["views": .string(app.directory.viewsDirectory)])
    try DatabaseSetup.use(configuration.database, poolTimeout: configuration.databasePoolTimeout, on: app)
    VersionedModels.register(on: app)
    app.auditLabelSources = [StrategyService.auditLabels]
    app.projectDecisionSlot = { project, req, context in try await ProjectDecisionSection.load(project, req: req, context: context) }
    app.projectCostBenefitSlot = { project, req, context in try await CostBenefitProjectSection.load(project, req: req, context: context) }
    app.projectInventorySlot = { project, req, context in try await InventoryProjectPanel.load(project, req: req, context: context) }
    app.monitoringSubjectSources.append { db, municipalityID in try await KPIUpdateSubjects.load(db: db, municipalityID: municipalityID) }
    app.monitoringSubjectSources.append { db, municipalityID in try await StatusUpdateSubjects.load(db: db, municipalityID: municipalityID) }
    app.startPageSlots.append { req, context in try await CycleWebController.dueForMe(req, context) }
    app.migrations.add(FahrplanMigrations.all)
    app.strategySnapshots = StrategySnapshotCache()
    app.renderedCache = RenderedCache()
    // The tests change a portal and read it at once, in one process: they read the version on every request.
    app.strategyVersionDiffs = StrategyVersionDiffCache()
    app.portalCache = PortalCache(headSeconds: app.environment == .testing ? 0 : Double(configuration.portalRevalidateSeconds))
    app.planSolveJobs = PlanSolveJobs()
    app.planAnalysisCache = PlanAnalysisCache()
    app.roundResultsCache = RoundResultsCache()
    app.dueItemsCache = DueItemsCache()
    // Made here, before requests: made on first use, two concurrent first requests could each store a clock of their own.
    app.mfaClock = MFAClock()
    app.configureSurveys(limit: configuration.surveyRateLimit)
    // Registered before AwaitInFlightRequests, so it runs after the requests have ended: no new solve starts then.
    app.lifecycle.use(CancelPlanSolves(jobs: app.planSolveJobs))
    app.passwords.use(.bcrypt(cost: passwordCost))
    try app.loadPasswordPolicy()
    try app.configureReminderMail()

    app.views.use(.leaf)
    // The resource bundle lives below `.build/` in development; Leaf's default refuses hidden folders.
    app.leaf.sources = .singleSource(NIOLeafFiles(
        fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
        sandboxDirectory: app.directory.viewsDirectory, viewDirectory: app.directory.viewsDirectory))
    app.leaf.tags["t"] = TranslateTag()
    if app.environment == .production { app.leaf.cache.isEnabled = true }
    app.routes.defaultMaxBodySize = "2mb"

    app.middleware = Middlewares()
    // Outermost, so that every request counts until its answer is made, error pages included.
    app.middleware.use(InFlightRequestMiddleware(requests: app.inFlightRequests))
    app.lifecycle.use(AwaitInFlightRequests(requests: app.inFlightRequests))
    app.middleware.use(RequestLogMiddleware())
    // Counts by route pattern; outside the error middleware, so error pages count with their status.
    app.middleware.use(RouteMetricsMiddleware())
    // Outside the error middleware, so error pages carry the same headers as every other page.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FahrplanErrorMiddleware())
    app.middleware.use(BodyLimitMiddleware())
    app.middleware.use(StaticFilesMiddleware(files: FileMiddleware(publicDirectory: app.directory.resourcesDirectory + "Public/", defaultFile: nil)))
    // Innermost: turns the router's 404 for a known API path with another method into 405 with Allow.
    app.middleware.use(MethodNotAllowedMiddleware())

    try routes(app)
}

func routes(_ app: Application) throws {
    HealthController().register(on: app)
    MetricsController(access: app.fahrplanConfiguration.metrics).register(on: app)
    // Calendar programs cannot sign in: the token in the address is the key (no session, no CSRF).
    CalendarFeedController().register(on: app)
    APIRoutes.register(on: app)
    // Quick-Check answers: no login, no session, no CSRF cookie, no language cookie — nothing that could tie an
    // answer to a person or a device (SurveyAnswerController).
    SurveyAnswerController().register(on: app.grouped(AnonymousBodyLimitMiddleware()))
    // The public portal: no session, no language cookie, no CSRF cookie; cacheable by anyone (PortalPublicController).
    PortalPublicController().register(on: app)

    let web = app.grouped(SessionAuthenticationMiddleware(), AnonymousBodyLimitMiddleware(), LanguageMiddleware(), MFAEnforcementMiddleware(),
                          FormEncodingGuard(), CSRFMiddleware())
    let signedIn = web.grouped(RequireLoginMiddleware())
    HomeController().register(public: web, signedIn: signedIn)
    LoginController().register(on: web)
    AccountController().register(on: signedIn)
    MFALoginController().register(on: web)
    InvitationController().register(on: web)
    MFASetupController().register(on: signedIn)

    StrategyWebController().register(on: signedIn)
    DepartmentWebController().register(on: signedIn)
    MembersController().register(on: signedIn)
    MFARequirementController().register(on: signedIn)
    AuditWebController().register(on: signedIn)
    ProjectWebController().register(on: signedIn)
    ImportWebController().register(on: signedIn)
    CallWebController().register(on: signedIn)
    PrioritizationSetupWebController().register(on: signedIn)
    PrioritizationResultsWebController().register(on: signedIn)
    CostBenefitWebController().register(on: signedIn)
    PlanWebController().register(on: signedIn)
    KPIWebController().register(on: signedIn)
    CycleWebController().register(on: signedIn)
    StatusWebController().register(on: signedIn)
    MonitoringSettingsController().register(on: signedIn)
    DashboardWebController().register(on: signedIn)
    InventoryWebController().register(on: signedIn)
    MaturityHubController().register(on: signedIn)
    QuestionnaireWebController().register(on: signedIn)
    AssessmentWebController().register(on: signedIn)
    SurveyWebController().register(on: signedIn)
    MaturityResultsWebController().register(on: signedIn)
    PortalSettingsController().register(on: signedIn)
    ReportsHubController().register(on: signedIn)
    StrategyVersionWebController().register(on: signedIn)
    NewsletterWebController().register(on: signedIn)
}
