import AsyncHTTPClient
@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Vapor

/// Like `withServer`, with the metrics settings given: they are read when the routes are registered, so they must
/// be in the configuration before `configure` runs.
func withMetricsServer(_ access: MetricsAccess, demo: Bool = false, _ body: (TestServer) async throws -> Void) async throws {
    let (database, cleanup) = try await TestDatabase.make()
    var configuration = TestDatabase.configuration(database)
    configuration.metrics = access
    let app = try await Operations.makeApplication(configuration: configuration, environment: .testing, passwordCost: 4)
    let http = HTTPClient(eventLoopGroupProvider: .singleton,
                          configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .minutes(5), read: nil)))
    app.logger.logLevel = .warning
    do {
        try await app.autoMigrate()
        if demo { _ = try await DemoLoader.load(on: app, password: TestServer.demoPassword) }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
        try await body(TestServer(app: app, baseURL: "http://127.0.0.1:\(port)", http: http))
    } catch {
        await app.server.shutdown()
        try? await http.shutdown()
        try? await app.asyncShutdown()
        await cleanup()
        throw error
    }
    await app.server.shutdown()
    try await http.shutdown()
    try await app.asyncShutdown()
    await cleanup()
}

/// Prometheus text as a test reads it.
struct MetricsText {
    let text: String

    /// The value of the sample `name{labels…}` whose labels include all of `labels` (0 when there is none yet).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let matches = labels.allSatisfy { line.contains("\($0.key)=\"\($0.value)\"") }
            if matches, let last = line.split(separator: " ").last, let number = Double(last) { return number }
        }
        return 0
    }
}

extension TestClient {
    static let metricsToken = "test-metrics-token-0123456789abcdef"

    func metrics(token: String? = TestClient.metricsToken) async throws -> MetricsText {
        let response = try await get("/metrics", headers: token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
        guard response.status == .ok else { throw Abort(response.status, reason: "GET /metrics: \(response.body.prefix(200))") }
        return MetricsText(text: response.body)
    }
}
