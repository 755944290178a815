import Metrics
import Prometheus
import Vapor

/// The process's metrics: one Prometheus registry behind swift-metrics, bootstrapped once per process.
///
/// `MetricsSystem.bootstrap` may be called only once in a program, while the tests make hundreds of applications
/// in one process: so the registry is process-wide and every application counts into it (tests compare a value
/// before and after, never an absolute count). Code below this layer (`RenderedCache`, `writeTransaction`) counts
/// through the plain swift-metrics API and names no type of this folder.
enum FahrplanMetrics {
    static let registry = PrometheusCollectorRegistry()

    /// Metric names (docs/operations.md lists them with their labels).
    static let requests = "fahrplan_http_requests_total"
    static let requestDuration = "fahrplan_http_request_duration_seconds"
    static let connectionWait = "fahrplan_db_connection_wait_seconds"

    static let factory: PrometheusMetricsFactory = {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages answer in a few milliseconds: the default buckets start at 5 ms and would put almost every request in one.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(10),
        ]
        // A free connection is handed over in microseconds; a wait shows as anything from a millisecond to the pool timeout.
        factory.durationHistogramBuckets[connectionWait] = [
            .microseconds(100), .milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
            .milliseconds(500), .seconds(2), .seconds(10), .seconds(30),
        ]
        return factory
    }()

    /// A static `let` runs its initializer exactly once, thread-safely: the one bootstrap of this process.
    private static let bootstrapped: Void = MetricsSystem.bootstrap(factory)

    /// Call before any metric object is made: one made earlier stays bound to swift-metrics' no-op handler.
    static func bootstrapOnce() { _ = bootstrapped }

    /// The text a scraper reads (Prometheus text exposition format 0.0.4).
    static func exposition() -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16_384)
        registry.emit(into: &bytes)
        return ByteBuffer(bytes: bytes)
    }
}

extension Application {
    /// Sets up counting for this application (configure.swift): the one bootstrap of the process, and Vapor's own
    /// request metrics switched off — they make fresh counters with fresh label arrays on every request and
    /// would count each request a second time under other names.
    func useFahrplanMetrics() {
        FahrplanMetrics.bootstrapOnce()
        http.server.configuration.reportMetrics = false
    }
}
