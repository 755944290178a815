import NIOConcurrencyHelpers
import Vapor

/// Refuses a body that announces (`Content-Length`) more than its route accepts before a byte of it is read:
/// a 100 MB upload to a 25 MB route is answered 413 at once instead of after reading 25 MB. Routes that
/// accept more than the default say so in `Route.userInfo[BodyLimits.routeKey]`. Bodies without a
/// length (chunked) are cut at the same limit while they are collected (`BodyLimits.limit(for:)`).
struct BodyLimitMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if let announced = request.headers.first(name: .contentLength).flatMap(Int.init),
           announced > BodyLimits.routeLimit(for: request) {
            return request.eventLoop.makeFailedFuture(Abort(.payloadTooLarge))
        }
        return next.respond(to: request)
    }
}

/// Before sign-in nothing needs more than a login form: a person without a session (and no API token, which
/// the API checks before it reads a body) can make the server read at most `anonymous` bytes.
struct AnonymousBodyLimitMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.currentUser == nil, let announced = request.headers.first(name: .contentLength).flatMap(Int.init),
           announced > BodyLimits.anonymous {
            return request.eventLoop.makeFailedFuture(Abort(.payloadTooLarge))
        }
        return next.respond(to: request)
    }
}

enum BodyLimits {
    /// `Route.userInfo` key under which a route that accepts more than the default names its limit in bytes.
    static let routeKey = "fahrplan.maxBodySize"
    static let anonymous = 64 * 1024

    static func routeLimit(for request: Request) -> Int {
        request.route?.userInfo[BodyLimits.routeKey] as? Int ?? request.application.routes.defaultMaxBodySize.value
    }

    /// What a browser request may make the server collect: the route's limit, and before sign-in the anonymous one.
    static func limit(for request: Request) -> Int {
        request.currentUser == nil ? min(anonymous, routeLimit(for: request)) : routeLimit(for: request)
    }
}

/// Counts the requests being answered, so that shutting the application down waits for them: a handler that is
/// still running when the application's services are gone (its client gave up, the server stopped listening)
/// would otherwise reach for the view renderer or the database after they were torn down and stop the process.
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }
    func begin() { count.withLockedValue { $0 += 1 } }
    func end() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is being answered, or `limit` has passed (then says so in the log).
    func waitUntilIdle(limit: Duration, logger: Logger) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while current > 0 {
            guard clock.now < deadline else {
                logger.warning("shutting down with requests still running", metadata: ["requests": "\(current)"])
                return
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct InFlightRequestMiddleware: Middleware {
    let requests: InFlightRequests

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        requests.begin()
        return next.respond(to: request).always { _ in requests.end() }
    }
}

/// Runs first when the application shuts down (it is registered last): waits for running requests before the
/// other services stop.
struct AwaitInFlightRequests: LifecycleHandler {
    let requests: InFlightRequests
    /// Long enough for any request Fahrplan answers (the largest import, a Monte-Carlo run), short enough that a
    /// stuck handler cannot keep a stopping server alive forever.
    static let limit: Duration = .seconds(120)

    func shutdownAsync(_ application: Application) async {
        await requests.waitUntilIdle(limit: Self.limit, logger: application.logger)
    }
}

extension Application {
    private struct InFlightKey: StorageKey { typealias Value = InFlightRequests }

    var inFlightRequests: InFlightRequests {
        if let existing = storage[InFlightKey.self] { return existing }
        let created = InFlightRequests()
        storage[InFlightKey.self] = created
        return created
    }
}
