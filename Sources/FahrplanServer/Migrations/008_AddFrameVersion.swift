import Fluent
import SQLKit

/// A counter that every audited change of a municipality increments, so that caches of its strategy
/// frame (in any server process) know when they are stale.
struct AddMunicipalityFrameVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Municipality.schema)
            .field("frame_version", .int, .required, .sql(.default(0)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Municipality.schema).deleteField("frame_version").update()
    }
}
