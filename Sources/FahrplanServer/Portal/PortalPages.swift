import Foundation

/// The public portal of one municipality, `/p/:slug/…` (no sign-in, no cookies).
enum PortalPage: Sendable {
    case start
    case projects
    case project(IDParameter)
    case accessibility
    case feed
    case newsletter(PathParameter<String>)

    var segments: [PathSegment] {
        switch self {
        case .start: []
        case .projects: [.fixed("projects")]
        case .project(let id): [.fixed("projects"), id.segment("project")]
        case .accessibility: [.fixed("barrierefreiheit")]
        case .feed: [.fixed("feed.atom")]
        case .newsletter(let number): [.fixed("newsletter"), number.segment("number")]
        }
    }

    static var allRoutes: [PortalPage] { [.start, .projects, .project(.key), .accessibility, .feed, .newsletter(.key)] }
}

extension MunicipalityPage {
    /// `/m/:m/portal`: the strategy team's settings of the public portal and the selection of public projects.
    enum PortalSettingsPage: String, FixedPages {
        case show = ""
        case projects
    }
}

extension SiteURL {
    /// A link into a municipality's public portal.
    static func portal(_ slug: String, _ page: PortalPage = .start) -> SiteURL { .portal(.value(slug), page) }
}
