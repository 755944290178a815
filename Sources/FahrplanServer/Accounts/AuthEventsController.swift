import FahrplanCore
import Fluent
import Vapor

/// `/admin/auth-events`: the newest sign-in events of the installation (logins, lockouts, password, second
/// factor, tokens, invitations), for the installation administrators looking for an attack. Filtered by kind
/// and login name, newest first, paged.
struct AuthEventsController {
    static let path = SiteURL.admin(.authEvents).path
    static let pageSize = 50

    struct Filter: Content {
        var kind: String?
        var email: String?
        var page: String?
    }

    struct Page: Encodable {
        struct Row: Encodable {
            var when: String
            var whenISO: String
            var kind: String
            var kindCode: String
            var email: String
            var clientAddress: String
            var detail: String
        }
        var chrome: Chrome
        var rows: [Row]
        var kindOptions: [Option]
        var email: String
        var pageNumber: Int
        var newerURL: String?
        var olderURL: String?
        var problems: [ProblemLine]?
        var fieldErrors: [String: String]
    }

    /// A kind added later without a text still shows, by its code.
    static func label(_ kind: String, _ req: Request) -> String {
        Strings.table["authEvents.kind.\(kind)"] == nil ? kind : req.t("authEvents.kind.\(kind)")
    }

    func register(signedIn: any RoutesBuilder) {
        signedIn.sitePages.get(.admin(.authEvents), use: list)
    }

    func list(_ req: Request) async throws -> Response {
        guard try req.requireUser().isInstallationAdmin else { throw FahrplanError.forbidden }
        let filter = try req.query.decode(Filter.self)
        var problems: [FieldProblem] = []

        let kindText = filter.kind?.trimmingCharacters(in: .whitespaces) ?? ""
        let kind = kindText.isEmpty ? nil : AuthEventKind(rawValue: kindText)
        if !kindText.isEmpty, kind == nil { problems.append(FieldProblem("eventKind", .invalidChoice)) }
        let emailText = (filter.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if emailText.count > 254 { problems.append(FieldProblem("eventEmail", .tooLong(max: 254))) }
        if emailText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append(FieldProblem("eventEmail", .controlCharacters))
        }
        let pageText = filter.page?.trimmingCharacters(in: .whitespaces) ?? ""
        var page = 1
        if !pageText.isEmpty {
            if let number = Int(pageText), (1...10_000).contains(number) { page = number } else {
                problems.append(FieldProblem("eventPage", .outOfRange(min: 1, max: 10_000)))
            }
        }

        var rows: [Page.Row] = []
        var hasOlder = false
        if problems.isEmpty {
            var query = AuthEvent.query(on: req.db)
            if let kind { query = query.filter(\.$kind == kind.rawValue) }
            // Failed logins keep the name as typed (normalised): a part of it, e.g. the domain, finds them all.
            if !emailText.isEmpty { query = query.filter(\.$email ~~ EmailAddress.normalize(emailText)) }
            let events = try await query.sort(\.$occurredAt, .descending).sort(\.$id, .descending)
                .range((page - 1) * Self.pageSize ..< page * Self.pageSize + 1).all()
            hasOlder = events.count > Self.pageSize
            let iso = ISO8601DateFormatter()
            rows = events.prefix(Self.pageSize).map { event in
                Page.Row(when: req.formatted(event.occurredAt), whenISO: iso.string(from: event.occurredAt),
                         kind: Self.label(event.kind, req), kindCode: event.kind, email: event.email,
                         clientAddress: event.clientAddress, detail: event.detail)
            }
        }

        func link(_ target: Int) -> String {
            var items: [URLQueryItem] = []
            if let kind { items.append(URLQueryItem(name: "kind", value: kind.rawValue)) }
            if !emailText.isEmpty { items.append(URLQueryItem(name: "email", value: emailText)) }
            if target > 1 { items.append(URLQueryItem(name: "page", value: String(target))) }
            var components = URLComponents()
            components.queryItems = items.isEmpty ? nil : items
            // "+" would read as a space in a query: an e-mail with "+" must survive the round trip.
            return Self.path + (components.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? "")
        }
        let (lines, byField) = req.problemLines(problems)
        let view = Page(
            chrome: Chrome(request: req, title: req.t("authEvents.title")), rows: rows,
            kindOptions: AuthEventKind.allCases.map { .init(value: $0.rawValue, label: Self.label($0.rawValue, req), selected: $0 == kind) },
            email: emailText, pageNumber: page,
            newerURL: page > 1 && problems.isEmpty ? link(page - 1) : nil, olderURL: hasOlder ? link(page + 1) : nil,
            problems: lines, fieldErrors: byField)
        return try await req.view.render("admin-auth-events", view).response(problems.isEmpty ? .ok : .unprocessableEntity, for: req)
    }
}
