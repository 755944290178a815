import FahrplanCore
import Foundation
import Vapor

/// `GET|PUT /api/v1/portal/settings` (strategy team): the portal's settings and the ids of its public projects, the
/// settings' edit version as `ETag`; PUT takes `If-Match` (optional, like the other PUTs), problems as 422 by field.
struct PortalSettingsAPIController {
    func register(on routes: any RoutesBuilder) {
        let endpoints = routes.apiEndpoints
        endpoints.get(.portalSettings, use: show)
        endpoints.put(.portalSettings, use: update)
    }

    func show(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        return try await respond(req, context)
    }

    func update(_ req: Request) async throws -> Response {
        let context = try await req.municipalityContext()
        try context.require(context.permissions.canEditFrame)
        let body = try req.content.decode(PortalSettingsWriteDTO.self)
        let expected = try VersionHeaders.expected(req)
        var problems: [FieldProblem] = []
        var parts = Set<PortalPart>()
        for (index, raw) in (body.parts ?? PortalPart.allCases.map(\.rawValue)).enumerated() {
            if let part = PortalPart(rawValue: raw) { parts.insert(part) } else { problems.append(FieldProblem("parts[\(index)]", .invalidChoice)) }
        }
        if !problems.isEmpty { throw ValidationFailure(problems) }
        let input = PortalSettingsInput(published: body.published ?? false, intro: body.intro, parts: parts, contactEmail: body.contactEmail,
                                        contactPhone: body.contactPhone, contactAddress: body.contactAddress,
                                        statementDate: body.statementDate, conformance: body.conformance,
                                        knownLimitations: body.knownLimitations, enforcementBody: body.enforcementBody)
        let service = PortalService(db: req.db, context: context)
        // Everything is checked before anything is written: the settings, the version, then the project ids.
        _ = try input.validated(today: context.calendar.today)
        if let expected {
            try await VersionHeaders.guarded(req) { try RowVersion.check(expected, against: try await service.settings()?.version ?? 0) }
        }
        if let ids = body.publicProjectIDs { try await service.replacePublic(ids) }
        try await VersionHeaders.guarded(req) { try await service.save(input, expected: expected) }
        return try await respond(req, context)
    }

    private func respond(_ req: Request, _ context: MunicipalityContext) async throws -> Response {
        let service = PortalService(db: req.db, context: context)
        let record = try await service.settings()
        let ids = try await service.publicProjectIDs().map(\.uuidString).sorted()
        let dto = PortalSettingsDTO(
            published: record?.published ?? false, intro: record?.intro,
            parts: PortalPart.allCases.filter((record?.parts ?? Set(PortalPart.allCases)).contains).map(\.rawValue),
            contactEmail: record?.contactEmail, contactPhone: record?.contactPhone, contactAddress: record?.contactAddress,
            statementDate: record?.statementDate, conformance: record?.conformance ?? PortalConformance.partial.rawValue,
            knownLimitations: record?.knownLimitations, enforcementBody: record?.enforcementBody, publicProjectIDs: ids,
            publicURL: SiteURL.portal(context.municipality.slug).path, version: record?.version ?? 0)
        return try await VersionHeaders.respond(dto, version: record?.version ?? 0, for: req)
    }
}
