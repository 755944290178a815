import Fluent

/// Economic settings per municipality (hourly rates, interest rate, horizon of the cost-benefit analysis). A
/// municipality without a row works with `EconomicSettings.defaults`, so existing installations need no data.
struct CreateMunicipalityEconomics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(MunicipalityEconomics.schema)
            .id()
            .field("municipality_id", .uuid, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("staff_hourly_rate_cents", .int64, .required)
            .field("citizen_hourly_rate_cents", .int64, .required)
            .field("business_hourly_rate_cents", .int64, .required)
            .field("interest_basis_points", .int, .required)
            .field("horizon_years", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "municipality_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MunicipalityEconomics.schema).delete()
    }
}
