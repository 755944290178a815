import FahrplanCore
import Foundation

/// Every endpoint of the JSON API, `/api/v1/…`, in one table (the API's counterpart of `SiteURL`):
/// registered with `routes.apiEndpoints.get(.project(.key), use: show)`, linked (`Location` headers) with
/// `APIURL.project(.value(id)).path`. `openapi.json` describes the same endpoints (`OpenAPIDocumentTests`).
enum APIURL: RouteTable {
    case openAPI
    case me
    case municipality
    case vision
    case auditEvents
    case elements(StrategyElementKind)
    case element(StrategyElementKind, IDParameter, ElementEndpoint = .show)
    case departments
    case department(IDParameter, ArchivableEndpoint = .show)
    case members
    case member(IDParameter)
    case invitation(IDParameter, InvitationEndpoint = .withdraw)
    case projects(ProjectsEndpoint = .list)
    case project(IDParameter, ProjectEndpoint = .show)
    case calls
    case call(IDParameter, CallEndpoint = .show)
    case criteria(CriteriaEndpoint = .list)
    case criterion(IDParameter, ArchivableEndpoint = .show)
    case rounds
    case round(IDParameter, RoundEndpoint = .show)
    case scenario(round: IDParameter, IDParameter, ScenarioEndpoint = .show)
    case decisions(DecisionsEndpoint = .list)
    case plans
    case plan(IDParameter, PlanEndpoint = .show)
    /// The municipality's economic settings (GET, PUT).
    case economicSettings
    case costBenefit(CostBenefitEndpoint = .portfolio)
    /// Status reports, milestones, KPIs, update cycles, locks, dashboard (`MonitoringAPIEndpoint`).
    case monitoring(MonitoringAPIEndpoint)
    /// The inventory: overview, maturity model, IT systems, administrative services (`InventoryAPIEndpoint`).
    case inventory(InventoryAPIEndpoint)
    /// Quick-Check survey rounds of the token's municipality (`SurveyPages.swift`).
    case surveys
    case survey(IDParameter, SurveyEndpoint = .show)
    /// A survey's form and the anonymous submission, public: the token in the path is the only key.
    case publicSurvey(PathParameter<String>, PublicSurveyEndpoint = .show)
    /// Results of Quick-Check rounds and Potenzialchecks, first steps into project ideas (`MaturityResultsAPIEndpoint`).
    case maturityResults(MaturityResultsAPIEndpoint)
    /// Questionnaires (the document in the file format) and Potenzialchecks with their ratings (`MaturityPages.swift`).
    case questionnaires
    case questionnaire(IDParameter)
    case assessments
    case assessment(IDParameter, AssessmentEndpoint = .show)
    /// The public portal's settings and public projects (team), and a municipality's public portal data (no auth).
    case portalSettings
    case publicPortal(PathParameter<String>)
    /// The committee report (Bericht an den Digitalisierungsausschuss) as JSON or DOCX.
    case committeeReport
    /// Strategy versions, their difference and what changed since the last one (`StrategyVersionPages.swift`).
    case strategyVersions(StrategyVersionsEndpoint = .list)
    case strategyVersion(IDParameter)
    /// Newsletter issues: list, new draft, one issue with publishing and its e-mail renderings (`NewsletterAPIController`).
    case newsletters
    case newsletter(IDParameter, NewsletterEndpoint = .show)

    enum ElementEndpoint: String, FixedPages {
        case show = ""
        case archive, restore, history
    }

    enum ArchivableEndpoint: String, FixedPages {
        case show = ""
        case archive, restore
    }

    enum InvitationEndpoint: String, FixedPages {
        case withdraw = ""
        case renew
    }

    enum ProjectsEndpoint: String, FixedPages {
        case list = ""
        case similar, duplicates, assign, `import`, export
    }

    enum ProjectEndpoint: String, FixedPages {
        case show = ""
        case status, archive, restore, merge, history, similar, decisions
    }

    enum CallEndpoint: String, FixedPages {
        case show = ""
        case close, reopen, archive, restore, complete, incomplete
    }

    enum CriteriaEndpoint: String, FixedPages {
        case list = ""
        case defaults
    }

    enum RoundEndpoint: String, FixedPages {
        case show = ""
        case scope, weights, open, close
        case ranking, sensitivity, overrides
        case myRatings = "ratings/mine"
        case myComparisons = "comparisons/mine"
        case ahp
        case adoptAHP = "ahp/adopt"
        case scenarios
    }

    enum ScenarioEndpoint: String, FixedPages {
        case show = ""
        case comparison, adopt, archive
    }

    enum DecisionsEndpoint: String, FixedPages {
        case list = ""
        case export
    }

    enum PlanEndpoint: String, FixedPages {
        case show = ""
        case archive, capacities, projects, solve, result, explanations, starts, scenarios, compare, export, solution, frontier
        case `import`
    }

    enum CostBenefitEndpoint: Sendable {
        case portfolio
        case project(IDParameter)

        var segments: [PathSegment] {
            switch self {
            case .portfolio: []
            case .project(let id): [.fixed("projects"), id.segment("project")]
            }
        }
    }

    var segments: [PathSegment] {
        [.fixed("api"), .fixed("v1")] + endpointSegments
    }

