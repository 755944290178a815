import Vapor

// What pages and caches take from the municipality a request is about.

extension MunicipalityContext {
    func chrome(_ request: Request, title: String, section: String) -> Chrome {
        Chrome(request: request, title: title, municipality: .init(
            slug: municipality.slug, name: municipality.name, canManage: permissions.canEditFrame,
            canReadAudit: permissions.canReadAudit, section: section))
    }
}

extension MunicipalityContext {
    /// A cache key that changes whenever anything of the municipality changes.
    func cacheKey(_ parts: String...) -> String {
        ([municipalityID.uuidString, String(municipality.frameVersion)] + parts).joined(separator: "|")
    }
}
