import Fluent

/// Project profiles get the hours a project saves citizens and businesses a year, besides the staff hours
/// (`hours_saved_per_year`), so that the cost-benefit analysis and the prioritization's cost-benefit criterion
/// can price them at the municipality's citizen and business rates. Nullable: existing profiles say nothing.
struct AddBenefitHours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(Project.schema).field("citizen_hours_saved_per_year", .int).update()
        try await database.schema(Project.schema).field("business_hours_saved_per_year", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Project.schema).deleteField("business_hours_saved_per_year").update()
        try await database.schema(Project.schema).deleteField("citizen_hours_saved_per_year").update()
    }
}
