@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing
import Vapor

/// `/metrics` through real HTTP. The registry is one per process (swift-metrics bootstraps once), so the tests
/// compare a value before and after their own requests, never an absolute count.
@Suite("Metrics: the /metrics endpoint")
struct MetricsTests {
    static let access = MetricsAccess(token: TestClient.metricsToken)

    @Test("off unless configured: 404 like an unknown page")
    func offByDefault() async throws {
        try await withServer(demo: false) { server in
            let response = try await server.client().get("/metrics", headers: ["Authorization": "Bearer \(TestClient.metricsToken)"])
            #expect(response.status == .notFound)
            #expect(!response.body.contains("fahrplan_http_requests_total"))
        }
    }

    @Test("a missing or wrong token gets 401, the right one the Prometheus text")
    func token() async throws {
        try await withMetricsServer(Self.access) { server in
            let client = server.client()
            let missing = try await client.get("/metrics")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            try await #expect(client.get("/metrics", headers: ["Authorization": "Bearer wrong-token-0123456789abcdef"]).status == .unauthorized)
            try await #expect(client.get("/metrics", headers: ["Authorization": "Bearer \(TestClient.metricsToken)x"]).status == .unauthorized)
            try await #expect(client.get("/metrics", headers: ["Authorization": "Basic \(TestClient.metricsToken)"]).status == .unauthorized)
            #expect(!missing.body.contains("fahrplan_"))

            let right = try await client.get("/metrics", headers: ["Authorization": "Bearer \(TestClient.metricsToken)"])
            #expect(right.status == .ok)
            #expect(right.headers.first(name: "Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(right.body.contains("# TYPE fahrplan_http_requests_total counter"))
        }
    }

    @Test("requests count under the route's pattern, never the path asked for; unmatched paths share one label")
    func routePatterns() async throws {
        try await withMetricsServer(Self.access, demo: true) { server in
            let client = server.client()
            try await client.login(Fixtures.reader)
            let overview = try await client.get("/m/musterstadt")
            let goalID = try #require(overview.body.firstID(after: "/m/musterstadt/goals/"))
            let goal: [String: String] = ["method": "GET", "route": "/m/:municipality/goals/:element", "status": "2xx"]
            let unmatched: [String: String] = ["method": "GET", "route": "unmatched", "status": "4xx"]

            let before = try await client.metrics()
            try await #expect(client.get("/m/musterstadt/goals/\(goalID)").status == .ok)
            try await #expect(client.get("/no/such/page/secret-\(goalID)").status == .notFound)
            let after = try await client.metrics()

            #expect(after.value("fahrplan_http_requests_total", goal) >= before.value("fahrplan_http_requests_total", goal) + 1)
            #expect(after.value("fahrplan_http_requests_total", unmatched) >= before.value("fahrplan_http_requests_total", unmatched) + 1)
            #expect(after.value("fahrplan_http_request_duration_seconds_count", ["method": "GET", "route": "/m/:municipality/goals/:element"]) >= 1)
            #expect(after.text.contains("route=\"/m/:municipality\""))
            // No slug, id or token in any label.
            #expect(!after.text.contains(goalID))
            #expect(!after.text.contains("musterstadt"))
            #expect(!after.text.contains("secret-"))
        }
    }

    @Test("the rendered cache's hit counter rises when a cached page is asked for twice")
    func cacheHits() async throws {
        try await withMetricsServer(Self.access, demo: true) { server in
            let client = server.client()
            try await client.login(Fixtures.reader)
            let before = try await client.metrics()
            try await #expect(client.get("/m/musterstadt").status == .ok)
            try await #expect(client.get("/m/musterstadt").status == .ok)
            let after = try await client.metrics()
            let hits = "fahrplan_rendered_cache_hits_total", misses = "fahrplan_rendered_cache_misses_total"
            #expect(after.value(hits, ["kind": "entry"]) >= before.value(hits, ["kind": "entry"]) + 1)
            #expect(after.value(misses, ["kind": "entry"]) >= before.value(misses, ["kind": "entry"]))
        }
    }

    @Test("write transactions record how long they waited for a pooled connection")
    func connectionWait() async throws {
        try await withMetricsServer(Self.access, demo: true) { server in
            // Loading the demo wrote through writeTransaction.
            let text = try await server.client().metrics()
            #expect(text.value("fahrplan_db_connection_wait_seconds_count") >= 1)
            #expect(text.text.contains("fahrplan_db_connection_wait_seconds_bucket{le=\"0.0001\"}"))
        }
    }

