import FahrplanCore
import Vapor

extension CostBenefitProjectSection {
    /// The panel on a project's page: total cost, benefit, net present value and payback over the horizon,
    /// and the years per cost type. Every member who may see the project sees it.
    static func load(_ project: Project, req: Request, context: MunicipalityContext) async throws -> CostBenefitProjectSection? {
        guard project.archivedAt == nil else { return nil }
        let (settings, result) = try await CostBenefitService(db: req.db, context: context).project(project)
        let figures = result.figures
        let lang = req.language
        let money = { (cents: Int64?) in CostBenefitDisplay.money(cents, lang) }
        let rates = [settings.staffHourlyRateCents, settings.citizenHourlyRateCents, settings.businessHourlyRateCents].map(money)
        let assumptions = "\(req.t("cb.rates")) \(rates.joined(separator: " / ")), \(req.t("cb.interest")) "
            + CostBenefitDisplay.percent(basisPoints: settings.interestBasisPoints, lang)
        return CostBenefitProjectSection(
            horizon: CostBenefitDisplay.horizon(figures),
            assumptions: assumptions,
            facts: (result.hoursSaved.isKnown ? [FactView(label: req.t("cb.hoursSaved"), value: hours(result.hoursSaved, lang))] : []) + [
                FactView(label: req.t("cb.totalCost"), value: money(figures.totalCostCents)),
                FactView(label: req.t("cb.benefit"), value: figures.benefitKnown ? money(figures.benefitCents) : req.t("cb.unknown")),
                FactView(label: req.t("cb.npv"), value: figures.netPresentValueCents.map(money) ?? req.t("cb.unknown")),
                FactView(label: req.t("cb.payback"), value: CostBenefitDisplay.payback(figures, req)),
            ],
            noHours: !figures.benefitKnown,
            years: figures.years.map { String($0.year) },
            lines: CostBenefitDisplay.budgetLines(figures, lang),
            carried: figures.years.contains(where: \.runningCarriedForward),
            portfolioURL: SiteURL.municipality(context.municipality.slug, .costBenefit()).path)
    }

    /// "Verwaltung 900 · Bürger 2.500 · Unternehmen –": each group the profile may name, in the order of the rates.
    static func hours(_ hours: HoursSaved, _ language: Language) -> String {
        let de = language == .de
        return [(de ? "Verwaltung" : "Staff", hours.staff), (de ? "Bürger" : "Citizens", hours.citizens),
                (de ? "Unternehmen" : "Businesses", hours.businesses)]
            .map { "\($0) \($1.map { PortfolioDisplay.whole(Int64($0), language) } ?? "–")" }
            .joined(separator: " · ")
    }
}
