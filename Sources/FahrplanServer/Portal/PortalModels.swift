import FahrplanCore
import Fluent
import Foundation

/// A municipality's portal settings (`portal_settings`); no row means an unpublished portal with the defaults.
final class PortalSettingsRecord: Model, @unchecked Sendable {
    static let schema = "portal_settings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "published") var published: Bool
    @OptionalField(key: "intro") var intro: String?
    @Field(key: "show_vision") var showVision: Bool
    @Field(key: "show_fields_of_action") var showFieldsOfAction: Bool
    @Field(key: "show_goals") var showGoals: Bool
    @Field(key: "show_kpis") var showKPIs: Bool
    @Field(key: "show_roadmap") var showRoadmap: Bool
    @Field(key: "show_newsletter") var showNewsletter: Bool
    @OptionalField(key: "contact_email") var contactEmail: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @OptionalField(key: "contact_address") var contactAddress: String?
    @OptionalField(key: "statement_date") var statementDate: String?
    @Field(key: "conformance") var conformance: String
    @OptionalField(key: "known_limitations") var knownLimitations: String?
    @OptionalField(key: "enforcement_body") var enforcementBody: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(municipalityID: UUID) {
        $municipality.id = municipalityID
        published = false; showVision = true; showFieldsOfAction = true; showGoals = true; showKPIs = true; showRoadmap = true; showNewsletter = true
        conformance = PortalConformance.partial.rawValue; version = 0
    }

    var parts: Set<PortalPart> {
        var parts = Set<PortalPart>()
        if showVision { parts.insert(.vision) }
        if showFieldsOfAction { parts.insert(.fieldsOfAction) }
        if showGoals { parts.insert(.goals) }
        if showKPIs { parts.insert(.kpis) }
        if showRoadmap { parts.insert(.roadmap) }
        if showNewsletter { parts.insert(.newsletter) }
        return parts
    }

    func apply(_ valid: PortalSettingsInput.Valid) {
        published = valid.published; intro = valid.intro
        showVision = valid.parts.contains(.vision); showFieldsOfAction = valid.parts.contains(.fieldsOfAction)
        showGoals = valid.parts.contains(.goals); showKPIs = valid.parts.contains(.kpis); showRoadmap = valid.parts.contains(.roadmap)
        showNewsletter = valid.parts.contains(.newsletter)
        contactEmail = valid.contactEmail; contactPhone = valid.contactPhone; contactAddress = valid.contactAddress
        statementDate = valid.statementDate?.iso; conformance = valid.conformance.rawValue
        knownLimitations = valid.knownLimitations; enforcementBody = valid.enforcementBody
    }

    /// The audited fields with their values as text (`FieldChange.between`).
    var auditValues: [String: String?] {
        ["published": String(published), "intro": intro ?? "", "parts": PortalPart.allCases.filter(parts.contains).map(\.rawValue).joined(separator: ","),
         "contactEmail": contactEmail ?? "", "contactPhone": contactPhone ?? "", "contactAddress": contactAddress ?? "",
         "statementDate": statementDate ?? "", "conformance": conformance, "knownLimitations": knownLimitations ?? "",
         "enforcementBody": enforcementBody ?? ""]
    }

    var properties: [any AnyProperty] { [_id, _municipality, _published, _intro, _showVision, _showFieldsOfAction, _showGoals, _showKPIs, _showRoadmap, _showNewsletter, _contactEmail, _contactPhone, _contactAddress, _statementDate, _conformance, _knownLimitations, _enforcementBody, _version, _createdAt, _updatedAt] }
}

/// A project the strategy team marked public (`portal_projects`).
final class PortalProjectRecord: Model, @unchecked Sendable {
    static let schema = "portal_projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Timestamp(key: "marked_at", on: .create) var markedAt: Date?

    init() {}

    init(municipalityID: UUID, projectID: UUID) {
        $municipality.id = municipalityID; $project.id = projectID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _markedAt] }
}
