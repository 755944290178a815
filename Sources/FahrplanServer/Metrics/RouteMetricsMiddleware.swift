import Foundation
import Metrics
import NIOConcurrencyHelpers
import Vapor

/// Counts every request by route pattern, method and status class, and times it by route pattern and method.
///
/// The label is the route's pattern (`/m/:municipality/projects/:project`), never the path asked for: no slug,
/// id or token reaches a label, and the number of series is bounded by the routes. Requests no route matched
/// share one label. Vapor has matched the route before any middleware runs (`request.route`), so this can sit
/// outermost. The metric objects are made once per route and status class and kept; a request costs one lock,
/// one dictionary look-up, an atomic add and a histogram update.
struct RouteMetricsMiddleware: Middleware {
    let series = RouteSeries()

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = DispatchTime.now().uptimeNanoseconds
        return next.respond(to: request).always { result in
            switch result {
            case .success(let response): record(request, status: response.status.code, start: start)
            // Only an error no inner middleware turned into a page reaches here; the client sees a 500.
            case .failure: record(request, status: 500, start: start)
            }
        }
    }

    private func record(_ request: Request, status: UInt, start: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds &- start
        let route = request.route
        // The path (parsed from the URI, a new string) and the method are only needed when no route matched.
        let (counter, timer) = route.map { series.metrics(route: $0, status: status) }
            ?? series.metrics(route: nil, method: request.method, path: request.url.path, status: status)
        counter.increment()
        timer.recordNanoseconds(Int64(clamping: elapsed))
    }
}

/// The metric objects per route, made on a route's first request and kept for the application's life.
final class RouteSeries: Sendable {
    /// A route by identity, or for requests without one, which kind (static file or unmatched) and method.
    private struct Key: Hashable {
        let route: ObjectIdentifier?
        let other: Int
    }

    private final class Entry: @unchecked Sendable {
        let method: String
        let route: String
        let duration: Metrics.Timer
        /// By status class 1xx…5xx; made on first use, only under `RouteSeries.state`'s lock.
        var requests: [Metrics.Counter?] = Array(repeating: nil, count: 5)

        init(method: String, route: String) {
            self.method = method; self.route = route
            duration = Metrics.Timer(label: FahrplanMetrics.requestDuration, dimensions: [("method", method), ("route", route)])
        }
    }

    /// The label of requests that matched no route: one series, however many paths are tried.
    static let unmatched = "unmatched"
    /// Files under /static/, which FileMiddleware serves without a route.
    static let staticFiles = "/static/**"
    private static let methods: [HTTPMethod] = [.GET, .HEAD, .POST, .PUT, .PATCH, .DELETE, .OPTIONS]
    private static let statusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"]

    // The routes a request can match are kept alive by the application, and this object lives exactly as long:
    // an `ObjectIdentifier` cannot be reused for another route meanwhile.
    private let state = NIOLockedValueBox<[Key: Entry]>([:])

    /// The pattern of a route as written at registration: `/m/:municipality/projects/:project`.
    static func pattern(_ route: Route) -> String {
        "/" + route.path.map(\.description).joined(separator: "/")
    }

    func metrics(route: Route?, method: HTTPMethod = .GET, path: String = "", status: UInt) -> (Metrics.Counter, Metrics.Timer) {
        let statusIndex = min(max(Int(status / 100), 1), 5) - 1
        let key: Key
        if let route {
            key = Key(route: ObjectIdentifier(route), other: 0)
        } else {
            // An unknown method is client-chosen text: it joins the others as "OTHER" instead of becoming a label.
            let methodIndex = Self.methods.firstIndex(of: method) ?? Self.methods.count
            key = Key(route: nil, other: (path.hasPrefix("/static/") ? 100 : 200) + methodIndex)
        }
        return state.withLockedValue { entries in
            let entry: Entry
            if let found = entries[key] {
                entry = found
            } else if let route {
                entry = Entry(method: route.method.rawValue, route: Self.pattern(route))
                entries[key] = entry
            } else {
                let methodIndex = key.other % 100
                entry = Entry(method: methodIndex < Self.methods.count ? Self.methods[methodIndex].rawValue : "OTHER",
                              route: key.other >= 200 ? Self.unmatched : Self.staticFiles)
                entries[key] = entry
            }
            if let counter = entry.requests[statusIndex] { return (counter, entry.duration) }
            let counter = Metrics.Counter(label: FahrplanMetrics.requests,
                                  dimensions: [("method", entry.method), ("route", entry.route), ("status", Self.statusClasses[statusIndex])])
            entry.requests[statusIndex] = counter
            return (counter, entry.duration)
        }
    }
}
