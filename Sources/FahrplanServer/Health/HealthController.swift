import Fluent
import SQLKit
import Vapor

/// Liveness and readiness for load balancers and orchestrators.
struct HealthController {
    func register(on routes: any RoutesBuilder) {
        routes.get("healthz") { _ in Response(status: .ok, body: "ok\n") }
        routes.get("readyz") { req async -> Response in
            do {
                guard let sql = req.db as? any SQLDatabase else { return Response(status: .serviceUnavailable) }
                try await sql.raw("SELECT 1").run()
                return Response(status: .ok, body: "ready\n")
            } catch {
                req.logger.warning("readiness check failed: \(String(reflecting: error))")
                return Response(status: .serviceUnavailable, body: "database unavailable\n")
            }
        }
    }
}
