import FahrplanCore
import Fluent
import Foundation
import SQLKit

/// What the KPI pages, the roll-up and the dashboard need of a municipality's KPIs: each KPI's progress, trend and
/// staleness (core), and the roll-up goal → field of action → strategy. Loaded with three queries.
struct KPIOverview: Sendable {
    struct Item: Sendable {
        var id: UUID
        var name: String
        var unit: String
        var goalID: UUID
        var ownerID: UUID?
        var definition: KPIDefinition
        /// Day and value only (no note or source): what progress, trend and staleness need.
        var measurements: [KPIMeasurement]
        var progress: KPIProgress?
        var trend: KPITrend?
        var staleness: KPIStaleness
    }

    var items: [Item]
    var rollup: KPIRollup
    var goalTitles: [UUID: String]

    static func load(db: any Database, municipalityID: UUID, today: CalendarDay) async throws -> KPIOverview {
        let elements = try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$archivedAt == nil).sort(\.$position).all()
        let kpis = try await KPIRecord.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil)
            .sort(\.$name).all()
        // Three columns by SQL instead of whole models: 200 KPIs with 5 years of monthly values are 12,000 rows.
        // Progress, trend and staleness read only day and value, so the items carry no note or source (the KPI's
        // own page loads its measurements in full).
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        var byKPI: [UUID: [KPIMeasurement]] = [:]
        for row in try await sql.raw("""
            SELECT kpi_id, measured_on, value FROM kpi_measurements WHERE municipality_id = \(bind: municipalityID)
            """).all() {
            guard let day = CalendarDay(iso: try row.decode(column: "measured_on", as: String.self)) else { continue }
            byKPI[try row.decode(column: "kpi_id", as: UUID.self), default: []].append(
                KPIMeasurement(measuredOn: day, value: try row.decode(column: "value", as: Double.self)))
        }
        let items = kpis.compactMap { kpi -> Item? in
            guard let id = kpi.id else { return nil }
            let definition = kpi.definition
            let measurements = (byKPI[id] ?? []).sorted { $0.measuredOn < $1.measuredOn }
            let progress = KPIProgress.of(definition, measurements: measurements)
            return Item(id: id, name: kpi.name, unit: kpi.unit, goalID: kpi.$goal.id, ownerID: kpi.$owner.id, definition: definition,
                        measurements: measurements, progress: progress, trend: KPITrend.of(definition, measurements: measurements),
                        staleness: KPIStaleness.of(definition, lastMeasuredOn: progress?.latest.measuredOn, today: today))
        }
        let fields = elements.filter { $0.elementKind == .fieldOfAction }
        let goals = elements.filter { $0.elementKind == .goal && $0.$parent.id != nil }
        let rollup = KPIRollup.compute(
            fields: fields.map { KPIRollup.FieldOfAction(id: $0.id!.uuidString, name: $0.title) },
            goals: goals.map { KPIRollup.Goal(id: $0.id!.uuidString, name: $0.title, fieldOfActionID: $0.$parent.id!.uuidString) },
            kpis: items.map { KPIRollup.KPI(id: $0.id.uuidString, name: $0.name, goalID: $0.goalID.uuidString, progress: $0.progress?.clamped) })
        var titles: [UUID: String] = [:]
        for goal in goals { titles[goal.id!] = goal.title }
        return KPIOverview(items: items, rollup: rollup, goalTitles: titles)
    }
}

/// A small summary of a municipality's KPIs for the strategy team's dashboard (M1's KPI box): how many, how many
/// stale or on track, the strategy's rolled-up progress with its explanation, and the stale ones to chase.
struct KPIDashboardSummary: Sendable, Encodable {
    struct StaleKPI: Sendable, Encodable {
        var name: String
        var url: String
        /// "seit 120 Tagen ohne Messwert" / "no measurement yet".
        var note: String
    }

    var kpiCount: Int
    var measuredCount: Int
    var staleCount: Int
    var onTrackCount: Int
    /// `31,3 %`, or nil without any measured KPI.
    var strategyProgress: String?
    var explanation: String
    var rollupURL: String
    var stale: [StaleKPI]

    /// Call from the dashboard: `try await KPIDashboardSummary.load(req, context)`.
    static func load(db: any Database, context: MunicipalityContext, english: Bool) async throws -> KPIDashboardSummary {
        let overview = try await KPIOverview.load(db: db, municipalityID: context.municipalityID, today: context.calendar.today)
        let slug = context.municipality.slug
        let stale = overview.items.filter(\.staleness.isStale).prefix(10).map { item in
            StaleKPI(name: item.name, url: SiteURL.municipality(slug, .kpi(.value(item.id))).path,
                     note: KPIDisplay.staleNote(item.staleness, english: english))
        }
        return KPIDashboardSummary(
            kpiCount: overview.items.count, measuredCount: overview.items.filter { $0.progress != nil }.count,
            staleCount: overview.items.filter(\.staleness.isStale).count,
            onTrackCount: overview.items.filter { $0.trend?.onTrack == true }.count,
            strategyProgress: overview.rollup.strategy.progress.map { KPIRollup.percent($0, english: english) },
            explanation: overview.rollup.strategy.explanation(english: english),
            rollupURL: SiteURL.municipality(slug, .kpis(.rollup)).path, stale: Array(stale))
    }
}

/// KPIs as subjects of update cycles (M3's `monitoringSubjectSources`): owner and last measurement date.
enum KPIUpdateSubjects {
    static func load(db: any Database, municipalityID: UUID) async throws -> [UpdateSubject] {
        guard let municipality = try await Municipality.find(municipalityID, on: db) else { return [] }
        let kpis = try await KPIRecord.query(on: db).filter(\.$municipality.$id == municipalityID).filter(\.$archivedAt == nil).all()
        guard let sql = db as? any SQLDatabase else { throw FahrplanError.notFound }
        var last: [UUID: String] = [:]
        for row in try await sql.raw("""
            SELECT kpi_id, MAX(measured_on) AS newest FROM kpi_measurements WHERE municipality_id = \(bind: municipalityID) GROUP BY kpi_id
            """).all() {
            last[try row.decode(column: "kpi_id", as: UUID.self)] = try row.decode(column: "newest", as: String.self)
        }
        return kpis.compactMap { kpi in
            guard let id = kpi.id else { return nil }
            return UpdateSubject(kind: .kpiMeasurement, id: id, title: kpi.name, ownerUserID: kpi.$owner.id,
                                 lastUpdate: last[id].flatMap(CalendarDay.init(iso:)),
                                 url: SiteURL.municipality(municipality.slug, .kpi(.value(id))).path)
        }
    }
}
