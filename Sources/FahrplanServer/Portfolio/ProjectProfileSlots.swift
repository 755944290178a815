import Vapor

/// Loads a part of a project's profile page that belongs to a capability above Portfolio. nil: nothing to show.
typealias ProjectProfileSlot = @Sendable (Project, Request, MunicipalityContext) async throws -> (any Encodable & Sendable)?

extension Application {
    private struct DecisionSlotKey: StorageKey { typealias Value = ProjectProfileSlot }
    private struct CostBenefitSlotKey: StorageKey { typealias Value = ProjectProfileSlot }
    private struct InventorySlotKey: StorageKey { typealias Value = ProjectProfileSlot }

    /// The IT systems and administrative services linked to the project, filled in by Inventory at start-up.
    var projectInventorySlot: ProjectProfileSlot? {
        get { storage[InventorySlotKey.self] }
        set { storage[InventorySlotKey.self] = newValue }
    }

    /// The project's cost-benefit figures, filled in by Planning at start-up.
    var projectCostBenefitSlot: ProjectProfileSlot? {
        get { storage[CostBenefitSlotKey.self] }
        set { storage[CostBenefitSlotKey.self] = newValue }
    }

    /// The project's entries in the decision log, filled in by Prioritization at start-up.
    var projectDecisionSlot: ProjectProfileSlot? {
        get { storage[DecisionSlotKey.self] }
        set { storage[DecisionSlotKey.self] = newValue }
    }
}
