import Foundation
import Vapor

/// One piece of an address in the route table: fixed text, or a parameter that is a name while routes are
/// registered (`:project`) and a value in a link.
enum PathSegment: Sendable, Hashable {
    case fixed(String)
    case parameter(String, value: String?)

    /// The text in an address: the value, or `:name` for a parameter without one (what `Route.description`
    /// shows, so the route table and the registered routes can be compared).
    var text: String {
        switch self {
        case .fixed(let text): text
        case .parameter(let name, let value): value ?? ":" + name
        }
    }

    var pathComponent: PathComponent {
        switch self {
        case .fixed(let text): .constant(text)
        case .parameter(let name, _): .parameter(name)
        }
    }
}

/// What a parameter of an address can be filled with.
protocol PathValue: Sendable {
    var pathText: String { get }
}

extension String: PathValue {
    var pathText: String { self }
}

extension UUID: PathValue {
    var pathText: String { uuidString }
}

/// Model ids are optional until saved; an unsaved one renders empty, as links always did.
extension Optional: PathValue where Wrapped == UUID {
    var pathText: String { self?.uuidString ?? "" }
}

/// A parameter of an entry in the route table: `.key` when the route is registered, `.value(…)` in a link.
enum PathParameter<Value: PathValue>: Sendable {
    case key
    case value(Value)

    func segment(_ name: String) -> PathSegment {
        switch self {
        case .key: .parameter(name, value: nil)
        case .value(let value): .parameter(name, value: value.pathText)
        }
    }
}

/// The id parameter of most pages.
typealias IDParameter = PathParameter<UUID?>

/// A table of addresses: every entry is one registered route (per path; several methods may share it) and
/// builds the links to it, so a link cannot name a page that is not registered. `RouteTableTests` compares
/// `allRoutes` with the application's routes both ways.
protocol RouteTable: Sendable {
    var segments: [PathSegment] { get }
    /// Every entry of the table, parameters as keys.
    static var allRoutes: [Self] { get }
}

extension RouteTable {
    /// For registering the route.
    var pathComponents: [PathComponent] { segments.map(\.pathComponent) }

    /// For links and redirects: the absolute path with the parameters' values.
    var path: String { "/" + segments.map(\.text).joined(separator: "/") }

    /// The path with a query string (`query` without the leading `?`).
    func path(query: String) -> String { path + "?" + query }
}

/// Sub-pages named by fixed text (`""` is the page itself; `/` separates several segments).
protocol FixedPages: RawRepresentable<String>, CaseIterable, Sendable {}

extension FixedPages {
    var segments: [PathSegment] { rawValue.split(separator: "/").map { .fixed(String($0)) } }
}

/// Registers routes by route-table entries instead of strings. `pathComponents` turns an entry into the full path,
/// so a capability can register relative entries (`MunicipalityPage`) below the table's prefix.
struct RouteRegistrar<Entry: Sendable> {
    let routes: any RoutesBuilder
    let pathComponents: @Sendable (Entry) -> [PathComponent]

    @discardableResult
    func on<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ method: HTTPMethod, _ entry: Entry, body: HTTPBodyStreamStrategy = .collect,
        use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        routes.on(method, pathComponents(entry), body: body, use: closure)
    }

    @discardableResult
    func get<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ entry: Entry, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.GET, entry, use: closure)
    }

    /// A GET whose handler may answer without starting a task (pages served from memory); Vapor runs it on the
    /// connection's event loop directly.
    @discardableResult
    func get(_ entry: Entry, answering closure: @Sendable @escaping (Request) -> EventLoopFuture<Vapor.Response>) -> Route {
        routes.on(.GET, pathComponents(entry), use: closure)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ entry: Entry, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.POST, entry, use: closure)
    }

    @discardableResult
    func put<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ entry: Entry, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.PUT, entry, use: closure)
    }

    @discardableResult
    func patch<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ entry: Entry, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.PATCH, entry, use: closure)
    }

    @discardableResult
    func delete<Response: AsyncResponseEncodable & VaporSendableMetatype>(
        _ entry: Entry, use closure: @Sendable @escaping (Request) async throws -> Response
    ) -> Route {
        on(.DELETE, entry, use: closure)
    }
}

extension RoutesBuilder {
    /// Registers pages of the site (`SiteURL`), with this builder's middleware.
    var sitePages: RouteRegistrar<SiteURL> { .init(routes: self) { $0.pathComponents } }

    /// Registers a municipality's pages: `/m/:municipality/…`.
    var municipalityPages: RouteRegistrar<MunicipalityPage> {
        .init(routes: self) { SiteURL.municipality(.key, $0).pathComponents }
    }

    /// Registers endpoints of the JSON API: `/api/v1/…`.
    var apiEndpoints: RouteRegistrar<APIURL> { .init(routes: self) { $0.pathComponents } }
}
