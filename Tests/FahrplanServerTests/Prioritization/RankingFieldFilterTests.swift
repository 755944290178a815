import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

/// Issue 19: the ranking page narrowed to a field of action (`?field=`), with the whole ranking's ranks, paging
/// that keeps the filter, a clear message for an id that names no field of action here; and the round's stamp,
/// which must notice a scope change that keeps the number of projects.
@Suite("Ranking filtered by field of action; the round's stamp and scope changes")
struct RankingFieldFilterTests {
    /// The ranking table's rows as (rank, code).
    static func rows(_ body: String) -> [(rank: Int, code: String)] {
        let pattern = /<td class="number" data-label="[^"]*">(\d+)<\/td>\s*<th scope="row"><a href="[^"]*"><span class="code">([^<]+)<\/span>/
        return body.matches(of: pattern).map { (Int($0.output.1) ?? -1, String($0.output.2)) }
    }

    static func nextURL(_ body: String) -> String? {
        body.firstMatch(of: /<a href="([^"]*)" rel="next">/).map { String($0.output.1).replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// Every row of every page from `path` on, following the "next" links.
    static func allRows(_ client: TestClient, _ path: String) async throws -> (rows: [(rank: Int, code: String)], pages: [String]) {
        var rows: [(rank: Int, code: String)] = []
        var pages: [String] = []
        var next: String? = path
        while let url = next, pages.count < 20 {
            let response = try await client.get(url)
            #expect(response.status == .ok, "\(url): \(response.status)")
            pages.append(url)
            rows += Self.rows(response.body)
            next = Self.nextURL(response.body)
        }
        return (rows, pages)
    }

    @Test("two fields of action: the filter shows one field's projects with their whole-ranking ranks, pages keep it, bad ids say so")
    func filter() async throws {
        try await withServer { server in
            let municipality = try await Fixtures.musterstadt(on: server)
            let municipalityID = try municipality.requireID()
            let team = try await ResultsRound.context(municipality, Fixtures.strategyTeam, role: .strategyTeam, on: server)
            let elements = try await StrategyElement.query(on: server.db).filter(\.$municipality.$id == municipalityID)
                .sort(\.$position).sort(\.$title).all()
            let fields = elements.filter { $0.elementKind == .fieldOfAction && $0.archivedAt == nil }
            try #require(fields.count >= 2)
            let fieldA = fields[0], fieldB = fields[1]
            let goalA = try #require(elements.first { $0.elementKind == .goal && $0.$parent.id == fieldA.id })
            // Field A gets projects through a goal under it (more than a page), field B linked directly.
            let department = try await PortfolioFixtures.department("33", on: server).requireID()
            let portfolio = PortfolioService(db: server.db, context: team)
            for number in 1...30 {
                _ = try await portfolio.create(ProjectInput(title: "Feldfilter Ziel \(number)", departmentID: department.uuidString,
                                                            strategyElementIDs: [try goalA.requireID().uuidString]))
            }
            for number in 1...8 {
                _ = try await portfolio.create(ProjectInput(title: "Feldfilter Feld \(number)", departmentID: department.uuidString,
                                                            strategyElementIDs: [try fieldB.requireID().uuidString]))
            }
            let data = try await RoundBenchData.generate(server.app, slug: "musterstadt", roundProjects: 10_000, raters: 2, seed: 11)

            // Who belongs to which field, worked out here from the links and the frame.
            let snapshot = StrategySnapshot(version: 0, elements: try elements.map(StrategySnapshot.Element.init))
            let scope = try await RoundProject.query(on: server.db).filter(\.$round.$id == data.roundID).all().map(\.$project.id)
            let links = try await ProjectStrategyLink.query(on: server.db).filter(\.$project.$id ~~ scope).all()
            let codes = Dictionary(try await Project.query(on: server.db).filter(\.$id ~~ scope).all().map { ($0.id!, $0.code) },
                                   uniquingKeysWith: { a, _ in a })
            func members(_ field: StrategyElement) -> Set<String> {
                Set(links.filter { snapshot.fieldOfAction(of: $0.$element.id)?.id == field.id }.compactMap { codes[$0.$project.id] })
            }
            let inA = members(fieldA), inB = members(fieldB)
            #expect(inA.count >= 31 && inB.count >= 8, "A \(inA.count), B \(inB.count)")

            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let path = "/m/musterstadt/prioritization/rounds/\(data.roundID)/ranking"
            let whole = try await Self.allRows(client, path)
            #expect(whole.rows.count == scope.count)
            let rankOf = Dictionary(whole.rows.map { ($0.code, $0.rank) }, uniquingKeysWith: { a, _ in a })

            let first = try await client.get(path)
            #expect(first.body.contains("<select id=\"ranking-field\" name=\"field\""))
            #expect(first.body.contains("<option value=\"\">Alle Handlungsfelder</option>"))
            #expect(first.body.contains("<option value=\"\(try fieldA.requireID())\">"))

            // Field A: more than one page, only its projects, each with its rank in the whole ranking, in that order.
            let fieldAPath = path + "?field=\(try fieldA.requireID())"
            let filtered = try await Self.allRows(client, fieldAPath)
            #expect(Set(filtered.rows.map(\.code)) == inA)
            #expect(filtered.rows.count == inA.count)
            #expect(filtered.rows.allSatisfy { rankOf[$0.code] == $0.rank }, "ranks are the whole ranking's")
            #expect(filtered.rows.map(\.rank) == filtered.rows.map(\.rank).sorted())
            #expect(filtered.pages.count == (inA.count + 24) / 25)
            #expect(filtered.pages.dropFirst().allSatisfy { $0.contains("field=\(try! fieldA.requireID())") && $0.contains("page=") },
                    "page links keep the field: \(filtered.pages)")
            let page1 = try await client.get(fieldAPath)
            #expect(Self.rows(page1.body).count == 25)
            #expect(page1.body.resultsText.contains("\(inA.count) von \(scope.count) Projekten im Handlungsfeld"))
            #expect(page1.body.resultsText.contains("(1–25 gezeigt)"))
            #expect(page1.body.contains("<option value=\"\(try fieldA.requireID())\" selected>"))
            #expect(page1.body.contains("Alle Projekte zeigen"))
            #expect(!page1.body.contains("Dieses Handlungsfeld gibt es hier nicht"))

            // Field B with a search: both apply, the links keep both.
            let wanted = try #require(inB.sorted().first)
            let both = try await client.get(path + "?q=\(wanted)&field=\(try fieldB.requireID())")
            #expect(Self.rows(both.body).map(\.code) == [wanted])
            #expect(Self.rows(both.body).first?.rank == rankOf[wanted])
            let fieldBRows = try await Self.allRows(client, path + "?field=\(try fieldB.requireID())")
            #expect(Set(fieldBRows.rows.map(\.code)) == inB)
            // A project of field A searched for within field B: none, and no "no ranking yet".
            let elsewhere = try #require(inA.subtracting(inB).sorted().first)
            let none = try await client.get(path + "?q=\(elsewhere)&field=\(try fieldB.requireID())")
            #expect(Self.rows(none.body).isEmpty)
            #expect(none.body.resultsText.contains("Kein Projekt im Handlungsfeld"))
            #expect(!none.body.contains("Noch keine Reihung"))

            // Ids that name no field of action here: a message, the whole ranking, never a 500.
            let other = try await Fixtures.otherMunicipality(on: server)
            let goal = try #require(elements.first { $0.elementKind == .goal })
            for bad in ["kaputt", "%20", UUID().uuidString, other.fieldID.uuidString, try goal.requireID().uuidString] {
                let response = try await client.get(path + "?field=" + bad)
                #expect(response.status == .ok, "\(bad): \(response.status)")
                if bad != "%20" { #expect(response.body.contains("Dieses Handlungsfeld gibt es hier nicht. Gezeigt wird die ganze Reihung."), "\(bad)") }
                #expect(response.body.resultsText.contains("Projekte 1–25 von \(scope.count)"), "\(bad)")
                #expect(Self.rows(response.body).map(\.code) == Array(whole.rows.prefix(25).map(\.code)))
                #expect(!response.body.contains(Fixtures.OtherMunicipality.marker))
            }

            // English.
            #expect(try await client.post("/account/language", [("language", "en")]).status.code < 400)
            let english = try await client.get(fieldAPath)
            #expect(english.body.contains("<option value=\"\">All fields of action</option>"))
            #expect(english.body.resultsText.contains("\(inA.count) of \(scope.count) projects in the field of action"))
            let unknown = try await client.get(path + "?field=kaputt")
            #expect(unknown.body.contains("There is no such field of action here. The whole ranking is shown."))
        }
    }

