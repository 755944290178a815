import FahrplanCore
import Foundation

/// Every page of the site, in one table: the routes are registered from it (`RoutesBuilder.sitePages`,
/// `.municipalityPages`) and links and redirects are built from it (`.path`), so a link cannot point to a
/// page that does not exist. The JSON API has its own table, `APIURL`.
///
/// Register with keys: `routes.sitePages.get(.login, use: form)`,
/// `routes.municipalityPages.get(.project(.key, .edit), use: editForm)`.
/// Link with values: `SiteURL.login.path`, `SiteURL.municipality(slug, .project(.value(id), .edit)).path`.
enum SiteURL: RouteTable {
    case home
    case login
    case loginCode
    case logout
    case account(AccountPage = .overview)
    case revokeToken(IDParameter)
    case admin(AdminPage)
    case invitation(PathParameter<String>)
    /// A Quick-Check survey's answer form, `/q/:token`: a round's public token or one invitation token; no login.
    case publicSurvey(PathParameter<String>)
    case health
    case readiness
    /// Prometheus metrics, `/metrics`: 404 unless FAHRPLAN_METRICS_TOKEN or FAHRPLAN_METRICS_ADDRESS is set.
    case metrics
    /// A municipality's pages, `/m/:municipality/…`.
    case municipality(PathParameter<String>, MunicipalityPage)
    /// A municipality's public transparency portal, `/p/:slug/…` (`PortalPages.swift`): no login, no cookies.
    case portal(PathParameter<String>, PortalPage)

    /// A link into a municipality.
    static func municipality(_ slug: String, _ page: MunicipalityPage = .overview) -> SiteURL {
        .municipality(.value(slug), page)
    }

    enum AccountPage: String, FixedPages {
        case overview = ""
        case language, password, tokens
        case mfa
        case mfaConfirm = "mfa/confirm"
        case mfaRecoveryCodes = "mfa/recovery-codes"
        case mfaDisable = "mfa/disable"
    }

    enum AdminPage: String, FixedPages {
        case municipalities
        case accounts
        case disableAccount = "accounts/disable"
        case enableAccount = "accounts/enable"
        case authEvents = "auth-events"
    }

    var segments: [PathSegment] {
        switch self {
        case .home: []
        case .login: [.fixed("login")]
        case .loginCode: [.fixed("login"), .fixed("code")]
        case .logout: [.fixed("logout")]
        case .account(let page): [.fixed("account")] + page.segments
        case .revokeToken(let token): [.fixed("account"), .fixed("tokens"), token.segment("token"), .fixed("revoke")]
        case .admin(let page): [.fixed("admin")] + page.segments
        case .invitation(let secret): [.fixed("invitations"), secret.segment("secret")]
        case .publicSurvey(let token): [.fixed("q"), token.segment("token")]
        case .health: [.fixed("healthz")]
        case .readiness: [.fixed("readyz")]
        case .metrics: [.fixed("metrics")]
        case .municipality(let slug, let page): [.fixed("m"), slug.segment("municipality")] + page.segments
        case .portal(let slug, let page): [.fixed("p"), slug.segment("slug")] + page.segments
        }
    }

    static var allRoutes: [SiteURL] {
        [.home, .login, .loginCode, .logout, .revokeToken(.key), .invitation(.key), .publicSurvey(.key), .health, .readiness, .metrics]
            + AccountPage.allCases.map { .account($0) }
            + AdminPage.allCases.map { .admin($0) }
            + MunicipalityPage.allRoutes.map { .municipality(.key, $0) }
            + PortalPage.allRoutes.map { .portal(.key, $0) }
    }
}
