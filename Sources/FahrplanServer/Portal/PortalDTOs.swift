import FahrplanCore
import Foundation
import Vapor

/// `GET /api/v1/public/{slug}`: the same public data as the portal's pages, made from `PortalContent`.
struct PublicPortalDTO: Content {
    struct KPI: Content { var name: String; var unit: String; var progress: Double?; var latest: Double?; var latestOn: String?; var target: Double; var targetOn: String }
    struct Goal: Content { var id: String; var title: String; var targetStatement: String?; var targetYear: Int?; var progress: Double?; var kpis: [KPI]? }
    struct Field: Content { var id: String; var title: String; var progress: Double?; var goals: [Goal]? }
    struct Milestone: Content { var title: String; var dueOn: String?; var doneOn: String? }
    struct Project: Content {
        var id: String; var code: String; var title: String; var summary: String?; var status: String; var statusLabel: String
        var department: String?; var startOn: String?; var endOn: String?; var serves: [String]; var milestones: [Milestone]?; var url: String
    }
    struct Newsletter: Content { var number: Int; var title: String; var publishedOn: String; var url: String }
    struct Accessibility: Content {
        var conformance: String; var statementDate: String?; var contactEmail: String?; var contactPhone: String?; var contactAddress: String?
        var knownLimitations: String?; var enforcementBody: String?; var url: String
    }

    var slug: String
    var name: String
    var kind: String
    var language: String
    var intro: String?
    var visionTitle: String?
    /// Markdown rendered safely to HTML, as on the page.
    var visionHTML: String?
    var fieldsOfAction: [Field]?
    var projects: [Project]
    var latestNewsletter: Newsletter?
    var accessibility: Accessibility

    init(_ content: PortalContent, language: Language) {
        let english = language == .en
        let parts = content.settings.parts
        let suffix = english ? "?lang=en" : ""
        slug = content.slug; name = content.name; kind = content.kind; self.language = language.rawValue
        intro = content.settings.intro; visionTitle = content.visionTitle; visionHTML = content.visionHTML
        let showFields = parts.contains(.fieldsOfAction) || parts.contains(.goals)
        fieldsOfAction = showFields && !content.fields.isEmpty ? content.fields.map { field in
            Field(id: field.id.uuidString, title: field.title, progress: parts.contains(.kpis) ? field.progress : nil,
                  goals: parts.contains(.goals) ? field.goals.map { goal in
                      Goal(id: goal.id.uuidString, title: goal.title, targetStatement: goal.targetStatement, targetYear: goal.targetYear,
                           progress: parts.contains(.kpis) ? goal.progress : nil,
                           kpis: parts.contains(.kpis) ? goal.kpis.map {
                               KPI(name: $0.name, unit: $0.unit, progress: $0.progress, latest: $0.latest, latestOn: $0.latestOn?.iso,
                                   target: $0.target, targetOn: $0.targetOn.iso)
                           } : nil)
                  } : nil)
        } : nil
        let roadmap = parts.contains(.roadmap)
        projects = content.projects.map { project in
            Project(id: project.id.uuidString, code: project.code, title: project.title, summary: project.summary,
                    status: project.status.rawValue, statusLabel: project.status.label(english: english), department: project.department,
                    startOn: roadmap ? project.startOn?.iso : nil, endOn: roadmap ? project.endOn?.iso : nil, serves: project.servesTitles,
                    milestones: roadmap ? project.milestones.map { Milestone(title: $0.title, dueOn: $0.dueOn?.iso, doneOn: $0.doneOn?.iso) } : nil,
                    url: SiteURL.portal(content.slug, .project(.value(project.id))).path + suffix)
        }
        latestNewsletter = content.newsletters.first.map {
            Newsletter(number: $0.number, title: $0.title, publishedOn: $0.publishedOn.iso,
                       url: SiteURL.portal(content.slug, .newsletter(.value(String($0.number)))).path + suffix)
        }
        let settings = content.settings
        accessibility = Accessibility(conformance: settings.conformance.rawValue, statementDate: settings.statementDate?.iso,
                                      contactEmail: settings.contactEmail, contactPhone: settings.contactPhone,
                                      contactAddress: settings.contactAddress, knownLimitations: settings.knownLimitations,
                                      enforcementBody: settings.enforcementBody,
                                      url: SiteURL.portal(content.slug, .accessibility).path + suffix)
    }
}

/// `GET|PUT /api/v1/portal/settings`: the strategy team's portal settings and the ids of the public projects.
struct PortalSettingsDTO: Content {
    var published: Bool
    var intro: String?
    var parts: [String]
    var contactEmail: String?
    var contactPhone: String?
    var contactAddress: String?
    var statementDate: String?
    var conformance: String
    var knownLimitations: String?
    var enforcementBody: String?
    var publicProjectIDs: [String]
    var publicURL: String
    var version: Int
}

/// A PUT replaces the settings; `publicProjectIDs`, when sent, replaces the whole set of public projects.
struct PortalSettingsWriteDTO: Content {
    var published: Bool?
    var intro: String?
    var parts: [String]?
    var contactEmail: String?
    var contactPhone: String?
    var contactAddress: String?
    var statementDate: String?
    var conformance: String?
    var knownLimitations: String?
    var enforcementBody: String?
    var publicProjectIDs: [String]?
}
