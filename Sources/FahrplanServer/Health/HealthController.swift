import Fluent
import SQLKit
import Vapor

/// Liveness and readiness for load balancers and orchestrators.
struct HealthController {
    func register(on routes: any RoutesBuilder) {
        routes.sitePages.get(.health) { _ in Response(status: .ok, body: "ok\n") }
        routes.sitePages.get(.readiness) { req async -> Response in
            do {
                guard let sql = req.db as? any SQLDatabase else { return Response(status: .serviceUnavailable) }
                // Ready means: the database answers and its schema is the one this binary expects.
                struct Count: Decodable { var count: Int }
                let applied = try await sql.raw("SELECT COUNT(*) AS count FROM _fluent_migrations").first(decoding: Count.self)?.count ?? 0
                guard applied >= FahrplanMigrations.all.count else {
                    return Response(status: .serviceUnavailable, body: .init(string: "database schema not migrated (\(applied) of \(FahrplanMigrations.all.count))\n"))
                }
                return Response(status: .ok, body: "ready\n")
            } catch {
                req.logger.warning("readiness check failed: \(String(reflecting: error))")
                return Response(status: .serviceUnavailable, body: "database unavailable\n")
            }
        }
    }
}
