/// All UI strings: the shared table and each capability's own, merged where every capability is known.
extension Strings {
    static let tables: [(name: String, entries: [String: (String, String)])] = [
        ("shared", baseTable), ("portfolio", portfolioTable), ("calls", callTable), ("import", importTable),
        ("prioritization set-up", prioritizationSetupTable), ("prioritization results", prioritizationResultsTable),
        ("second factor", mfaTable), ("accounts", accountsTable), ("invitations", invitationTable),
        ("login events", authEventsTable), ("concurrency", concurrencyTable), ("cost-benefit", costBenefitTable),
        ("planning", planningTable), ("kpis", kpiTable), ("update cycles", updateCyclesTable),
        ("project status", statusTable),
        ("monitoring dashboard", monitoringDashboardTable),
        ("inventory", inventoryTable),
        ("maturity questionnaires", maturityQuestionnaireTable), ("potenzialchecks", assessmentTable),
        ("surveys", surveyTable), ("maturity results", maturityResultsTable),
        ("newsletter", newsletterTable),
        ("reports", reportTable),
        ("portal", portalTable),
        ("strategy versions", strategyVersionsTable),
    ]

    /// A key defined in two tables keeps the first table's text; `StringCatalogTests` keeps keys unique.
    static let table: [String: (String, String)] = tables.reduce(into: [:]) { merged, table in
        merged.merge(table.entries) { first, _ in first }
    }
}
