import Vapor

/// The JSON API under `/api/v1`, described by `openapi.json`.
enum APIRoutes {
    static func register(on app: Application) {
        app.apiEndpoints.get(.openAPI) { req async throws -> Response in
            let path = req.application.directory.resourcesDirectory + "openapi.json"
            let response = try await req.fileio.asyncStreamFile(at: path)
            response.headers.contentType = .json
            return response
        }
        let authenticated = app.grouped(APITokenAuthenticator())
        // Public: the survey token in the path is the only key (no API token, nothing about the sender stored).
        SurveyAPIController().registerPublic(on: app.grouped(AnonymousBodyLimitMiddleware()))
        StrategyAPIController().register(on: authenticated)
        MembersAPIController().register(on: authenticated)
        ProjectAPIController().register(on: authenticated)
        ImportAPIController().register(on: authenticated)
        CallAPIController().register(on: authenticated)
        PrioritizationAPIController().register(on: authenticated)
        CostBenefitAPIController().register(on: authenticated)
        PlanAPIController().register(on: authenticated)
        MonitoringAPIRoutes.register(on: authenticated)
        InventoryAPIController().register(on: authenticated)
        MaturityQuestionnaireAPIController().register(on: authenticated)
        SurveyAPIController().register(on: authenticated)
        MaturityResultsAPIController().register(on: authenticated)
        PortalSettingsAPIController().register(on: authenticated)
        CommitteeReportAPIController().register(on: authenticated)
        StrategyVersionAPIController().register(on: authenticated)
        NewsletterAPIController().register(on: authenticated)
    }
}
