import FahrplanCore
import Fluent
import Foundation
import Vapor

/// Gives Musterstadt two strategy versions with real differences: "Digitalstrategie 2025", adopted by the council
/// about eleven months ago, and "Fortschreibung 2026", the strategy as loaded, adopted three weeks ago. Both are
/// taken through `StrategyVersionService` (numbering, audit events); the first one's snapshot is then set back to
/// what the strategy looked like a year earlier — one guiding principle and one program not there yet, a goal with
/// a lower target and an earlier target year, a KPI with a lower target, a ranking in another order, roadmap dates
/// that moved — the history a demo needs, which no user can write (versions never change). Switched on and off with
/// the maturity data (`loadsDemoMaturity`, off in the testing environment).
struct DemoStrategyVersionLoader {
    var db: any Database
    var municipality: Municipality
    var userIDs: [String: UUID]
    var calendar: MunicipalCalendar
    var enabled: Bool

    static let team = "digitalisierung@musterstadt.example"

    init(app: Application, db: any Database, municipality: Municipality, userIDs: [String: UUID]) {
        self.db = db
        self.municipality = municipality
        self.userIDs = userIDs
        self.calendar = app.municipalCalendar
        self.enabled = app.loadsDemoMaturity
    }

    func load(_ content: DemoMunicipality) async throws {
        guard enabled, let team = try await DemoContexts.context(Self.team, content, municipality: municipality, userIDs: userIDs,
                                                                 calendar: calendar, on: db) else { return }
        let today = calendar.today
        let service = StrategyVersionService(db: db, context: team)
        let first = try await service.create(StrategyVersionInput(
            name: "Digitalstrategie 2025", adoptedOn: (today.adding(days: -330) ?? today).iso,
            adoptedBy: "Rat der Stadt Musterstadt, Beschluss 2025/117",
            note: "Erste Fassung der Digitalstrategie, im Digitalisierungsausschuss vorberaten."))
        var earlier = try service.version(of: first)
        Self.setBack(&earlier)
        first.snapshot = String(decoding: try earlier.encoded(), as: UTF8.self)
        first.elementCount = earlier.elements.count; first.kpiCount = earlier.kpis.count
        first.rankingCount = earlier.ranking.count; first.roadmapCount = earlier.roadmap.count
        try await first.save(on: db)
        _ = try await service.create(StrategyVersionInput(
            name: "Fortschreibung 2026", adoptedOn: (today.adding(days: -21) ?? today).iso,
            adoptedBy: "Rat der Stadt Musterstadt, Beschluss 2026/204",
            note: "Jährliche Fortschreibung: neue Leitlinie, angepasste Ziele und Reihung nach der Priorisierungsrunde."))
    }

    /// The strategy a year earlier, made from today's.
    static func setBack(_ version: inout StrategyVersion) {
        if let last = version.elements.lastIndex(where: { $0.kind == .principle }) { version.elements.remove(at: last) }
        if let goal = version.elements.firstIndex(where: { $0.kind == .goal }) {
            version.elements[goal].targetYear = version.elements[goal].targetYear.map { $0 - 1 }
            version.elements[goal].targetStatement = "Die Hälfte der Verwaltungsleistungen ist online verfügbar."
        }
        if let goal = version.elements.first(where: { $0.kind == .goal }) {
            version.elements.append(StrategyVersion.Element(
                id: "6f1c2a9e-0d5b-4c1e-9a77-2025a0000001", kind: .program, position: 99, code: "P-alt",
                title: "Papierarme Gremienarbeit (in die E-Akte übernommen)", parentID: goal.id))
        }
        if !version.kpis.isEmpty {
            var definition = version.kpis[0].definition
            definition.target = (definition.baseline + (definition.target - definition.baseline) * 0.8).rounded()
            version.kpis[0].definition = definition
        }
        var ranking = version.ranking
        for (a, b) in [(1, 4), (2, 3), (6, 9)] where b < ranking.count {
            let position = ranking[a].position
            ranking[a].position = ranking[b].position
            ranking[b].position = position
        }
        if ranking.count > 12 { ranking.removeLast() }
        version.ranking = ranking
        for index in version.roadmap.indices.prefix(6) {
            version.roadmap[index].startOn = version.roadmap[index].startOn.flatMap { $0.adding(days: 183) }
            version.roadmap[index].endOn = version.roadmap[index].endOn.flatMap { $0.adding(days: 183) }
            if version.roadmap[index].status == .inProgress { version.roadmap[index].status = .approved }
        }
        version.normalize()
    }
}
