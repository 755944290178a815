import FahrplanCore
import NIOConcurrencyHelpers
import Fluent
import Vapor

/// One failed login: the hashed login name (whether or not such an account exists), the client address and
/// the time. A row per failure rather than a counter per name: parallel failures are plain inserts that
/// cannot collide or overwrite each other, and the sliding windows of `LoginThrottlePolicy` read straight
/// from the rows.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "login_key") var loginKey: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(loginKey: String, clientAddress: String, occurredAt: Date) {
        self.loginKey = loginKey; self.clientAddress = clientAddress; self.occurredAt = occurredAt
    }

    var properties: [any AnyProperty] { [_id, _loginKey, _clientAddress, _occurredAt] }
}

/// Reads and writes the failures the login throttle decides on.
struct LoginThrottleStore {
    var db: any Database
    var policy: LoginThrottlePolicy
    var clock: LoginThrottleClock = .system

    init(db: any Database, policy: LoginThrottlePolicy) { self.db = db; self.policy = policy }
    init(_ req: Request) {
        self.init(db: req.db, policy: req.application.loginThrottle)
        clock = req.application.loginThrottleClock
    }

    /// The moment an attempt is judged and its failure recorded at.
    func now() -> Date { clock.now() }

    /// The name is hashed: the table must not become a list of the addresses people tried.
    static func loginKey(_ email: String) -> String { Secrets.sha256("login:" + email) }

    /// The newest failures that can matter for an attempt at `now`, per level.
    func recentFailures(loginKey: String, clientAddress: String, now: Date) async throws -> LoginThrottlePolicy.Failures {
        func newest(_ window: TimeInterval, _ count: Int, _ scope: (QueryBuilder<LoginFailure>) -> QueryBuilder<LoginFailure>) async throws -> [Date] {
            guard count > 0 else { return [] }
            return try await scope(LoginFailure.query(on: db)).filter(\.$occurredAt > now.addingTimeInterval(-window))
                .sort(\.$occurredAt, .descending).limit(count).all(\.$occurredAt)
        }
        return LoginThrottlePolicy.Failures(
            account: try await newest(policy.failureWindow, policy.accountSample) { $0.filter(\.$loginKey == loginKey) },
            address: try await newest(policy.addressWindow, policy.addressLimit) { $0.filter(\.$clientAddress == clientAddress) },
            installation: try await newest(policy.installationWindow, policy.installationLimit) { $0 })
    }

    func recordFailure(loginKey: String, clientAddress: String, at date: Date) async throws {
        try await LoginFailure(loginKey: loginKey, clientAddress: String(clientAddress.prefix(100)), occurredAt: date).create(on: db)
    }

    /// Forgets the failures of one login name (after a correct login, an invitation, an administrator's reset).
    /// The address and installation levels keep counting them: they are about the attacker, not the account.
    func clear(loginKey: String) async throws {
        try await LoginFailure.query(on: db).filter(\.$loginKey == loginKey).delete()
    }

    /// Failures that no window counts any more; swept at each login, so no scheduler is needed.
    func removeStale(now: Date) async throws {
        let longest = max(policy.failureWindow, policy.addressWindow, policy.installationWindow, 24 * 3600)
        try await LoginFailure.query(on: db).filter(\.$occurredAt < now.addingTimeInterval(-longest)).delete()
    }
}

/// The time the login throttle counts by: the system's, or (tests) one that moves only when told, so that a
/// stalled machine cannot let a pause run out, or a window pass, in the middle of a test.
final class LoginThrottleClock: Sendable {
    static let system = LoginThrottleClock()
    private let fixed: NIOLockedValueBox<Date?>

    init(fixedAt date: Date? = nil) { fixed = NIOLockedValueBox(date) }

    func now() -> Date { fixed.withLockedValue { $0 } ?? Date() }

    /// Only for a clock made with a fixed time; the system clock moves by itself.
    func advance(by seconds: TimeInterval) { fixed.withLockedValue { $0 = $0?.addingTimeInterval(seconds) } }
}

extension Application {
    private struct LoginThrottleKey: StorageKey { typealias Value = LoginThrottlePolicy }
    private struct LoginThrottleClockKey: StorageKey { typealias Value = LoginThrottleClock }

    /// Set before the server starts (tests), read by requests.
    var loginThrottleClock: LoginThrottleClock {
        get { storage[LoginThrottleClockKey.self] ?? .system }
        set { storage[LoginThrottleClockKey.self] = newValue }
    }

    /// How logins slow down after wrong passwords: from the environment (`AppConfiguration.loginThrottle`),
    /// or set directly, so that tests on a loaded machine can use pauses longer than their slowest request.
    public var loginThrottle: LoginThrottlePolicy {
        get { storage[LoginThrottleKey.self] ?? fahrplanConfiguration.loginThrottle }
        set { storage[LoginThrottleKey.self] = newValue }
    }
}
