/// Money for one budget year (Haushaltsjahr), in cents.
public struct CostLine: Sendable, Equatable, Hashable, Codable {
    public var year: Int
    public var oneOffCents: Int64
    public var runningCents: Int64
    public init(year: Int, oneOffCents: Int64, runningCents: Int64) {
        self.year = year; self.oneOffCents = oneOffCents; self.runningCents = runningCents
    }
}

public struct EffortLine: Sendable, Equatable, Hashable, Codable {
    public var departmentID: String
    public var year: Int
    /// Hundredths of a full-time equivalent: 0,5 VZÄ = 50.
    public var fteHundredths: Int
    /// The line's position in the input, so that a problem found later (an unknown unit) names the row the
    /// person typed, not its place after sorting.
    public var inputIndex: Int
    public init(departmentID: String, year: Int, fteHundredths: Int, inputIndex: Int = 0) {
        self.departmentID = departmentID; self.year = year; self.fteHundredths = fteHundredths; self.inputIndex = inputIndex
    }
}

public enum ProjectLimits {
    public static let code = 20
    public static let title = 200
    public static let summary = 600
    public static let description = 20_000
    public static let person = 200
    public static let reference = 300
    public static let longText = 5_000
    public static let tag = 50
    public static let tags = 20
    public static let links = 50
    public static let years = 2000...2100
    public static let hoursSaved = 0...10_000_000
    /// 10 billion euros: anything above is a typing error, not a municipal project.
    public static let maxCents: Int64 = 1_000_000_000_000
    /// "FTE ≤ 100 per year" over all departments of one project.
    public static let maxFTEHundredthsPerYear = 100_00
}
