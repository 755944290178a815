import FahrplanCore
import Fluent
import Foundation
import SQLKit
import Vapor

/// `fahrplan demo --municipalities N --projects M`: fills the database with N generated municipalities of a
/// realistic shape (units, strategy frame with KPIs, M projects, a prioritization round rated by several raters,
/// logins with memberships, audit trail) for benchmarks at the size of an IT service provider. One transaction
/// per municipality; rows in batched INSERTs; the prioritization through the app's own services. Municipalities
/// whose slug exists already are skipped, so 10 and then 1,000 adds 990. The content is deterministic for a seed
/// (ids are random, as in the app).
public enum ScaleGenerator {
    public struct Options: Sendable {
        public var municipalities: Int
        public var projects: Int
        /// Projects in each municipality's round (at most `projects`).
        public var roundProjects: Int
        public var raters: Int
        public var seed: UInt64
        /// Slugs are `<prefix>-0001` …
        public var slugPrefix: String
        /// Municipalities written at the same time (PostgreSQL; SQLite writes one at a time anyway).
        public var jobs: Int
        public var password: String

        public init(municipalities: Int, projects: Int, roundProjects: Int? = nil, raters: Int = 3, seed: UInt64 = 19,
                    slugPrefix: String = "scale", jobs: Int = 1, password: String) {
            self.municipalities = municipalities
            self.projects = projects
            self.roundProjects = min(projects, roundProjects ?? min(projects, 100))
            self.raters = raters
            self.seed = seed
            self.slugPrefix = slugPrefix
            self.jobs = max(1, jobs)
            self.password = password
        }

        public func slug(_ index: Int) -> String { "\(slugPrefix)-" + String(format: "%04d", index) }
        /// The strategy team's login of a generated municipality (the raters are rater01@…, the reader reader@…).
        public static func teamEmail(slug: String) -> String { "team@\(slug).example" }
        public static func raterEmail(slug: String, _ number: Int) -> String { "rater" + String(format: "%02d", number) + "@\(slug).example" }
        public static func readerEmail(slug: String) -> String { "reader@\(slug).example" }
        public static func leadEmail(slug: String) -> String { "lead@\(slug).example" }
    }

    public struct Counts: Sendable {
        public var municipalities = 0, skipped = 0, departments = 0, strategyElements = 0, kpis = 0, measurements = 0
        public var projects = 0, roundProjects = 0, ratings = 0, users = 0, memberships = 0, auditEvents = 0

        mutating func add(_ other: Counts) {
            municipalities += other.municipalities; skipped += other.skipped; departments += other.departments
            strategyElements += other.strategyElements; kpis += other.kpis; measurements += other.measurements
            projects += other.projects; roundProjects += other.roundProjects; ratings += other.ratings; users += other.users
            memberships += other.memberships; auditEvents += other.auditEvents
        }
    }

    public struct Summary: Sendable {
        public var counts: Counts
        public var seconds: Double

        public var lines: [String] {
            let c = counts
            return ["Generated \(c.municipalities) municipalities (\(c.skipped) already there, skipped) in " + String(format: "%.1f s", seconds),
                    "  units \(c.departments), strategy elements \(c.strategyElements), KPIs \(c.kpis) with \(c.measurements) measurements",
                    "  projects \(c.projects), round projects \(c.roundProjects), ratings \(c.ratings)",
                    "  users \(c.users), memberships \(c.memberships), audit events \(c.auditEvents)"]
        }
    }

    /// Writes the municipalities; `progress` gets a line now and then (every municipality when there are few).
    public static func run(_ app: Application, options: Options, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let started = Date()
        // One hash for every generated login: hashing is deliberately slow, and 10,000 of them would take longer
        // than the data itself.
        let hash = try await app.password.async.hash(options.password)
        let jobs = app.db.scaleIsSQLite ? 1 : options.jobs
        let step = max(1, options.municipalities / 20)
        var total = Counts()
        var next = 1
        var done = 0
        try await withThrowingTaskGroup(of: Counts.self) { group in
            func start(_ index: Int) {
                group.addTask {
                    try await ScaleMunicipalityWriter(app: app, options: options, index: index, passwordHash: hash).write()
                }
            }
            while next <= min(jobs, options.municipalities) { start(next); next += 1 }
            while let counts = try await group.next() {
                total.add(counts)
                done += 1
                if done % step == 0 || done == options.municipalities {
                    let elapsed = Date().timeIntervalSince(started)
                    progress(String(format: "  %d/%d municipalities, %d projects, %d ratings, %.1f s", done, options.municipalities,
                                    total.projects, total.ratings, elapsed))
                }
                if next <= options.municipalities { start(next); next += 1 }
            }
        }
        return Summary(counts: total, seconds: Date().timeIntervalSince(started))
    }
}

extension Database {
    var scaleIsSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }
}
