import FahrplanCore
import Fluent
import Vapor

/// Builds the page of one KPI: facts, progress, trend, staleness, the chart and its table, the forms.
struct KPIPageBuilder {
    var req: Request
    var context: MunicipalityContext
    var service: KPIService

    func detail(_ kpi: KPIRecord, values: KPIDetailPage.Values, problems: [FieldProblem], notice: String?) async throws -> View {
        let english = req.language != .de
        let slug = context.municipality.slug
        let goal = try await service.goal(of: kpi)
        let definition = kpi.definition
        let measurements = try await service.measurements(of: kpi).compactMap(\.measurement)
        let progress = KPIProgress.of(definition, measurements: measurements)
        let trend = KPITrend.of(definition, measurements: measurements)
        let staleness = KPIStaleness.of(definition, lastMeasuredOn: progress?.latest.measuredOn, today: context.calendar.today)
        let owner = try await kpi.$owner.id.asyncMap { try await User.find($0, on: req.db)?.displayName } ?? nil
        let project = try await kpi.$project.id.asyncMap { try await Project.find($0, on: req.db) } ?? nil
        let (lines, byField) = req.problemLines(problems)
        let canRecord = service.canRecord(kpi, goal: goal)
        let id = try kpi.requireID()
        func number(_ value: Double) -> String { "\(KPIDisplay.number(value, english: english)) \(kpi.unit)" }
        var facts = [
            KPIDetailPage.Fact(label: req.t("field.unit"), value: kpi.unit),
            KPIDetailPage.Fact(label: req.t("field.direction"), value: req.t("kpi.direction.\(definition.direction.rawValue)")),
            KPIDetailPage.Fact(label: req.t("field.baselineValue"), value: "\(number(kpi.baseline)) (\(KPIDisplay.day(definition.baselineOn, english: english)))"),
            KPIDetailPage.Fact(label: req.t("field.targetValue"), value: "\(number(kpi.target)) (\(KPIDisplay.day(definition.targetOn, english: english)))"),
            KPIDetailPage.Fact(label: req.t("field.cadence"), value: req.t("kpi.cadence.\(definition.cadence.rawValue)")),
            KPIDetailPage.Fact(label: req.t("field.ownerID"), value: owner ?? req.t("kpi.noOwner")),
        ]
        if let project { facts.append(KPIDetailPage.Fact(label: req.t("field.projectID"), value: "\(project.code) \(project.title)")) }
        let trendText = trend.map { trend in
            "\(req.t(trend.onTrack ? "kpi.onTrack" : "kpi.offTrack")) – \(req.t("kpi.projected")): \(number(trend.projectedAtTarget))"
        } ?? req.t("kpi.noTrend")
        let rows = measurements.reversed().map { m in
            KPIDetailPage.Measurement(day: KPIDisplay.day(m.measuredOn, english: english), value: KPIDisplay.number(m.value, english: english),
                                      note: m.note ?? "", source: req.t("kpi.source.\(m.source.rawValue)"),
                                      trend: trend.map { KPIDisplay.number($0.value(on: m.measuredOn), english: english) } ?? "–")
        }
        return try await req.view.render("monitoring/kpi", KPIDetailPage(
            chrome: context.chrome(req, title: kpi.name, section: "kpis"), name: kpi.name,
            listURL: SiteURL.municipality(slug, .kpis()).path,
            editURL: service.canManage(goal: goal) ? SiteURL.municipality(slug, .kpi(.value(id), .edit)).path : nil,
            goalURL: SiteURL.municipality(slug, .element(.goal, .value(goal.id))).path, goalTitle: goal.title,
            facts: facts, progress: KPIDisplay.progress(progress, english: english), trend: trendText,
            stale: staleness.isStale ? KPIDisplay.staleNote(staleness, english: english) : nil,
            chart: KPIChart.svg(id: "kpi-chart", kpi: definition, measurements: measurements, trend: trend, language: req.language),
            measurements: rows.isEmpty ? nil : Array(rows),
            measurementAction: canRecord ? SiteURL.municipality(slug, .kpi(.value(id), .measurements)).path : nil,
            uploadAction: canRecord ? SiteURL.municipality(slug, .kpi(.value(id), .upload)).path : nil,
            values: values, problems: lines, fieldErrors: byField, notice: notice))
    }
}
