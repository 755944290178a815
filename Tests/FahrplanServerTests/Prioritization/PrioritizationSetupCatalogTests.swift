import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import Testing

@Suite("Prioritization set-up: the criteria catalog in the browser")
struct PrioritizationSetupCatalogTests {
    /// Nachbarstadt starts with an empty catalog (Musterstadt's demo may already have one).
    static let base = "/m/nachbarstadt/prioritization/criteria"

    static func criteria(_ municipalityID: UUID, on server: TestServer) async throws -> [CatalogCriterion] {
        try await CatalogCriterion.query(on: server.db).filter(\.$municipality.$id == municipalityID).sort(\.$position).all()
    }

    static func form(key: String, name: String, levels: [(String, String, String)], weight: String = "12,5",
                     direction: String = "higherIsBetter") -> [(String, String)] {
        [("key", key), ("name", name), ("description", "Beschreibung"), ("direction", direction), ("source", "rating"),
         ("defaultWeight", weight)]
            + levels.flatMap { [("levelValue[]", $0.0), ("levelLabel[]", $0.1), ("levelDescription[]", $0.2)] }
            + [("levelValue[]", ""), ("levelLabel[]", ""), ("levelDescription[]", "")]
    }

    @Test("an empty catalog offers Fahrplan's defaults; loading them shows every criterion and every level's anchor")
    func defaultsLoad() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let municipalityID = try other.municipality.requireID()
            let team = server.client()
            try await team.login(other.teamEmail)
            let empty = try await team.get(Self.base)
            #expect(empty.status == .ok)
            #expect(empty.body.contains("action=\"\(Self.base)/defaults\""))
            #expect(empty.body.contains("Standardkatalog laden"))