    @Test("a scope change that swaps one project for another keeps the count but changes the stamp and the ranking")
    func swapChangesStamp() async throws {
        try await withServer { server in
            let round = try await ResultsRound.open(on: server)
            let department = try await PortfolioFixtures.department("33", on: server).requireID()
            let newcomer = try await PortfolioService(db: server.db, context: round.team)
                .create(ProjectInput(title: "Nachrücker Projekt", departmentID: department.uuidString))
            let client = server.client()
            try await client.login(Fixtures.strategyTeam)
            let before = try await client.get(round.path + "/ranking")
            #expect(Set(RoundPagesAtSizeTests.rankingCodes(before.body)) == Set(round.codes))

            func stamp() async throws -> RoundDataStamp {
                let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
                let municipality = try await Fixtures.musterstadt(on: server)
                var context = round.team
                context.municipality = municipality
                return try await server.app.roundResultsCache.stamp(stored, context: context, on: server.db)
            }
            let stampBefore = try await stamp()
            let stored = try await RoundService(db: server.db, context: round.team).round(round.roundID.uuidString)
            try await RoundService(db: server.db, context: round.team).setScope(
                stored, projectIDs: [round.projects[0], round.projects[1], try newcomer.requireID()].map(\.uuidString),
                raterIDs: round.raters.map(\.user.id.uuidString))
            let stampAfter = try await stamp()
            #expect(stampAfter.projects == stampBefore.projects)
            let changed = stampAfter != stampBefore
            #expect(changed, "the stamp notices the swap")

            let after = try await client.get(round.path + "/ranking")
            let codes = RoundPagesAtSizeTests.rankingCodes(after.body)
            #expect(codes.contains(newcomer.code), "the newcomer is ranked: \(codes)")
            #expect(!codes.contains(round.codes[2]), "the removed project is gone: \(codes)")
        }
    }
}
