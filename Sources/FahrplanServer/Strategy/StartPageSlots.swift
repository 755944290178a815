import Vapor

/// A personal section of the municipality's start page (the strategy overview) from a capability above
/// Strategy, as rendered HTML; nil: nothing to show. Personal, so never part of the cached overview content.
typealias StartPageSlot = @Sendable (Request, MunicipalityContext) async throws -> String?

extension Application {
    private struct StartPageSlotsKey: StorageKey { typealias Value = [StartPageSlot] }

    /// Filled at start-up by the composition root (Monitoring: "Due for me").
    var startPageSlots: [StartPageSlot] {
        get { storage[StartPageSlotsKey.self] ?? [] }
        set { storage[StartPageSlotsKey.self] = newValue }
    }
}
