import FahrplanCore
import Foundation
import Vapor

/// The public transparency portal, `/p/:slug/…`, and its JSON twin `GET /api/v1/public/:slug`. Registered outside the
/// session, language and CSRF middlewares (configure.swift): no cookie is read or set, nothing needs JavaScript.
/// Language: German, English with `?lang=en` (the only input besides `?page=`), so the address alone names a page and
/// shared caches can keep it. Every "not there" — unknown or archived municipality, unpublished portal, unknown,
/// archived or not public project, unknown newsletter, malformed id — is the same 404 page.
struct PortalPublicController {
    static let maxAge = 60
    static let pageSize = 50

    func register(on app: any RoutesBuilder) {
        let pages = app.sitePages
        pages.get(.portal(.key, .start), answering: fromMemory({ _ in "start" }, else: start))
        pages.get(.portal(.key, .projects), answering: fromMemory({ "projects|\(Self.listPage($0))" }, else: projects))
        pages.get(.portal(.key, .project(.key)),
                  answering: fromMemory({ Self.projectID($0).map { "project|\($0.uuidString)" } }, else: project))
        pages.get(.portal(.key, .accessibility), answering: fromMemory({ _ in "a11y" }, else: accessibility))
        pages.get(.portal(.key, .feed), answering: fromMemory({ _ in "feed" }, else: feed))
        pages.get(.portal(.key, .newsletter(.key)), use: newsletter)
        app.apiEndpoints.get(.publicPortal(.key), use: api)
    }

    /// Most citizens' requests ask for a page that is remembered: answered on the event loop without a task (the
    /// task and its switches cost more than the page). Everything else — first request, new version, a page that is
    /// not there — takes the full path `slow`, which reads, renders and remembers.
    private func fromMemory(_ key: @escaping @Sendable (Request) -> String?,
                            else slow: @escaping @Sendable (Request) async throws -> Response) -> @Sendable (Request) -> EventLoopFuture<Response> {
        { req in
            let language = Self.language(req)
            if let key = key(req), let slug = req.parameters.get("slug"),
               let rendered = req.application.portalCache.remembered(slug: slug, key: key + "|" + language.rawValue),
               !rendered.eTag.isEmpty {
                req.language = language
                return req.eventLoop.makeSucceededFuture(Self.respond(req, rendered, language: language))
            }
            return req.eventLoop.makeFutureWithTask { try await slow(req) }
        }
    }

    /// `?lang=en`, read from the raw address: decoding the query through Vapor's form decoder took a tenth of a
    /// remembered page's time in the release profile.
    static func language(_ req: Request) -> Language {
        let address = req.url.string
        guard let mark = address.firstIndex(of: "?") else { return .de }
        for pair in address[address.index(after: mark)...].split(separator: "&") where pair.hasPrefix("lang=") {
            return String(pair.dropFirst(5)).removingPercentEncoding?.lowercased() == "en" ? .en : .de
        }
        return .de
    }

    /// `?page=`, read from the raw address like `language` (it keys the remembered project list), with the query
    /// decoder's meaning: the last `page` counts, `+` is a space, %-escapes are decoded, and anything that is not a
    /// whole number is page 1.
    static func listPage(_ req: Request) -> Int {
        max(1, min(10_000, lastQueryValue(req.url.string, named: "page").flatMap { Int($0) } ?? 1))
    }

