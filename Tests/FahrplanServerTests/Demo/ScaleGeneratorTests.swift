import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// `fahrplan demo --municipalities N --projects M` (SQLite, or PostgreSQL with TEST_DATABASE_URL): a small run writes
/// the counts it promises, the rows look as the app writes them (versions, audit trail, criteria copied into the
/// round, ratings of the raters), a second run skips what is there, and the generated municipalities' pages answer
/// through real HTTP for their logins with the generated data on them.
@Suite("Demo: scale generator", .serialized)
struct ScaleGeneratorTests {
    static let options = ScaleGenerator.Options(municipalities: 3, projects: 24, roundProjects: 10, raters: 3, seed: 7, slugPrefix: "gen",
                                                jobs: 2, password: TestServer.demoPassword)

    @Test func writesWhatItCounts() async throws {
        try await withServer(demo: false) { server in
            let summary = try await ScaleGenerator.run(server.app, options: Self.options) { _ in }
            let c = summary.counts
            #expect(c.municipalities == 3 && c.skipped == 0)
            #expect(c.projects == 72 && c.roundProjects == 30)
            #expect(c.users == 18 && c.memberships == 18)
            let db = server.db
            #expect(try await Municipality.query(on: db).filter(\.$slug ~~ ["gen-0001", "gen-0002", "gen-0003"]).count() == 3)
            #expect(try await Project.query(on: db).count() == 72)
            #expect(try await Department.query(on: db).count() == c.departments)
            #expect(try await StrategyElement.query(on: db).count() == c.strategyElements)
            #expect(try await KPIRecord.query(on: db).count() == c.kpis)
            #expect(try await Rating.query(on: db).count() == c.ratings)
            #expect(try await RoundProject.query(on: db).count() == 30)
            #expect(try await Membership.query(on: db).count() == 18)

            // Each municipality: criteria copied into its round, raters, the last one partial and not submitted.
            let municipality = try #require(try await Municipality.query(on: db).filter(\.$slug == "gen-0002").first())
            let id = try municipality.requireID()
            #expect(municipality.frameVersion > 0)
            let round = try #require(try await PrioritizationRound.query(on: db).filter(\.$municipality.$id == id).first())
            #expect(round.roundStatus == .rating)
            let criteria = try await RoundCriterion.query(on: db).filter(\.$round.$id == round.requireID()).all()
            #expect(!criteria.isEmpty)
            let raters = try await RoundRater.query(on: db).filter(\.$round.$id == round.requireID()).all()
            #expect(raters.count == 3 && raters.filter { $0.submittedAt != nil }.count == 2)
            let ratingCriteria = criteria.filter { $0.criterion.source == .rating }.count
            #expect(try await Rating.query(on: db).filter(\.$round.$id == round.requireID()).count() == ratingCriteria * (10 + 10 + 6))

            // Rows as the app writes them: edit versions, totals, search text, history and audit events.
            let projects = try await Project.query(on: db).filter(\.$municipality.$id == id).all()
            #expect(projects.count == 24)
            #expect(projects.allSatisfy { $0.version == 1 && !$0.searchText.isEmpty && $0.totalOneOffCents > 0 && $0.$department.id != nil })
            #expect(Set(projects.map(\.status)).count >= 4)
            #expect(try await ProjectStatusChangeRecord.query(on: db).filter(\.$municipality.$id == id).count() >= 24)
            let events = try await AuditEvent.query(on: db).filter(\.$municipality.$id == id).all()
            #expect(events.filter { $0.entityType == "project" && $0.action == AuditAction.create.rawValue }.count == 24)
            #expect(events.contains { $0.entityType == "round" && $0.action == AuditAction.open.rawValue })
            #expect(events.contains { $0.entityType == "department" } && events.contains { $0.entityType == "goal" }
                && events.contains { $0.entityType == "kpi" } && events.contains { $0.entityType == "membership" })
            let units = try await Department.query(on: db).filter(\.$municipality.$id == id).all()
            #expect(units.allSatisfy { $0.version == 1 })

            // Again: everything is there, nothing is added.
            let again = try await ScaleGenerator.run(server.app, options: Self.options) { _ in }
            #expect(again.counts.municipalities == 0 && again.counts.skipped == 3)
            #expect(try await Project.query(on: db).count() == 72)
        }
    }

    @Test func sameSeedSameContent() async throws {
        var titles: [[String]] = []
        for _ in 0..<2 {
            try await withServer(demo: false) { server in
                var options = Self.options
                options.municipalities = 1
                _ = try await ScaleGenerator.run(server.app, options: options) { _ in }
                titles.append(try await Project.query(on: server.db).sort(\.$code).all().map { "\($0.code) \($0.title) \($0.status)" })
            }
        }
        #expect(titles.count == 2 && titles[0] == titles[1] && titles[0].count == 24)
    }

    @Test func pagesAnswerForGeneratedLogins() async throws {
        try await withServer(demo: false) { server in
            var options = Self.options
            options.municipalities = 2
            _ = try await ScaleGenerator.run(server.app, options: options) { _ in }
            for slug in ["gen-0001", "gen-0002"] {
                let municipality = try #require(try await Municipality.query(on: server.db).filter(\.$slug == slug).first())
                let round = try #require(try await PrioritizationRound.query(on: server.db)
                    .filter(\.$municipality.$id == municipality.requireID()).first())
                let project = try #require(try await Project.query(on: server.db).filter(\.$municipality.$id == municipality.requireID())
                    .sort(\.$code).first())
                let roundURL = "/m/\(slug)/prioritization/rounds/\(try round.requireID().uuidString)"

                let team = server.client()
                #expect(try await team.login(ScaleGenerator.Options.teamEmail(slug: slug)).status.code < 400)
                let overview = try await team.get("/m/\(slug)")
                #expect(overview.status == .ok)
                #expect(overview.body.contains("Verwaltungsleistungen online anbieten"))
                let list = try await team.get("/m/\(slug)/projects")
                #expect(list.status == .ok && list.body.contains("P-0001"))
                let search = try await team.get("/m/\(slug)/projects?q=" + TestClient.encode(project.title))
                #expect(search.status == .ok && search.body.contains(project.code))
                let roundPage = try await team.get(roundURL)
                #expect(roundPage.status == .ok && roundPage.body.contains(round.title))
                let ranking = try await team.get(roundURL + "/ranking")
                #expect(ranking.status == .ok)

                let rater = server.client()
                #expect(try await rater.login(ScaleGenerator.Options.raterEmail(slug: slug, 3)).status.code < 400)
                let rate = try await rater.get(roundURL + "/rate")
                #expect(rate.status == .ok)
                // A login of one generated municipality sees nothing of another.
                let other = slug == "gen-0001" ? "gen-0002" : "gen-0001"
                #expect(try await rater.get("/m/\(other)").status != .ok)
            }
        }
    }
}
