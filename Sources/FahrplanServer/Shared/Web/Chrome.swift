import Vapor

/// What every page's frame needs: language, title, who is signed in, the CSRF token for forms, and the
/// municipality whose pages these are.
struct Chrome: Encodable {
    struct UserInfo: Encodable {
        var displayName: String
        var email: String
        var isInstallationAdmin: Bool
    }

    struct MunicipalityNav: Encodable {
        var slug: String
        var name: String
        var canManage: Bool
        var canReadAudit: Bool
        var section: String
    }

    var lang: String
    var title: String
    var user: UserInfo?
    var csrf: String
    var municipality: MunicipalityNav?
    var links = SiteLinks()
    var municipalityLinks: MunicipalityLinks?
    /// The current path with `lang=` swapped, for the language switch.
    var switchLanguageURL: String
    var switchLanguageLabel: String
    var switchLanguageCode: String

    init(request: Request, title: String, municipality: MunicipalityNav? = nil) {
        let language = request.language
        self.lang = language.rawValue
        self.title = title
        self.user = request.currentUser.map { UserInfo(displayName: $0.displayName, email: $0.email, isInstallationAdmin: $0.isInstallationAdmin) }
        self.csrf = request.csrfToken
        self.municipality = municipality
        self.municipalityLinks = municipality.map { MunicipalityLinks(slug: $0.slug) }
        let other: Language = language == .de ? .en : .de
        var query = (request.url.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.map(String.init)
        query.append("lang=\(other.rawValue)")
        self.switchLanguageURL = request.url.path + "?" + query.joined(separator: "&")
        self.switchLanguageLabel = other == .en ? "English" : "Deutsch"
        self.switchLanguageCode = other.rawValue
    }
}

extension View {
    /// A rendered page with a status other than 200, e.g. a form shown again with its problems (422).
    func response(_ status: HTTPStatus, for request: Request) async throws -> Response {
        let response = try await encodeResponse(for: request)
        response.status = status
        return response
    }
}
