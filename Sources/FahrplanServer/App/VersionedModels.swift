import Fluent
import Vapor

/// The models with an edit version, registered where every capability is known.
enum VersionedModels {
    static func register(on app: Application) {
        app.databases.middleware.use(InitialVersion<Project> { if $0.storedVersion == nil { $0.storedVersion = 1 } })
        app.databases.middleware.use(InitialVersion<StrategyElement> { if $0.storedVersion == nil { $0.storedVersion = 1 } })
        app.databases.middleware.use(InitialVersion<Department> { if $0.storedVersion == nil { $0.storedVersion = 1 } })
        app.databases.middleware.use(InitialVersion<CatalogCriterion> { if $0.storedVersion == nil { $0.storedVersion = 1 } })
        app.databases.middleware.use(InitialVersion<PrioritizationRound> { if $0.storedVersion == nil { $0.storedVersion = 1 } })
        app.databases.middleware.use(InitialVersion<Municipality> { if $0.storedVisionVersion == nil { $0.storedVisionVersion = 1 } })
    }
}