    @Test("bound to an address: its peer may read without a token, others and proxied requests get 404")
    func address() async throws {
        try await withMetricsServer(MetricsAccess(addresses: ["127.0.0.1"])) { server in
            let client = server.client()
            try await #expect(client.get("/metrics").status == .ok)
            try await #expect(client.get("/metrics", headers: ["X-Forwarded-For": "127.0.0.1"]).status == .notFound)
            try await #expect(client.get("/metrics", headers: ["Forwarded": "for=127.0.0.1"]).status == .notFound)
        }
        try await withMetricsServer(MetricsAccess(addresses: ["10.9.8.7"])) { server in
            try await #expect(server.client().get("/metrics").status == .notFound)
        }
        // Both set: the address is not enough.
        try await withMetricsServer(MetricsAccess(token: TestClient.metricsToken, addresses: ["127.0.0.1"])) { server in
            let client = server.client()
            try await #expect(client.get("/metrics").status == .unauthorized)
            try await #expect(client.get("/metrics", headers: ["Authorization": "Bearer \(TestClient.metricsToken)"]).status == .ok)
        }
    }
}

@Suite("Metrics: configuration")
struct MetricsConfigurationTests {
    @Test("off when neither variable is set")
    func off() throws {
        let configuration = try AppConfiguration.fromEnvironment(["FAHRPLAN_METRICS_TOKEN": ""], workingDirectory: "/tmp")
        #expect(!configuration.metrics.isEnabled)
    }

    @Test("token and addresses are read; IPv6 and IPv4-mapped addresses are normalized")
    func parsed() throws {
        let configuration = try AppConfiguration.fromEnvironment(
            ["FAHRPLAN_METRICS_TOKEN": "0123456789abcdef0123", "FAHRPLAN_METRICS_ADDRESS": " 127.0.0.1 , ::1,::ffff:10.0.0.5"], workingDirectory: "/tmp")
        #expect(configuration.metrics.token == "0123456789abcdef0123")
        #expect(configuration.metrics.addresses == ["127.0.0.1", "::1", "10.0.0.5"])
        #expect(configuration.metrics.admits(peer: "::ffff:127.0.0.1", forwarded: false))
        #expect(!configuration.metrics.admits(peer: "127.0.0.1", forwarded: true))
        #expect(!configuration.metrics.admits(peer: "192.168.1.1", forwarded: false))
    }

    @Test("a short or odd token and a host name instead of an address stop start-up, naming the variable")
    func problems() {
        for (name, value) in [("FAHRPLAN_METRICS_TOKEN", "short"), ("FAHRPLAN_METRICS_TOKEN", "has spaces in it 0123456789"),
                              ("FAHRPLAN_METRICS_ADDRESS", "localhost"), ("FAHRPLAN_METRICS_ADDRESS", "127.0.0.1,")] {
            do {
                _ = try AppConfiguration.fromEnvironment([name: value], workingDirectory: "/tmp")
                Issue.record("\(name)=\(value) was accepted")
            } catch {
                let message = String(describing: error)
                #expect(message.contains(name))
                // The token is a secret: the message tells its length, not its text.
                if name == "FAHRPLAN_METRICS_TOKEN" { #expect(!message.contains(value)) }
            }
        }
    }
}

@Suite("Metrics: route series")
struct RouteSeriesTests {
    @Test("one set of metric objects per route and status class, labelled with the pattern; unknown methods are OTHER")
    func cached() async throws {
        FahrplanMetrics.bootstrapOnce()
        let app = try await Application.make(.testing)
        let route = app.get("m", ":municipality", "projects", ":project") { _ in "" }
        let series = RouteSeries()
        #expect(RouteSeries.pattern(route) == "/m/:municipality/projects/:project")

        let (first, firstTimer) = series.metrics(route: route, status: 200)
        let (second, secondTimer) = series.metrics(route: route, status: 204)
        #expect(first === second && firstTimer === secondTimer)
        #expect(first.dimensions.map { "\($0.0)=\($0.1)" } == ["method=GET", "route=/m/:municipality/projects/:project", "status=2xx"])
        let (notFound, _) = series.metrics(route: route, status: 404)
        #expect(notFound !== first)

        let (brew, _) = series.metrics(route: nil, method: .RAW(value: "BREW"), path: "/coffee/123", status: 418)
        #expect(brew.dimensions.map { "\($0.0)=\($0.1)" } == ["method=OTHER", "route=unmatched", "status=4xx"])
        let (again, _) = series.metrics(route: nil, method: .RAW(value: "STEEP"), path: "/tea/456", status: 404)
        #expect(again === brew)
        let (file, _) = series.metrics(route: nil, method: .GET, path: "/static/app.css", status: 200)
        #expect(file.dimensions.map { "\($0.0)=\($0.1)" } == ["method=GET", "route=/static/**", "status=2xx"])
        try await app.asyncShutdown()
    }
}