            let loaded = try await team.post(Self.base + "/defaults", [])
            #expect(loaded.status == .seeOther)
            let rows = try await Self.criteria(municipalityID, on: server)
            #expect(rows.map(\.key) == DefaultCriteriaCatalog.keys)
            let list = try await team.get(loaded.location ?? Self.base)
            #expect(list.body.contains("\(rows.count) Kriterien aus dem Standardkatalog geladen"))
            #expect(!list.body.contains("Standardkatalog laden"), "a catalog with criteria is not offered the defaults again")
            for criterion in DefaultCriteriaCatalog.criteria(english: false) { #expect(list.body.contains(SetupFixtures.html(criterion.name))) }

            // Loading again leaves the catalog alone.
            _ = try await team.post(Self.base + "/defaults", [])
            let again = try await Self.criteria(municipalityID, on: server)
            #expect(again.count == rows.count)

            let benefit = try #require(rows.first { $0.key == "citizenBenefit" })
            let detail = try await team.get("\(Self.base)/\(try benefit.requireID())")
            #expect(detail.status == .ok)
            for level in benefit.criterion.levels {
                #expect(detail.body.contains(SetupFixtures.html(level.label)))
                #expect(detail.body.contains(SetupFixtures.html(level.description)), "anchor of level \(level.value) missing")
            }
            let events = try await AuditEvent.query(on: server.db).filter(\.$entityType == "criterion")
                .filter(\.$municipality.$id == municipalityID).count()
            #expect(events == rows.count)
        }
    }

    @Test("the English UI loads the English catalog")
    func englishDefaults() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let team = server.client()
            try await team.login(other.teamEmail)
            let page = try await team.get(Self.base + "?lang=en")
            #expect(page.body.contains("Load the default catalog"))
            _ = try await team.post(Self.base + "/defaults?lang=en", [])
            let list = try await team.get(Self.base + "?lang=en")
            #expect(list.body.contains("Criteria catalog"))
            for criterion in DefaultCriteriaCatalog.criteria(english: true) { #expect(list.body.contains(SetupFixtures.html(criterion.name))) }
        }
    }

    @Test("create and edit a criterion with its scale rows; bad input is refused with 422 and nothing is written")
    func createEditAndBadInput() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let municipalityID = try other.municipality.requireID()
            let team = server.client()
            try await team.login(other.teamEmail)
            let newForm = try await team.get(Self.base + "/new")
            #expect(newForm.status == .ok)
            #expect(newForm.body.contains("name=\"levelValue[]\""))

            let levels = [("0", "keine", "Niemand profitiert."), ("1", "etwas", "Einige profitieren."), ("2", "viel", "Viele profitieren.")]
            let created = try await team.post(Self.base, Self.form(key: "reach", name: "Reichweite", levels: levels))
            #expect(created.status == .seeOther, "\(created.body.prefix(2000))")
            var rows = try await Self.criteria(municipalityID, on: server)
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row.criterion.levels.map(\.value) == [0, 1, 2])
            #expect(row.defaultWeight == 12.5)
            let id = try row.requireID()

            // Missing key, one-level scale, a level without label: each named at its field.
            let missing = try await team.post(Self.base, Self.form(key: "", name: "Ohne Schlüssel", levels: levels))
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.contains("id=\"key-error\""))
            #expect(missing.body.contains("aria-describedby=\"key-hint key-error\" aria-invalid=\"true\""))
            #expect(missing.body.contains("value=\"Ohne Schlüssel\""), "what was typed is shown again")
            let short = try await team.post(Self.base, Self.form(key: "short", name: "Kurz", levels: [("0", "nur eine", "")]))
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.contains("Eine Skala braucht mindestens zwei Stufen."))
            let noLabel = try await team.post(Self.base, Self.form(key: "nolabel", name: "Ohne Bezeichnung", levels: [("0", "a", ""), ("1", "", "Anker ohne Namen")]))
            #expect(noLabel.status == .unprocessableEntity)
            #expect(noLabel.body.contains("id=\"level-1-label-error\""))
            #expect(noLabel.body.contains("Skala, Zeile 2 – Bezeichnung"))
            let duplicate = try await team.post(Self.base, Self.form(key: "reach", name: "Doppelt", levels: levels))
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.body.contains("Dieser Wert ist bereits vergeben."))
            let badWeight = try await team.post(Self.base, Self.form(key: "weight", name: "Gewicht", levels: levels, weight: "-3"))
            #expect(badWeight.status == .unprocessableEntity)
            #expect(badWeight.body.contains("Negative Werte sind nicht zulässig."))
            rows = try await Self.criteria(municipalityID, on: server)
            #expect(rows.count == 1, "refused input writes nothing")

            // Edit: a fourth level, lower is better.
            let edit = try await team.get("\(Self.base)/\(id)/edit")
            #expect(edit.body.contains("value=\"Viele profitieren.\"") || edit.body.contains(">Viele profitieren.</textarea>"))
            let updated = try await team.post("\(Self.base)/\(id)", Self.form(key: "reach", name: "Reichweite neu", levels: levels + [("3", "alle", "Alle profitieren.")],
                                                                             direction: "lowerIsBetter"))
            #expect(updated.status == .seeOther)
            let stored = try #require(try await CatalogCriterion.find(id, on: server.db))
            #expect(stored.name == "Reichweite neu")
            #expect(stored.criterion.levels.count == 4)
            let badEdit = try await team.post("\(Self.base)/\(id)", Self.form(key: "re ach", name: "Kaputt", levels: levels))
            #expect(badEdit.status == .unprocessableEntity)
            #expect(badEdit.body.contains("Reichweite neu"), "the heading names the stored criterion")
            let unchanged = try await CatalogCriterion.find(id, on: server.db)
            #expect(unchanged?.key == "reach")

            // Archive and restore.
            let archive = try await team.post("\(Self.base)/\(id)/archive", [])
            #expect(archive.status == .seeOther)
            let archived = try await CatalogCriterion.find(id, on: server.db)
            #expect(archived?.archivedAt != nil)
            let list = try await team.get(Self.base)
            #expect(!list.body.contains("Reichweite neu"))
            let restore = try await team.post("\(Self.base)/\(id)/restore", [])
            #expect(restore.status == .seeOther)
            let restored = try await CatalogCriterion.find(id, on: server.db)
            #expect(restored?.archivedAt == nil)
        }
    }

    @Test("hostile text in a criterion is escaped on every page")
    func hostileText() async throws {
        try await withServer { server in
            let other = try await Fixtures.otherMunicipality(on: server)
            let team = server.client()
            try await team.login(other.teamEmail)
            let script = "<script>alert('x')</script>"
            let image = "\"><img src=x onerror=alert(1)>"
            let created = try await team.post(Self.base, Self.form(key: "evil", name: "Böse \(script)", levels: [("0", image, script), ("1", "gut", "& mehr")]))
            #expect(created.status == .seeOther)
            for path in [Self.base, created.location ?? Self.base, (created.location ?? Self.base).components(separatedBy: "?")[0] + "/edit"] {
                let page = try await team.get(path)
                #expect(page.status == .ok)
                #expect(!page.body.contains(script), "\(path) shows the script unescaped")
                #expect(!page.body.contains("<img src=x"), "\(path) shows the image tag unescaped")
            }
        }
    }

    @Test("readers and raters see the catalog but cannot change it")
    func permissions() async throws {
        try await withServer { server in
            let team = server.client()
            try await team.login(Fixtures.strategyTeam)
            let catalog = try await SetupFixtures.catalog(team, on: server)
            let id = try #require(catalog.first?.id)
            for email in [Fixtures.reader, Fixtures.rater] {
                let person = server.client()
                try await person.login(email)
                let list = try await person.get(SetupFixtures.base + "/criteria")
                #expect(list.status == .ok)
                #expect(!list.body.contains("/criteria/new"))
                let detail = try await person.get(SetupFixtures.base + "/criteria/\(id)")
                #expect(detail.status == .ok)
                #expect(!detail.body.contains("/edit\""))
                for path in ["/criteria/new", "/criteria/\(id)/edit"] {
                    let refused = try await person.get(SetupFixtures.base + path)
                    #expect(refused.status == .forbidden, "\(email) \(path)")
                }
                let changed = try await person.post(SetupFixtures.base + "/criteria/\(id)", Self.form(key: "x", name: "x", levels: [("0", "a", ""), ("1", "b", "")]))
                #expect(changed.status == .forbidden)
                for path in ["/criteria/\(id)/archive", "/criteria/defaults", "/criteria"] {
                    let refused = try await person.post(SetupFixtures.base + path, [])
                    #expect(refused.status == .forbidden, "\(email) POST \(path)")
                }
            }
        }
    }
}
