import FahrplanCore
import Fluent
import Foundation

/// A municipality's economic settings (`EconomicSettings`): hourly rates, interest rate and horizon of the
/// cost-benefit analysis. At most one row per municipality; without one the defaults apply. It lives with the
/// municipality because both the prioritization (its cost-benefit criterion) and the planning read it.
final class MunicipalityEconomics: Model, @unchecked Sendable {
    static let schema = "municipality_economics"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "staff_hourly_rate_cents") var staffHourlyRateCents: Int64
    @Field(key: "citizen_hourly_rate_cents") var citizenHourlyRateCents: Int64
    @Field(key: "business_hourly_rate_cents") var businessHourlyRateCents: Int64
    /// Hundredths of a percent: 250 = 2,5 % a year.
    @Field(key: "interest_basis_points") var interestBasisPoints: Int
    @Field(key: "horizon_years") var horizonYears: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(municipalityID: UUID, settings: EconomicSettings) {
        self.$municipality.id = municipalityID
        apply(settings)
    }

    var settings: EconomicSettings {
        EconomicSettings(staffHourlyRateCents: staffHourlyRateCents, citizenHourlyRateCents: citizenHourlyRateCents,
                         businessHourlyRateCents: businessHourlyRateCents, interestBasisPoints: interestBasisPoints,
                         horizonYears: horizonYears)
    }

    func apply(_ settings: EconomicSettings) {
        staffHourlyRateCents = settings.staffHourlyRateCents
        citizenHourlyRateCents = settings.citizenHourlyRateCents
        businessHourlyRateCents = settings.businessHourlyRateCents
        interestBasisPoints = settings.interestBasisPoints
        horizonYears = settings.horizonYears
    }

    /// The municipality's settings, or the defaults when it has not stored any.
    static func settings(of municipalityID: UUID, on db: any Database) async throws -> EconomicSettings {
        try await query(on: db).filter(\.$municipality.$id == municipalityID).first()?.settings ?? .defaults
    }

    var properties: [any AnyProperty] { [_id, _municipality, _staffHourlyRateCents, _citizenHourlyRateCents, _businessHourlyRateCents, _interestBasisPoints, _horizonYears, _updatedAt] }
}
