import Foundation

/// A KPI as a form or the API sends it: text fields, checked in one go so that every problem is named at once.
public struct KPIInput: Sendable, Equatable {
    public var name: String?
    public var unit: String?
    public var direction: String?
    public var baseline: String?
    public var baselineOn: String?
    public var target: String?
    public var targetOn: String?
    public var cadence: String?

    public static let maxNameLength = 200
    public static let maxUnitLength = 40

    public init(name: String? = nil, unit: String? = nil, direction: String? = nil, baseline: String? = nil,
                baselineOn: String? = nil, target: String? = nil, targetOn: String? = nil, cadence: String? = nil) {
        self.name = name; self.unit = unit; self.direction = direction; self.baseline = baseline
        self.baselineOn = baselineOn; self.target = target; self.targetOn = targetOn; self.cadence = cadence
    }

    /// The definition, or every problem: a blank or unknown direction, a number that is none, a target date not
    /// after the baseline date, a target on the wrong side of the baseline (equal counts as wrong: no progress
    /// could be measured).
    public func validated() throws -> KPIDefinition {
        var check = Validator()
        let name = check.text("name", name, required: true, max: Self.maxNameLength)
        let unit = check.text("unit", unit, required: true, max: Self.maxUnitLength)
        let direction = MonitoringInput.choice("direction", direction, KPIDirection.self, required: true, &check)
        let cadence = MonitoringInput.choice("cadence", cadence, KPICadence.self, required: false, &check) ?? .default
        let baseline = KPINumber.parse("baselineValue", baseline, required: true, &check)
        let target = KPINumber.parse("targetValue", target, required: true, &check)
        let baselineOn = KPINumber.day("baselineOn", baselineOn, required: true, &check)
        let targetOn = KPINumber.day("targetOn", targetOn, required: true, &check)
        if let baselineOn, let targetOn, targetOn <= baselineOn { check.add("targetOn", .endBeforeStart) }
        if let direction, let baseline, let target {
            let rightWay = direction == .increase ? target > baseline : target < baseline
            if !rightWay { check.add("targetValue", .againstDirection) }
        }
        try check.finish()
        return KPIDefinition(name: name!, unit: unit!, direction: direction!, baseline: baseline!, baselineOn: baselineOn!,
                             target: target!, targetOn: targetOn!, cadence: cadence)
    }
}

/// A measurement as a form, the API or a CSV row sends it.
public struct KPIMeasurementInput: Sendable, Equatable {
    public var measuredOn: String?
    public var value: String?
    /// Optional: when given, it must be the KPI's unit, so that a figure in the wrong unit is not stored silently.
    public var unit: String?
    public var note: String?

    public static let maxNoteLength = 1000

    public init(measuredOn: String? = nil, value: String? = nil, unit: String? = nil, note: String? = nil) {
        self.measuredOn = measuredOn; self.value = value; self.unit = unit; self.note = note
    }

    /// The measurement, or every problem: no or an invalid date, a date after `today` (the municipality's day),
    /// a value that is not a finite number, a unit other than the KPI's.
    public func validated(for kpi: KPIDefinition, today: CalendarDay, source: KPIMeasurementSource,
                          fieldPrefix: String = "") throws -> KPIMeasurement {
        var check = Validator()
        let dateField = fieldPrefix + "measuredOn"
        let measuredOn = KPINumber.day(dateField, measuredOn, required: true, &check)
        if let measuredOn, measuredOn > today { check.add(dateField, .dateInFuture) }
        let value = KPINumber.parse(fieldPrefix + "value", value, required: true, &check)
        if let unit = CleanText.normalize(unit, multiline: false), !kpi.accepts(unit: unit) {
            check.add(fieldPrefix + "unit", .unitMismatch(expected: kpi.unit))
        }
        let note = check.text(fieldPrefix + "note", note, required: false, max: Self.maxNoteLength, multiline: true)
        try check.finish()
        return KPIMeasurement(measuredOn: measuredOn!, value: value!, note: note, source: source)
    }
}

/// Numbers and days of KPI inputs: a KPI value may be negative (a balance, a change), unlike the amounts of a
/// profile, so `LocaleNumber`'s sign rule is applied to the magnitude only.
enum KPINumber {
    static func parse(_ field: String, _ raw: String?, required: Bool, _ check: inout Validator) -> Double? {
        guard var text = CleanText.normalize(raw, multiline: false) else {
            if required { check.add(field, .required) }
            return nil
        }
        var sign = 1.0
        if text.hasPrefix("-") || text.hasPrefix("−") {
            sign = -1
            text.removeFirst()
        }
        do throws(LocaleNumberError) {
            let magnitude = NSDecimalNumber(decimal: try LocaleNumber.parse(text)).doubleValue
            guard magnitude.isFinite else {
                check.add(field, .notADecimal)
                return nil
            }
            return sign * magnitude
        } catch {
            check.add(field, .notADecimal)
            return nil
        }
    }

    static func day(_ field: String, _ raw: String?, required: Bool, _ check: inout Validator) -> CalendarDay? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            if required { check.add(field, .required) }
            return nil
        }
        guard let day = CalendarDay(parsing: text) else {
            check.add(field, .invalidDate)
            return nil
        }
        return day
    }
}
