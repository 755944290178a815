import FahrplanCore

/// A KPI over time as inline SVG: the measurements as a line with dots, the target as a dashed line with a ring
/// at the target date, the baseline as a thin line, the trend as a dotted line from the first measurement to the
/// target date. Lines differ in dash pattern, not colour alone; title and description say what it shows, and the
/// page gives the same figures as a table.
enum KPIChart {
    static let width = 640
    static let height = 260
    static let left = 70
    static let right = 20
    static let top = 20
    static let bottom = 40

    static func svg(id: String, kpi: KPIDefinition, measurements: [KPIMeasurement], trend: KPITrend?, language: Language) -> String {
        let say = ChartWording(language: language)
        let english = language != .de
        var out = ChartBuffer(capacity: 4_096 + measurements.count * 120)
        out.open(id: id, cssClass: "kpi-chart", width: width, height: height)
        let description = say("Messwerte von \(kpi.name) in \(kpi.unit): \(measurements.count) Werte; Ausgangswert \(KPIDisplay.number(kpi.baseline, english: false)) am \(kpi.baselineOn.german), Ziel \(KPIDisplay.number(kpi.target, english: false)) bis \(kpi.targetOn.german)",
                              "Measurements of \(kpi.name) in \(kpi.unit): \(measurements.count) values; baseline \(KPIDisplay.number(kpi.baseline, english: true)) on \(kpi.baselineOn.iso), target \(KPIDisplay.number(kpi.target, english: true)) by \(kpi.targetOn.iso)")
            + (trend.map { say("; Trend am Zieldatum \(KPIDisplay.number($0.projectedAtTarget, english: false)) (\($0.onTrack ? "auf Kurs" : "nicht auf Kurs")).",
                                "; trend at the target date \(KPIDisplay.number($0.projectedAtTarget, english: true)) (\($0.onTrack ? "on track" : "off track")).") } ?? ".")
        out.titleAndDescription(id: id, title: say("Verlauf: \(kpi.name)", "Course: \(kpi.name)"), description: description)

        let first = ([kpi.baselineOn] + measurements.map(\.measuredOn)).min()!
        let last = max(kpi.targetOn, measurements.map(\.measuredOn).max() ?? kpi.targetOn)
        let span = max(1, first.days(to: last))
        var values = [kpi.baseline, kpi.target] + measurements.map(\.value)
        if let trend { values += [trend.value(on: trend.startOn), trend.projectedAtTarget] }
        var low = values.min()!, high = values.max()!
        if high == low { high += 1; low -= 1 }
        let pad = (high - low) * 0.08
        low -= pad; high += pad
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        func x(_ day: CalendarDay) -> Int { left + Int((Double(first.days(to: day)) / Double(span) * plotWidth).rounded()) }
        func y(_ value: Double) -> Int { top + Int(((high - value) / (high - low) * plotHeight).rounded()) }

        // Axes with the lowest and highest value and the first and last day.
        out.raw("<line class=\"kpi-axis\" x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\"/>")
        out.raw("<line class=\"kpi-axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\"/>")
        for value in [low + pad, high - pad] {
            out.raw("<text class=\"chart-text\" x=\"\(left - 6)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">")
            out.escaped(KPIDisplay.number(value, english: english)); out.raw("</text>")
        }
        for (day, anchor) in [(first, "start"), (last, "end")] {
            out.raw("<text class=\"chart-text\" x=\"\(x(day))\" y=\"\(height - bottom + 18)\" text-anchor=\"\(anchor)\">")
            out.escaped(KPIDisplay.day(day, english: english)); out.raw("</text>")
        }
        // Baseline (thin) and target (dashed, ring at the target date).
        out.raw("<line class=\"kpi-baseline\" x1=\"\(left)\" y1=\"\(y(kpi.baseline))\" x2=\"\(width - right)\" y2=\"\(y(kpi.baseline))\"/>")
        out.raw("<line class=\"kpi-target\" x1=\"\(left)\" y1=\"\(y(kpi.target))\" x2=\"\(width - right)\" y2=\"\(y(kpi.target))\" stroke-dasharray=\"8 4\"/>")
        out.raw("<circle class=\"kpi-target-point\" cx=\"\(x(kpi.targetOn))\" cy=\"\(y(kpi.target))\" r=\"6\"/>")
        out.raw("<text class=\"chart-text\" x=\"\(width - right)\" y=\"\(y(kpi.target) - 6)\" text-anchor=\"end\">")
        out.escaped(say("Ziel", "Target")); out.raw("</text>")
        if let trend {
            out.raw("<line class=\"kpi-trend\" x1=\"\(x(trend.startOn))\" y1=\"\(y(trend.value(on: trend.startOn)))\" x2=\"\(x(kpi.targetOn))\" y2=\"\(y(trend.projectedAtTarget))\" stroke-dasharray=\"2 4\"/>")
        }
        if !measurements.isEmpty {
            out.raw("<polyline class=\"kpi-line\" fill=\"none\" points=\"")
            out.raw(measurements.map { "\(x($0.measuredOn)),\(y($0.value))" }.joined(separator: " "))
            out.raw("\"/>")
            for measurement in measurements {
                out.raw("<circle class=\"kpi-point\" cx=\"\(x(measurement.measuredOn))\" cy=\"\(y(measurement.value))\" r=\"3\"/>")
            }
        }
        out.raw("</svg>")
        return out.text
    }
}
