import FahrplanCore
import Foundation

/// Musterstadt's monitoring as the strategy team would keep it: who answers for each project in implementation,
/// the monthly status reports of the last months, milestones and roll-outs, and KPIs on the strategic goals.
/// Days are written on the demo's reference day (`DemoMunicipality.musterstadtReferenceDay`, 24 November 2026);
/// the loader moves them to the day the demo is loaded, so "overdue", "stale" and "late" stay true over time.
struct DemoProjectMonitoring: Sendable {
    struct Report: Sendable {
        var on: String
        var schedule: StatusLight = StatusLight(.green)
        var budget: StatusLight = StatusLight(.green)
        var scope: StatusLight = StatusLight(.green)
        var percent: Int
        var achieved: String
        var obstacles: String? = nil
        var nextSteps: String? = nil
        var lessons: String? = nil
        var spentEuros: Int? = nil
    }

    struct MilestoneSeed: Sendable {
        var title: String
        var due: String
        var done: String? = nil
        var ownerEmail: String? = nil
        var note: String? = nil
    }

    var code: String
    var ownerEmail: String
    var reports: [Report]
    var milestones: [MilestoneSeed] = []
}

/// A KPI with its measurements: a value per month end (monthly) or quarter end (quarterly), from `first` on.
struct DemoKPISeed: Sendable {
    var goalCode: String
    var projectCode: String? = nil
    var name: String
    var unit: String
    var direction: KPIDirection
    var baseline: Double
    /// (year, month): the baseline is the figure at that month's end.
    var baselineMonth: (Int, Int)
    var target: Double
    var targetMonth: (Int, Int)
    var cadence: KPICadence
    var ownerEmail: String
    var first: (Int, Int)
    var values: [Double]
    /// Notes on single measurements, by index into `values`.
    var notes: [Int: String] = [:]
}

enum DemoMonitoringContent {
    static let team = "digitalisierung@musterstadt.example"     // Julia Sommerfeld
    static let engel = "strategie@musterstadt.example"          // Tobias Engel
    static let weissenborn = "fachdienst@musterstadt.example"   // Markus Weißenborn
    static let goessling = "bauordnung@musterstadt.example"     // Ralf Gößling
    static let oltmanns = "bewertung@musterstadt.example"       // Frank Oltmanns

    /// The period the Lenkungsgruppe has reviewed and locked (a day inside it, on the reference day).
    static let lockedStatusDay = "2026-09-15"
    /// Monthly status reports, due five days after the month; KPIs quarterly, twenty days after the quarter.
    static let statusCycleStart = "2026-01-01"
    static let kpiCycleStart = "2025-01-01"
    /// Weeks without a report after which the dashboard flags a running project (the default, stated here).
    static let staleAfterWeeks = StatusStaleness.defaultWeeks

    static let projects: [DemoProjectMonitoring] = projectsAdministration + projectsServices
}