    private var endpointSegments: [PathSegment] {
        switch self {
        case .openAPI: [.fixed("openapi.json")]
        case .me: [.fixed("me")]
        case .municipality: [.fixed("municipality")]
        case .vision: [.fixed("vision")]
        case .auditEvents: [.fixed("audit-events")]
        case .elements(let kind): [.fixed(kind.pathSegment)]
        case .element(let kind, let id, let endpoint): [.fixed(kind.pathSegment), id.segment("element")] + endpoint.segments
        case .departments: [.fixed("departments")]
        case .department(let id, let endpoint): [.fixed("departments"), id.segment("department")] + endpoint.segments
        case .members: [.fixed("members")]
        case .member(let id): [.fixed("members"), id.segment("user")]
        case .invitation(let id, let endpoint): [.fixed("invitations"), id.segment("invitation")] + endpoint.segments
        case .projects(let endpoint): [.fixed("projects")] + endpoint.segments
        case .project(let id, let endpoint): [.fixed("projects"), id.segment("project")] + endpoint.segments
        case .calls: [.fixed("calls")]
        case .call(let id, let endpoint): [.fixed("calls"), id.segment("call")] + endpoint.segments
        case .criteria(let endpoint): [.fixed("criteria")] + endpoint.segments
        case .criterion(let id, let endpoint): [.fixed("criteria"), id.segment("criterion")] + endpoint.segments
        case .rounds: [.fixed("rounds")]
        case .round(let id, let endpoint): [.fixed("rounds"), id.segment("round")] + endpoint.segments
        case .scenario(let round, let id, let endpoint):
            [.fixed("rounds"), round.segment("round"), .fixed("scenarios"), id.segment("scenario")] + endpoint.segments
        case .decisions(let endpoint): [.fixed("decisions")] + endpoint.segments
        case .plans: [.fixed("plans")]
        case .plan(let id, let endpoint): [.fixed("plans"), id.segment("plan")] + endpoint.segments
        case .economicSettings: [.fixed("economic-settings")]
        case .costBenefit(let endpoint): [.fixed("cost-benefit")] + endpoint.segments
        case .monitoring(let endpoint): endpoint.segments
        case .inventory(let endpoint): endpoint.segments
        case .surveys: [.fixed("maturity"), .fixed("surveys")]
        case .survey(let id, let endpoint): [.fixed("maturity"), .fixed("surveys"), id.segment("survey")] + endpoint.segments
        case .publicSurvey(let token, let endpoint): [.fixed("surveys"), token.segment("token")] + endpoint.segments
        case .maturityResults(let endpoint): endpoint.segments
        case .questionnaires: [.fixed("maturity"), .fixed("questionnaires")]
        case .questionnaire(let id): [.fixed("maturity"), .fixed("questionnaires"), id.segment("questionnaire")]
        case .assessments: [.fixed("maturity"), .fixed("assessments")]
        case .assessment(let id, let endpoint): [.fixed("maturity"), .fixed("assessments"), id.segment("assessment")] + endpoint.segments
        case .portalSettings: [.fixed("portal"), .fixed("settings")]
        case .publicPortal(let slug): [.fixed("public"), slug.segment("slug")]
        case .committeeReport: [.fixed("reports"), .fixed("committee")]
        case .strategyVersions(let endpoint): [.fixed("strategy-versions")] + endpoint.segments
        case .strategyVersion(let id): [.fixed("strategy-versions"), id.segment("version")]
        case .newsletters: [.fixed("newsletters")]
        case .newsletter(let id, let endpoint): [.fixed("newsletters"), id.segment("newsletter")] + endpoint.segments
        }
    }

    static var allRoutes: [APIURL] {
        var all: [APIURL] = [.openAPI, .me, .municipality, .vision, .auditEvents, .departments, .members, .member(.key),
                             .calls, .rounds]
        for kind in StrategyElementKind.allCases {
            all.append(.elements(kind))
            all += ElementEndpoint.allCases.map { .element(kind, .key, $0) }
        }
        all += ArchivableEndpoint.allCases.map { .department(.key, $0) }
        all += InvitationEndpoint.allCases.map { .invitation(.key, $0) }
        all += ProjectsEndpoint.allCases.map { .projects($0) }
        all += ProjectEndpoint.allCases.map { .project(.key, $0) }
        all += CallEndpoint.allCases.map { .call(.key, $0) }
        all += CriteriaEndpoint.allCases.map { .criteria($0) }
        all += ArchivableEndpoint.allCases.map { .criterion(.key, $0) }
        all += RoundEndpoint.allCases.map { .round(.key, $0) }
        all += ScenarioEndpoint.allCases.map { .scenario(round: .key, .key, $0) }
        all += DecisionsEndpoint.allCases.map { .decisions($0) }
        all += [.plans] + PlanEndpoint.allCases.map { .plan(.key, $0) }
        all += [.economicSettings, .costBenefit(.portfolio), .costBenefit(.project(.key))]
        all += MonitoringAPIEndpoint.allRoutes.map { .monitoring($0) }
        all += InventoryAPIEndpoint.allRoutes.map { .inventory($0) }
        all += [.surveys] + SurveyEndpoint.allCases.map { .survey(.key, $0) } + PublicSurveyEndpoint.allCases.map { .publicSurvey(.key, $0) }
        all += MaturityResultsAPIEndpoint.allRoutes.map { .maturityResults($0) }
        all += [.questionnaires, .questionnaire(.key), .assessments] + AssessmentEndpoint.allCases.map { .assessment(.key, $0) }
        all += [.committeeReport]
        all += [.portalSettings, .publicPortal(.key)]
        all += StrategyVersionsEndpoint.allCases.map { .strategyVersions($0) } + [.strategyVersion(.key)]
        all += [.newsletters] + NewsletterEndpoint.allCases.map { .newsletter(.key, $0) }
        return all
    }
}
