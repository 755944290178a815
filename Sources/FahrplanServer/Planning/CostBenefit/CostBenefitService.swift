import FahrplanCore
import Fluent
import Foundation

/// Loads the projects' money and hours saved, and hands them with the municipality's economic settings to the
/// core's `CostBenefitAnalysis`. The horizon starts in the current budget year of the municipal calendar.
struct CostBenefitService {
    var db: any Database
    var context: MunicipalityContext

    /// One project's figures beside what it is.
    struct ProjectFigures: Sendable {
        var id: UUID
        var code: String
        var title: String
        var status: ProjectStatus
        /// Hours saved a year by staff, citizens and businesses, as the profile gives them.
        var hoursSaved: HoursSaved
        var figures: CostBenefitFigures
    }

    struct Portfolio: Sendable {
        var settings: EconomicSettings
        var firstYear: Int
        var projects: [ProjectFigures]
        var totals: PortfolioCostBenefit
    }

    /// The projects a portfolio analysis looks at by default: every active one except cancelled projects.
    static let defaultStatuses = ProjectStatus.allCases.filter { $0 != .cancelled }

    var firstYear: Int { context.calendar.today.year }

    /// Every active project with one of `statuses`, in code order.
    func portfolio(statuses: [ProjectStatus] = Self.defaultStatuses) async throws -> Portfolio {
        let settings = try await MunicipalityEconomics.settings(of: context.municipalityID, on: db)
        let rows = try await Project.query(on: db).filter(\.$municipality.$id == context.municipalityID)
            .filter(\.$archivedAt == nil).filter(\.$status ~~ statuses.map(\.rawValue)).sort(\.$code).all()
        let projects = try await figures(rows, settings: settings)
        let totals = CostBenefitAnalysis.portfolio(projects.map(\.figures), settings: settings, firstYear: firstYear)
        return Portfolio(settings: settings, firstYear: firstYear, projects: projects, totals: totals)
    }

    func project(_ project: Project) async throws -> (EconomicSettings, ProjectFigures) {
        let settings = try await MunicipalityEconomics.settings(of: context.municipalityID, on: db)
        guard let figures = try await figures([project], settings: settings).first else { throw FahrplanError.notFound }
        return (settings, figures)
    }

    private func figures(_ projects: [Project], settings: EconomicSettings) async throws -> [ProjectFigures] {
        var costs: [UUID: [CostBenefitProject.CostYear]] = [:]
        let ids = try projects.map { try $0.requireID() }
        for chunk in ids.chunked(into: 400) {
            for cost in try await ProjectCost.query(on: db).filter(\.$project.$id ~~ chunk).all() {
                costs[cost.$project.id, default: []].append(.init(year: cost.year, oneOffCents: cost.oneOffCents, runningCents: cost.runningCents))
            }
        }
        let firstYear = firstYear
        return try projects.map { project in
            let id = try project.requireID()
            let input = CostBenefitProject(id: id.uuidString, code: project.code, title: project.title, costs: costs[id] ?? [],
                                           staffHoursSavedPerYear: project.hoursSavedPerYear,
                                           citizenHoursSavedPerYear: project.citizenHoursSavedPerYear,
                                           businessHoursSavedPerYear: project.businessHoursSavedPerYear,
                                           endYear: project.endOn.flatMap { CalendarDay(parsing: $0) }?.year)
            return ProjectFigures(id: id, code: project.code, title: project.title, status: project.projectStatus,
                                  hoursSaved: input.hoursSaved,
                                  figures: CostBenefitAnalysis.analyze(input, settings: settings, firstYear: firstYear))
        }
    }
}
