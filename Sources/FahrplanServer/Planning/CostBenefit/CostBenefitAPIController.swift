import FahrplanCore
import Fluent
import Vapor

// JSON shapes of the cost-benefit API, described one to one in `Resources/openapi.json`. Money in cents, the
// interest rate in hundredths of a percent, as whole numbers.

struct EconomicSettingsDTO: Content {
    var staffHourlyRateCents: Int64
    var citizenHourlyRateCents: Int64
    var businessHourlyRateCents: Int64
    var interestBasisPoints: Int
    var horizonYears: Int

    init(_ settings: EconomicSettings) {
        staffHourlyRateCents = settings.staffHourlyRateCents
        citizenHourlyRateCents = settings.citizenHourlyRateCents
        businessHourlyRateCents = settings.businessHourlyRateCents
        interestBasisPoints = settings.interestBasisPoints
        horizonYears = settings.horizonYears
    }

    var settings: EconomicSettings {
        EconomicSettings(staffHourlyRateCents: staffHourlyRateCents, citizenHourlyRateCents: citizenHourlyRateCents,
                         businessHourlyRateCents: businessHourlyRateCents, interestBasisPoints: interestBasisPoints, horizonYears: horizonYears)
    }
}

struct CostBenefitYearDTO: Content {
    var year: Int
    var oneOffCents: Int64
    var runningCents: Int64
    var runningCarriedForward: Bool
    var benefitCents: Int64?
    var discountFactor: Double
    var discountedCostCents: Int64
    var discountedBenefitCents: Int64?
}

/// The undiscounted benefit over the horizon by who saves the time.
struct BenefitSplitDTO: Content {
    var staffCents: Int64
    var citizenCents: Int64
    var businessCents: Int64

    init(_ split: BenefitSplit) {
        staffCents = split.staffCents
        citizenCents = split.citizenCents
        businessCents = split.businessCents
    }
}

struct CostBenefitFiguresDTO: Content {
    var firstYear: Int
    var lastYear: Int
    var oneOffCents: Int64
    var runningCents: Int64
    var totalCostCents: Int64
    var benefitKnown: Bool
    var benefitCents: Int64?
    /// `benefitCents` by who saves the time (staff, citizens, businesses); null when the benefit is unknown.
    var benefitSplit: BenefitSplitDTO?
    var netPresentValueCents: Int64?
    var paybackYears: Int?
    var paybackYear: Int?
    var years: [CostBenefitYearDTO]

    init(_ figures: CostBenefitFigures) {
        firstYear = figures.firstYear ?? 0
        lastYear = figures.lastYear ?? 0
        oneOffCents = figures.oneOffCents
        runningCents = figures.runningCents
        totalCostCents = figures.totalCostCents
        benefitKnown = figures.benefitKnown
        benefitCents = figures.benefitKnown ? figures.benefitCents : nil
        benefitSplit = figures.benefitKnown ? BenefitSplitDTO(figures.benefitSplit) : nil
        netPresentValueCents = figures.netPresentValueCents
        paybackYears = figures.paybackYears
        paybackYear = figures.paybackYear
        years = figures.years.map {
            CostBenefitYearDTO(year: $0.year, oneOffCents: $0.oneOffCents, runningCents: $0.runningCents,
                               runningCarriedForward: $0.runningCarriedForward,
                               benefitCents: figures.benefitKnown ? $0.benefitCents : nil, discountFactor: $0.discountFactor,
                               discountedCostCents: $0.discountedCostCents,
                               discountedBenefitCents: figures.benefitKnown ? $0.discountedBenefitCents : nil)
        }
    }
}

struct CostBenefitProjectDTO: Content {
    var id: UUID
    var code: String
    var title: String
    var status: String
    /// Staff hours saved a year; citizens' and businesses' below.
    var hoursSavedPerYear: Int?
    var citizenHoursSavedPerYear: Int?
    var businessHoursSavedPerYear: Int?
    var figures: CostBenefitFiguresDTO

    init(_ project: CostBenefitService.ProjectFigures) {
        id = project.id
        code = project.code
        title = project.title
        status = project.status.rawValue
        hoursSavedPerYear = project.hoursSaved.staff
        citizenHoursSavedPerYear = project.hoursSaved.citizens
        businessHoursSavedPerYear = project.hoursSaved.businesses
        figures = CostBenefitFiguresDTO(project.figures)
    }
}

struct CostBenefitPortfolioDTO: Content {
    var settings: EconomicSettingsDTO
    var projects: [CostBenefitProjectDTO]
    var projectCount: Int
    var appraisedCount: Int
    /// Every project: the mid-term budget's figures.
    var budget: CostBenefitFiguresDTO
    /// The projects with known benefit: the portfolio's net present value and payback.
    var appraised: CostBenefitFiguresDTO
}

struct CostBenefitSingleDTO: Content {
    var settings: EconomicSettingsDTO
    var project: CostBenefitProjectDTO
}

/// The economic settings and the cost-benefit figures over JSON.
struct CostBenefitAPIController {
    func register(on api: any RoutesBuilder) {
        let endpoints = api.apiEndpoints
        endpoints.get(.economicSettings, use: settings)
        endpoints.put(.economicSettings, use: replaceSettings)
        endpoints.get(.costBenefit(), use: portfolio)
        endpoints.get(.costBenefit(.project(.key)), use: project)
    }

    func settings(_ req: Request) async throws -> EconomicSettingsDTO {
        let context = try await req.municipalityContext()
        return EconomicSettingsDTO(try await EconomicSettingsService(db: req.db, context: context).settings())
    }

    /// Replaces all five values at once; a value out of range is 422 under its name, and nothing is stored.
    func replaceSettings(_ req: Request) async throws -> EconomicSettingsDTO {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(EconomicSettingsDTO.self)
        let saved = try await APIFieldNames.translating {
            try await EconomicSettingsService(db: req.db, context: context).save(body.settings)
        }
        return EconomicSettingsDTO(saved)
    }

    /// `?status=` one project status (default: all but cancelled); `?sort=npv` highest net present value first
    /// (default: by code).
    func portfolio(_ req: Request) async throws -> CostBenefitPortfolioDTO {
        let context = try await req.municipalityContext()
        var query = APIQuery(req)
        let status = query.choice("status", ProjectStatus.allCases.map(\.rawValue)).flatMap(ProjectStatus.init(rawValue:))
        let sort = query.choice("sort", ["code", "npv"]) ?? "code"
        try query.finish()
        let data = try await CostBenefitService(db: req.db, context: context)
            .portfolio(statuses: status.map { [$0] } ?? CostBenefitService.defaultStatuses)
        let projects = sort == "npv" ? CostBenefitWebController.sortedByNPV(data.projects) : data.projects
        return CostBenefitPortfolioDTO(settings: EconomicSettingsDTO(data.settings), projects: projects.map(CostBenefitProjectDTO.init),
                                       projectCount: data.totals.projectCount, appraisedCount: data.totals.appraisedCount,
                                       budget: CostBenefitFiguresDTO(data.totals.budget), appraised: CostBenefitFiguresDTO(data.totals.appraised))
    }

    func project(_ req: Request) async throws -> CostBenefitSingleDTO {
        let context = try await req.municipalityContext()
        let row = try await context.find(Project.self, req.parameters.get("project"), on: req.db, municipalityKey: \.$municipality.$id)
        let (settings, figures) = try await CostBenefitService(db: req.db, context: context).project(row)
        return CostBenefitSingleDTO(settings: EconomicSettingsDTO(settings), project: CostBenefitProjectDTO(figures))
    }
}
