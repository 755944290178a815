import Vapor

/// The JSON API under `/api/v1`, described by `openapi.json`.
enum APIRoutes {
    static func register(on app: Application) {
        let api = app.grouped("api", "v1")
        api.get("openapi.json") { req async throws -> Response in
            let path = req.application.directory.resourcesDirectory + "openapi.json"
            let response = try await req.fileio.asyncStreamFile(at: path)
            response.headers.contentType = .json
            return response
        }
        let authenticated = api.grouped(APITokenAuthenticator())
        StrategyAPIController().register(on: authenticated)
        MembersAPIController().register(on: authenticated)
        ProjectAPIController().register(on: authenticated)
        ImportAPIController().register(on: authenticated)
        CallAPIController().register(on: authenticated)
        PrioritizationAPIController().register(on: authenticated)
    }
}
