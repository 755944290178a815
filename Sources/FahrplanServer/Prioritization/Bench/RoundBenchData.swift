import FahrplanCore
import Fluent
import Foundation
import Vapor

/// What `fahrplan bench-data round` wrote, as lines for the benchmark's output.
public struct RoundBenchDataSummary: Sendable {
    public var roundID: UUID
    public var projects: Int
    public var raters: Int
    public var ratings: Int
    public var raterEmail: String
    public var seconds: Double

    public var lines: [String] {
        ["round: \(roundID.uuidString)",
         "rater: \(raterEmail)",
         "round projects: \(projects), raters: \(raters), ratings: \(ratings)",
         String(format: "written in %.1f s", seconds)]
    }
}

extension Operations {
    /// A big prioritization round for benchmarks/round-pages-http.sh (see `RoundBenchData`).
    public static func generateRoundBenchData(_ app: Application, municipalitySlug: String, roundProjects: Int, raters: Int,
                                              seed: UInt64) async throws -> RoundBenchDataSummary {
        try await RoundBenchData.generate(app, slug: municipalitySlug, roundProjects: roundProjects, raters: raters, seed: seed)
    }
}

/// A round over the municipality's first `roundProjects` projects (by code) rated by `raters` new raters
/// (bench-rater01@… with the strategy team's password): created, scoped and opened through `RoundService` like
/// the UI does; the scores are written in large batches (the rating form has its own figures). Raters 2… have
/// scored everything and submitted; rater 1 — the one the benchmark's rating page is for — has scored 60 %, so
/// the page has unrated projects. Deterministic for a seed.
enum RoundBenchData {
    static func generate(_ app: Application, slug: String, roundProjects: Int, raters raterCount: Int, seed: UInt64) async throws
        -> RoundBenchDataSummary {
        let started = Date()
        let db = app.db
        guard let municipality = try await Municipality.query(on: db).filter(\.$slug == slug).first(), let municipalityID = municipality.id else {
            throw AppConfiguration.Problem(description: "No municipality with the slug \(slug).")
        }
        let memberships = try await Membership.query(on: db).filter(\.$municipality.$id == municipalityID).with(\.$user).all()
        guard let lead = memberships.first(where: { $0.role == MunicipalRole.strategyTeam.rawValue })?.user else {
            throw AppConfiguration.Problem(description: "The municipality \(slug) has no strategy team member.")
        }
        let calendar = app.municipalCalendar
        let context = MunicipalityContext(municipality: municipality, municipalityID: municipalityID, user: CurrentUser(lead),
                                          role: .strategyTeam, permissions: Permissions(role: .strategyTeam, isInstallationAdmin: false),
                                          calendar: calendar)
        var raters: [User] = []
        for number in 1...max(1, raterCount) {
            let email = "bench-rater" + String(format: "%02d", number) + "@\(slug).example"
            let user = User(email: email, displayName: "Bewertung \(number)", passwordHash: lead.passwordHash)
            try await user.create(on: db)
            try await Membership(userID: user.requireID(), municipalityID: municipalityID, role: MunicipalRole.rater.rawValue).create(on: db)
            raters.append(user)
        }
        let projects = try await Project.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$code).field(\.$id).field(\.$code).rows()
            .map { try $0.schema(Project.schema).decode("id", as: UUID.self) }
        let inScope = Array(projects.prefix(roundProjects))
        let service = RoundService(db: db, context: context)
        let round = try await service.create(RoundInput(
            title: "Benchmark-Runde (\(inScope.count) Projekte)", description: "Erzeugt von fahrplan bench-data round.",
            aggregation: Aggregation.median.rawValue, topN: "25",
            projectIDs: inScope.map(\.uuidString), raterIDs: raters.compactMap { $0.id?.uuidString }))
        try await service.open(round)
        let roundID = try round.requireID()
        let criteria = try await service.criteria(of: round).filter { $0.criterion.source == .rating }

        var random = SplitMix64(seed: seed)
        var ratings: [Rating] = []
        let now = Date()
        for (raterIndex, rater) in raters.enumerated() {
            let share = raterIndex == 0 ? inScope.count * 6 / 10 : inScope.count
            for (projectIndex, project) in inScope.prefix(share).enumerated() {
                for criterion in criteria {
                    let levels = criterion.criterion.levels.map(\.value)
                    guard !levels.isEmpty else { continue }
                    // Projects lean by their position; raters disagree now and then (disputed scores).
                    let lean = Double(projectIndex % 7) / 6
                    let index = min(levels.count - 1, max(0, Int((lean * Double(levels.count - 1) + (random.uniform() - 0.5) * 2.4).rounded())))
                    let rating = Rating()
                    rating.id = UUID()
                    rating.$municipality.id = municipalityID
                    rating.$round.id = roundID
                    rating.$project.id = project
                    rating.$criterion.id = try criterion.requireID()
                    rating.$rater.id = try rater.requireID()
                    rating.score = levels[index]
                    rating.justification = random.uniform() < 0.1 ? "Begründung \(projectIndex) von Bewertung \(raterIndex + 1)" : ""
                    rating.updatedAt = now
                    ratings.append(rating)
                }
            }
        }
        let finalRatings = ratings
        let submittedIDs = raters.dropFirst().compactMap(\.id)
        try await db.writeTransaction { db in
            for chunk in finalRatings.chunked(into: 2_000) { try await BulkInsert.insert(Array(chunk), on: db) }
            if !submittedIDs.isEmpty {
                try await RoundRater.query(on: db).filter(\.$round.$id == roundID).filter(\.$user.$id ~~ submittedIDs)
                    .set(\.$submittedAt, to: now).update()
            }
        }
        return RoundBenchDataSummary(roundID: roundID, projects: inScope.count, raters: raters.count, ratings: ratings.count,
                                     raterEmail: raters[0].email, seconds: Date().timeIntervalSince(started))
    }
}
