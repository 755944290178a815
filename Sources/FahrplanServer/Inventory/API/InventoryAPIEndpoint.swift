/// `/api/v1/inventory/…`: the overview, the maturity model, IT systems and administrative services with their CSV
/// import and export (`InventoryAPIController`).
enum InventoryAPIEndpoint: Sendable {
    case overview
    case maturityModel
    case systems(CollectionEndpoint = .list)
    case system(IDParameter, ItemEndpoint = .show)
    case services(CollectionEndpoint = .list)
    case service(IDParameter, ItemEndpoint = .show)

    enum CollectionEndpoint: String, FixedPages {
        case list = ""
        case `import`, export
    }

    enum ItemEndpoint: String, FixedPages {
        case show = ""
        case archive, restore
    }

    var segments: [PathSegment] {
        let base: [PathSegment] = [.fixed("inventory")]
        switch self {
        case .overview: return base + [.fixed("overview")]
        case .maturityModel: return base + [.fixed("maturity-model")]
        case .systems(let endpoint): return base + [.fixed("systems")] + endpoint.segments
        case .system(let id, let endpoint): return base + [.fixed("systems"), id.segment("system")] + endpoint.segments
        case .services(let endpoint): return base + [.fixed("services")] + endpoint.segments
        case .service(let id, let endpoint): return base + [.fixed("services"), id.segment("service")] + endpoint.segments
        }
    }

    static var allRoutes: [InventoryAPIEndpoint] {
        [.overview, .maturityModel] + CollectionEndpoint.allCases.map { .systems($0) } + ItemEndpoint.allCases.map { .system(.key, $0) }
            + CollectionEndpoint.allCases.map { .services($0) } + ItemEndpoint.allCases.map { .service(.key, $0) }
    }
}