    static func lastQueryValue(_ address: String, named name: String) -> String? {
        guard let mark = address.firstIndex(of: "?") else { return nil }
        func formDecoded(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        var value: String?
        for pair in address[address.index(after: mark)...].split(separator: "&") {
            guard let equals = pair.firstIndex(of: "="), formDecoded(pair[..<equals]) == name else { continue }
            value = formDecoded(pair[pair.index(after: equals)...])
        }
        return value
    }

    static func projectID(_ req: Request) -> UUID? { req.parameters.get("project").flatMap(UUID.init(uuidString:)) }

    // MARK: routes

    func start(_ req: Request) async throws -> Response {
        try await serve(req, key: "start") { content, language in
            try await PortalPageBuilder(req: req, content: content, language: language).start()
        }
    }

    func projects(_ req: Request) async throws -> Response {
        let page = Self.listPage(req)
        return try await serve(req, key: "projects|\(page)") { content, language in
            let pages = max(1, (content.projects.count + Self.pageSize - 1) / Self.pageSize)
            guard page <= pages else { return nil }
            return try await PortalPageBuilder(req: req, content: content, language: language).projects(page: page, pages: pages)
        }
    }

    func project(_ req: Request) async throws -> Response {
        guard let id = Self.projectID(req) else { return try await notFound(req) }
        return try await serve(req, key: "project|\(id.uuidString)") { content, language in
            guard let project = content.project(id) else { return nil }
            return try await PortalPageBuilder(req: req, content: content, language: language).project(project)
        }
    }

    func accessibility(_ req: Request) async throws -> Response {
        try await serve(req, key: "a11y") { content, language in
            try await PortalPageBuilder(req: req, content: content, language: language).accessibility()
        }
    }

    func feed(_ req: Request) async throws -> Response {
        try await serve(req, key: "feed") { content, language in
            PortalFeed.render(content, language: language, base: PortalFeed.base(req))
        }
    }

    func newsletter(_ req: Request) async throws -> Response {
        guard let number = req.parameters.get("number").flatMap(Int.init), number > 0 else { return try await notFound(req) }
        return try await serve(req, key: "newsletter|\(number)") { content, language in
            guard let issue = content.newsletters.first(where: { $0.number == number }) else { return nil }
            return try await PortalPageBuilder(req: req, content: content, language: language).newsletter(issue)
        }
    }

    func api(_ req: Request) async throws -> Response {
        try await serve(req, key: "api") { content, language in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (ByteBuffer(data: try encoder.encode(PublicPortalDTO(content, language: language))), .json)
        }
    }

    // MARK: serving

    /// Reads the version, answers from the cache or renders once, then applies the conditional request.
    private func serve(_ req: Request, key: String,
                       render: @escaping (PortalContent, Language) async throws -> (ByteBuffer, HTTPMediaType)?) async throws -> Response {
        let language = Self.language(req)
        req.language = language
        let isAPI = key == "api"
        let slug = req.parameters.get("slug") ?? ""
        guard let head = try await req.application.portalCache.head(slug, read: { try await PortalHead.read(req, slug: slug) }) else {
            if isAPI { throw FahrplanError.notFound }
            return try await notFound(req)
        }
        let municipalityID = head.municipalityID
        let cache = req.application.portalCache
        let today = req.application.municipalCalendar.today
        guard let content = try await cache.content(municipalityID, version: head.version, load: {
            guard let municipality = try await Municipality.find(municipalityID, on: req.db) else { return nil }
            return try await PortalContentLoader.load(db: req.db, municipality: municipality, today: today)
        }) else {
            if isAPI { throw FahrplanError.notFound }
            return try await notFound(req)
        }
        let pageKey = key + "|" + language.rawValue
        let missing = PortalRendered(body: ByteBuffer(), contentType: .plainText, eTag: "", lastModified: nil)
        let rendered = try await cache.page(municipalityID, version: head.version, key: pageKey) {
            guard let (body, type) = try await render(content, language) else { return missing }
            return PortalRendered(body: body, contentType: type, eTag: head.eTag(pageKey),
                                  lastModified: content.lastChange.map(Self.lastModified))
        }
        guard !rendered.eTag.isEmpty else {
            if isAPI { throw FahrplanError.notFound }
            return try await notFound(req)
        }
        return Self.respond(req, rendered, language: language)
    }

    /// The whole second after the last change: a client can only hold this value once that second has passed, so a
    /// later change always carries a later value. Not sent while that second is still running (`respond`).
    static func lastModified(_ change: Date) -> Date {
        Date(timeIntervalSince1970: (change.timeIntervalSince1970).rounded(.down) + 1)
    }

    static func respond(_ req: Request, _ rendered: PortalRendered, language: Language) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: rendered.eTag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=\(maxAge)")
        headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        let now = Date()
        let lastModified = rendered.lastModified.flatMap { $0 <= now ? $0 : nil }
        if lastModified != nil, let text = rendered.lastModifiedText { headers.replaceOrAdd(name: .lastModified, value: text) }
        if Self.notModified(req, eTag: rendered.eTag, lastModified: lastModified) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = rendered.contentType
        return Response(status: .ok, headers: headers, body: .init(buffer: rendered.body))
    }

    /// RFC 9110 § 13.2.2: `If-None-Match` decides when present (weak comparison, `*` matches); only without it
    /// does `If-Modified-Since` count.
    static func notModified(_ req: Request, eTag: String, lastModified: Date?) -> Bool {
        if let inm = req.headers.first(name: .ifNoneMatch) {
            let tags = inm.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return tags.contains { $0 == "*" || $0 == eTag || $0 == "W/" + eTag }
        }
        guard let raw = req.headers.first(name: .ifModifiedSince), let since = parseHTTPDate(raw), let lastModified else { return false }
        return lastModified <= since
    }

    private static let httpDateFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()
    private static let formatLock = NSLock()

    static func httpDate(_ date: Date) -> String { formatLock.withLock { httpDateFormat.string(from: date) } }
    static func parseHTTPDate(_ text: String) -> Date? { formatLock.withLock { httpDateFormat.date(from: text) } }

    /// One page for everything that is not there, without the municipality's name: a missing portal and a missing
    /// project cannot be told apart, nor an unpublished portal from an unknown address.
    func notFound(_ req: Request) async throws -> Response {
        let language: Language = req.query[String.self, at: "lang"]?.lowercased() == "en" ? .en : .de
        req.language = language
        let page = PortalNotFoundPage(chrome: PortalChrome(
            lang: language.rawValue, title: Strings.text("portal.notFound", language), municipality: "Fahrplan",
            start: SiteURL.home.path, projects: "", accessibility: "", feed: "",
            switchLanguageURL: req.url.path + (language == .de ? "?lang=en" : ""), switchLanguageLabel: language == .de ? "English" : "Deutsch",
            switchLanguageCode: language == .de ? "en" : "de", section: ""))
        let response = try await req.view.render("portal/not-found", page).encodeResponse(status: .notFound, for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        return response
    }
}
