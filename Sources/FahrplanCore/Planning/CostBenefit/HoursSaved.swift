import Foundation

/// The hours a project saves a year, per group that saves them (Verwaltung, Bürgerinnen und Bürger,
/// Unternehmen), as the profile gives them; nil: the profile does not say.
public struct HoursSaved: Sendable, Equatable {
    public var staff: Int?
    public var citizens: Int?
    public var businesses: Int?

    public init(staff: Int? = nil, citizens: Int? = nil, businesses: Int? = nil) {
        self.staff = staff
        self.citizens = citizens
        self.businesses = businesses
    }

    /// Whether the profile says anything about hours saved; without any, the benefit is unknown, not zero.
    public var isKnown: Bool { staff != nil || citizens != nil || businesses != nil }
}

/// Money in cents, split by who saves the time: staff, citizens, businesses.
public struct BenefitSplit: Sendable, Equatable {
    public var staffCents: Int64
    public var citizenCents: Int64
    public var businessCents: Int64

    public init(staffCents: Int64 = 0, citizenCents: Int64 = 0, businessCents: Int64 = 0) {
        self.staffCents = staffCents
        self.citizenCents = citizenCents
        self.businessCents = businessCents
    }

    public static let zero = BenefitSplit()

    public var totalCents: Int64 { staffCents + citizenCents + businessCents }

    public static func + (a: BenefitSplit, b: BenefitSplit) -> BenefitSplit {
        BenefitSplit(staffCents: a.staffCents + b.staffCents, citizenCents: a.citizenCents + b.citizenCents,
                     businessCents: a.businessCents + b.businessCents)
    }
}

extension EconomicSettings {
    /// What a year of savings is worth (exact cents): each group's hours times its hourly rate; negative hours
    /// count as none. The one formula behind both the cost-benefit analysis (`CostBenefitAnalysis`) and the
    /// prioritization's cost-benefit criterion (`DerivedCriterionValue`).
    public func benefitPerYear(_ hours: HoursSaved) -> BenefitSplit {
        BenefitSplit(staffCents: Int64(max(0, hours.staff ?? 0)) * staffHourlyRateCents,
                     citizenCents: Int64(max(0, hours.citizens ?? 0)) * citizenHourlyRateCents,
                     businessCents: Int64(max(0, hours.businesses ?? 0)) * businessHourlyRateCents)
    }
}
