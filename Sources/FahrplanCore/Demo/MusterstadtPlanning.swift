/// Musterstadt's roadmap: half-years 2027–2030 on the 2026 ranking, with the money and staff a town of 58,000
/// inhabitants can put into its digital agenda — about 0.8 million euros investive and 0.4 million consumptive
/// a year from its own budget, the state's school digitalisation programme for the school networks until 2028,
/// and an IT service that can give about four of its staff to projects (the rest keeps operations running).
/// The IT service is the bottleneck, as in most towns: the optimizer has to spread its projects over the years.
public struct DemoPlan: Sendable {
    public struct BudgetLine: Sendable {
        public var label: String
        /// "investive" (one-off) or "consumptive" (running).
        public var kind: String
        /// A funding programme's name; nil for the municipality's own funds (the lines every project draws on).
        public var fundingSource: String?
        /// Projects booked on this line (a funding programme's eligible projects); others use the first own-funds line of their kind.
        public var projectCodes: [String]
        /// Whole euros per period.
        public var amounts: [Int]
    }

    public struct Staff: Sendable {
        public var departmentCode: String
        /// FTE per period the department can give to projects.
        public var fte: [Double]
    }

    public struct Scenario: Sendable {
        public var name: String
        public var note: String
        /// Change of every budget line in percent, e.g. -20.
        public var budgetPercent: Int
    }

    public var name: String
    public var note: String
    /// "halfYear" or "year".
    public var periodLength: String
    public var firstYear: Int
    public var periodCount: Int
    /// Value kept per half-year of delay.
    public var discount: Double
    /// The closed round whose adopted ranking gives the projects' values; projects it did not rank (the 2027
    /// call's, still being rated) are left out of the plan until their round closes.
    public var roundTitle: String
    public var lines: [BudgetLine]
    public var staff: [Staff]
    public var scenario: Scenario
}

extension DemoMunicipality {
    public static let musterstadtPlan = DemoPlan(
        name: "Fahrplan Digitalisierung 2027–2030",
        note: "Grundlage für den Doppelhaushalt 2027/28 und die mittelfristige Finanzplanung",
        periodLength: "halfYear", firstYear: 2027, periodCount: 8, discount: 0.95,
        roundTitle: "Priorisierung 2026",
        lines: [
            DemoPlan.BudgetLine(label: "Haushalt investiv (Digitalisierung)", kind: "investive", fundingSource: nil,
                                projectCodes: [],
                                amounts: [380_000, 380_000, 400_000, 400_000, 420_000, 420_000, 440_000, 440_000]),
            DemoPlan.BudgetLine(label: "Haushalt konsumtiv (Betrieb, Lizenzen)", kind: "consumptive", fundingSource: nil,
                                projectCodes: [],
                                amounts: [190_000, 190_000, 210_000, 210_000, 230_000, 230_000, 240_000, 240_000]),
            DemoPlan.BudgetLine(label: "Fördermittel Schuldigitalisierung (Land)", kind: "investive",
                                fundingSource: "Landesprogramm Schuldigitalisierung, Förderquote 90 %",
                                projectCodes: ["P-0026", "P-0027", "P-0040"],
                                amounts: [150_000, 150_000, 100_000, 100_000, 0, 0, 0, 0]),
        ],
        staff: [
            DemoPlan.Staff(departmentCode: "IT", fte: [4, 4, 4, 4, 4.5, 4.5, 4.5, 4.5]),
            DemoPlan.Staff(departmentCode: "SD", fte: Array(repeating: 1, count: 8)),
            DemoPlan.Staff(departmentCode: "10", fte: Array(repeating: 1.2, count: 8)),
            DemoPlan.Staff(departmentCode: "10.2", fte: Array(repeating: 2.5, count: 8)),
            DemoPlan.Staff(departmentCode: "11", fte: Array(repeating: 0.8, count: 8)),
            DemoPlan.Staff(departmentCode: "20", fte: Array(repeating: 1.5, count: 8)),
            DemoPlan.Staff(departmentCode: "40", fte: Array(repeating: 0.6, count: 8)),
            DemoPlan.Staff(departmentCode: "66", fte: Array(repeating: 0.8, count: 8)),
        ],
        scenario: DemoPlan.Scenario(
            name: "Haushalt −20 %",
            note: "Haushaltssicherung: alle Budgetlinien 20 % niedriger – was rutscht nach hinten, was fällt heraus?",
            budgetPercent: -20))
}
