import FahrplanCore
import Foundation

/// Settings from the environment. A half-set or malformed configuration stops start-up with a message
/// instead of silently falling back to something else.
public struct AppConfiguration: Sendable {
    public enum Database: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var database: Database
    /// Sets the cookie's Secure flag; on by default when the public URL is https.
    public var secureCookies: Bool
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`FAHRPLAN_TRUSTED_PROXIES`, comma-separated).
    public var trustedProxies: Set<String> = []
    /// Limits on failed logins (`FAHRPLAN_LOGIN_*`, see docs/operations.md).
    public var loginThrottle = LoginThrottlePolicy()
    /// How long a request waits for a free PostgreSQL connection, or on SQLite for the write lock, before it fails
    /// (`FAHRPLAN_DB_POOL_TIMEOUT`, seconds).
    public var databasePoolTimeout: TimeInterval = 30
    /// Answers per client address and Quick-Check round in a window (`FAHRPLAN_SURVEY_RATE_LIMIT`, `…_WINDOW` seconds).
    public var surveyRateLimit = SurveyRateLimit()
    /// Who may read /metrics (`FAHRPLAN_METRICS_TOKEN`, `FAHRPLAN_METRICS_ADDRESS`); off when neither is set.
    public var metrics = MetricsAccess()
    /// How long a process answers the public portal from what it knows before it reads the municipality's version
    /// again (`FAHRPLAN_PORTAL_REVALIDATE`, whole seconds, 0 = on every request).
    public var portalRevalidateSeconds: Int = 1
    /// How long a process keeps what a public Quick-Check link opens (`FAHRPLAN_SURVEY_LINK_CACHE`, whole seconds,
    /// 0 = read on every request); see `SurveyTargetCache`.
    public var surveyLinkCacheSeconds: Int = 1

    public static let defaultSQLiteFile = "fahrplan.sqlite"

    public init(database: Database, secureCookies: Bool = false) {
        self.database = database; self.secureCookies = secureCookies
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> AppConfiguration {
        let database = try parseDatabaseURL(environment["DATABASE_URL"], workingDirectory: workingDirectory)
        let publicURL = environment["FAHRPLAN_PUBLIC_URL"] ?? ""
        let secure = environment["FAHRPLAN_SECURE_COOKIES"].map { ["1", "true", "yes"].contains($0.lowercased()) }
            ?? publicURL.lowercased().hasPrefix("https://")
        var configuration = AppConfiguration(database: database, secureCookies: secure)
        configuration.trustedProxies = Set((environment["FAHRPLAN_TRUSTED_PROXIES"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        configuration.loginThrottle = try parseLoginThrottle(environment)
        if let raw = environment["FAHRPLAN_DB_POOL_TIMEOUT"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let seconds = Int(raw), (1...3600).contains(seconds) else {
                throw Problem(description: "FAHRPLAN_DB_POOL_TIMEOUT must be a whole number of seconds from 1 to 3600 (got \(raw.prefix(20)))")
            }
            configuration.databasePoolTimeout = TimeInterval(seconds)
        }
        configuration.surveyRateLimit = try parseSurveyRateLimit(environment)
        configuration.metrics = try MetricsAccess.parse(environment)
        if let raw = environment["FAHRPLAN_PORTAL_REVALIDATE"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let seconds = Int(raw), (0...300).contains(seconds) else {
                throw Problem(description: "FAHRPLAN_PORTAL_REVALIDATE must be a whole number of seconds from 0 to 300 (got \(raw.prefix(20)))")
            }
            configuration.portalRevalidateSeconds = seconds
        }
        if let raw = environment["FAHRPLAN_SURVEY_LINK_CACHE"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let seconds = Int(raw), (0...300).contains(seconds) else {
                throw Problem(description: "FAHRPLAN_SURVEY_LINK_CACHE must be a whole number of seconds from 0 to 300 (got \(raw.prefix(20)))")
            }
            configuration.surveyLinkCacheSeconds = seconds
        }
        return configuration
    }

    /// `FAHRPLAN_SURVEY_RATE_LIMIT` (answers, 0 = no limit) and `FAHRPLAN_SURVEY_RATE_WINDOW` (seconds); see docs/operations.md.
    public static func parseSurveyRateLimit(_ environment: [String: String]) throws -> SurveyRateLimit {
        var limit = SurveyRateLimit()
        if let raw = environment["FAHRPLAN_SURVEY_RATE_LIMIT"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let value = Int(raw), (0...10_000_000).contains(value) else {
                throw Problem(description: "FAHRPLAN_SURVEY_RATE_LIMIT must be a whole number from 0 (no limit) to 10000000 (got \(raw.prefix(20)))")
            }
            limit.limit = value
        }
        if let raw = environment["FAHRPLAN_SURVEY_RATE_WINDOW"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard let value = Int(raw), (1...86_400).contains(value) else {
                throw Problem(description: "FAHRPLAN_SURVEY_RATE_WINDOW must be a whole number of seconds from 1 to 86400 (got \(raw.prefix(20)))")
            }
            limit.window = TimeInterval(value)
        }
        return limit
    }

    /// Each `FAHRPLAN_LOGIN_*` variable overrides one default; a limit of 0 switches that ceiling off.
    public static func parseLoginThrottle(_ environment: [String: String]) throws -> LoginThrottlePolicy {
        var policy = LoginThrottlePolicy()
        func number(_ name: String, minimum: Int) throws -> Int? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let value = Int(raw), value >= minimum, value <= 10_000_000 else {
                throw Problem(description: "\(name) must be a whole number of at least \(minimum) (got \(raw.prefix(20)))")
            }
            return value
        }
        if let value = try number("FAHRPLAN_LOGIN_FREE_ATTEMPTS", minimum: 1) { policy.freeAttempts = value }
        if let value = try number("FAHRPLAN_LOGIN_MAX_PAUSE", minimum: 1) { policy.maxDelay = TimeInterval(value) }
        if let value = try number("FAHRPLAN_LOGIN_FAILURE_WINDOW", minimum: 1) { policy.failureWindow = TimeInterval(value) }
        if let value = try number("FAHRPLAN_LOGIN_ADDRESS_LIMIT", minimum: 0) { policy.addressLimit = value }
        if let value = try number("FAHRPLAN_LOGIN_ADDRESS_WINDOW", minimum: 1) { policy.addressWindow = TimeInterval(value) }
        if let value = try number("FAHRPLAN_LOGIN_INSTALLATION_LIMIT", minimum: 0) { policy.installationLimit = value }
        if let value = try number("FAHRPLAN_LOGIN_INSTALLATION_WINDOW", minimum: 1) { policy.installationWindow = TimeInterval(value) }
        return policy
    }

    public static func parseDatabaseURL(_ raw: String?, workingDirectory: String) throws -> Database {
        guard let raw, !raw.isEmpty else {
            return .sqlite(path: (workingDirectory as NSString).appendingPathComponent(defaultSQLiteFile))
        }
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard path.hasPrefix("/"), path.count > 1 else {
                throw Problem(description: "DATABASE_URL: a SQLite URL needs an absolute path, e.g. sqlite:///var/lib/fahrplan/fahrplan.sqlite (got \(raw))")
            }
            return .sqlite(path: path)
        }
        if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: raw), let host = components.host, !host.isEmpty else {
                throw Problem(description: "DATABASE_URL: the PostgreSQL URL has no host; expected postgres://user:password@host:port/database")
            }
            let databaseName = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            guard components.user?.isEmpty == false, !databaseName.isEmpty else {
                throw Problem(description: "DATABASE_URL: the PostgreSQL URL must name a user and a database; expected postgres://user:password@host:port/database")
            }
            return .postgres(url: raw)
        }
        throw Problem(description: "DATABASE_URL must start with sqlite:/// or postgres:// (got \(raw.prefix(20))…)")
    }
}
