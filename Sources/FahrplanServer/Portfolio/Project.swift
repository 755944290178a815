import FahrplanCore
import Fluent
import Foundation

/// A project profile (Projektsteckbrief). Dates are ISO day strings (`CalendarDay`) so that no time zone
/// can move them; money in cents, staff in hundredths of a full-time equivalent.
final class Project: Model, @unchecked Sendable {
    static let schema = "projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    /// Kennung, unique within the municipality, e.g. "P-0042"; the key for re-imports.
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    @OptionalField(key: "summary") var summary: String?
    /// Markdown.
    @OptionalField(key: "description") var description: String?
    @OptionalParent(key: "department_id") var department: Department?
    @OptionalField(key: "responsible_person") var responsiblePerson: String?
    /// `ProjectKind` raw value.
    @Field(key: "kind") var kind: String
    @Field(key: "legal_obligation") var legalObligation: Bool
    @OptionalField(key: "legal_reference") var legalReference: String?
    @OptionalField(key: "legal_deadline") var legalDeadline: String?
    @OptionalField(key: "administrative_service") var administrativeService: String?
    /// `Beneficiary` raw values, comma-separated.
    @Field(key: "beneficiaries") var beneficiaries: String
    @OptionalField(key: "benefit_description") var benefitDescription: String?
    /// Hours saved a year by the administration's staff (the first such field, hence the plain name).
    @OptionalField(key: "hours_saved_per_year") var hoursSavedPerYear: Int?
    @OptionalField(key: "citizen_hours_saved_per_year") var citizenHoursSavedPerYear: Int?
    @OptionalField(key: "business_hours_saved_per_year") var businessHoursSavedPerYear: Int?
    @OptionalField(key: "start_on") var startOn: String?
    @OptionalField(key: "end_on") var endOn: String?
    @OptionalField(key: "risks") var risks: String?
    /// One tag per line.
    @Field(key: "tags") var tags: String
    /// `ProjectStatus` raw value.
    @Field(key: "status") var status: String
    @OptionalField(key: "status_changed_at") var statusChangedAt: Date?
    @OptionalParent(key: "call_id") var call: CallForProjects?
    /// Set when the project was merged into another one; it is then archived and points to the survivor.
    @OptionalParent(key: "merged_into_id") var mergedInto: Project?
    /// Title, code, descriptions and tags, folded (case, umlauts, ß) for the search box.
    @Field(key: "search_text") var searchText: String
    @Field(key: "total_one_off_cents") var totalOneOffCents: Int64
    @Field(key: "total_running_cents") var totalRunningCents: Int64
    @Field(key: "total_fte_hundredths") var totalFTEHundredths: Int
    @OptionalField(key: "created_by_id") var createdByID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    /// Raised by every save of the edit form or the API (optimistic concurrency, `RowVersion`); absent only
    /// on a row created in this request, whose database default is 1.
    @OptionalField(key: "version") var storedVersion: Int?
    var version: Int { storedVersion ?? 1 }

    init() {}

    init(municipalityID: UUID, code: String) {
        self.$municipality.id = municipalityID
        self.code = code
        self.title = ""
        self.kind = ProjectKind.other.rawValue
        self.legalObligation = false
        self.beneficiaries = ""
        self.tags = ""
        self.status = ProjectStatus.idea.rawValue
        self.searchText = ""
        self.totalOneOffCents = 0
        self.totalRunningCents = 0
        self.totalFTEHundredths = 0
    }

    var projectStatus: ProjectStatus { ProjectStatus(rawValue: status) ?? .idea }
    var projectKind: ProjectKind { ProjectKind(rawValue: kind) ?? .other }
    var tagList: [String] { tags.split(separator: "\n").map(String.init) }
    var beneficiaryList: [Beneficiary] { beneficiaries.split(separator: ",").compactMap { Beneficiary(rawValue: String($0)) } }
    var label: String { "\(code) \(title)" }

    var properties: [any AnyProperty] { [_id, _municipality, _code, _title, _summary, _description, _department, _responsiblePerson, _kind, _legalObligation, _legalReference, _legalDeadline, _administrativeService, _beneficiaries, _benefitDescription, _hoursSavedPerYear, _citizenHoursSavedPerYear, _businessHoursSavedPerYear, _startOn, _endOn, _risks, _tags, _status, _statusChangedAt, _call, _mergedInto, _searchText, _totalOneOffCents, _totalRunningCents, _totalFTEHundredths, _createdByID, _createdAt, _updatedAt, _archivedAt, _storedVersion] }
}

/// A project serves goals, fields of action and programs (several allowed).
final class ProjectStrategyLink: Model, @unchecked Sendable {
    static let schema = "project_strategy_links"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Parent(key: "element_id") var element: StrategyElement

    init() {}
    init(municipalityID: UUID, projectID: UUID, elementID: UUID) {
        self.$municipality.id = municipalityID; self.$project.id = projectID; self.$element.id = elementID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _element] }
}

/// Money for one budget year (Haushaltsjahr).
final class ProjectCost: Model, @unchecked Sendable {
    static let schema = "project_costs"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Field(key: "year") var year: Int
    @Field(key: "one_off_cents") var oneOffCents: Int64
    @Field(key: "running_cents") var runningCents: Int64

    init() {}
    init(municipalityID: UUID, projectID: UUID, line: CostLine) {
        self.$municipality.id = municipalityID; self.$project.id = projectID
        self.year = line.year; self.oneOffCents = line.oneOffCents; self.runningCents = line.runningCents
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _year, _oneOffCents, _runningCents] }
}

/// Staff effort of one department in one year (VZÄ).
final class ProjectEffort: Model, @unchecked Sendable {
    static let schema = "project_effort"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Parent(key: "department_id") var department: Department
    @Field(key: "year") var year: Int
    @Field(key: "fte_hundredths") var fteHundredths: Int

    init() {}
    init(municipalityID: UUID, projectID: UUID, departmentID: UUID, year: Int, fteHundredths: Int) {
        self.$municipality.id = municipalityID; self.$project.id = projectID; self.$department.id = departmentID
        self.year = year; self.fteHundredths = fteHundredths
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _department, _year, _fteHundredths] }
}

/// `project` needs `dependsOn` to be done first.
final class ProjectDependency: Model, @unchecked Sendable {
    static let schema = "project_dependencies"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @Parent(key: "depends_on_id") var dependsOn: Project

    init() {}
    init(municipalityID: UUID, projectID: UUID, dependsOnID: UUID) {
        self.$municipality.id = municipalityID; self.$project.id = projectID; self.$dependsOn.id = dependsOnID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _dependsOn] }
}

/// One step of the status workflow: who moved the project, when, from where to where, and why.
final class ProjectStatusChangeRecord: Model, @unchecked Sendable {
    static let schema = "project_status_changes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "project_id") var project: Project
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "changed_at") var changedAt: Date
    @OptionalField(key: "changed_by_id") var changedByID: UUID?
    @Field(key: "changed_by_name") var changedByName: String

    init() {}

    init(municipalityID: UUID, projectID: UUID, from: ProjectStatus?, to: ProjectStatus, reason: String?,
         at date: Date, byID: UUID?, byName: String) {
        self.$municipality.id = municipalityID; self.$project.id = projectID
        self.fromStatus = from?.rawValue; self.toStatus = to.rawValue; self.reason = reason
        self.changedAt = date; self.changedByID = byID; self.changedByName = byName
    }

    var properties: [any AnyProperty] { [_id, _municipality, _project, _fromStatus, _toStatus, _reason, _changedAt, _changedByID, _changedByName] }
}

/// A spreadsheet that was uploaded and checked but not yet confirmed: the preview step of an import.
/// Kept in the database so that the confirming request may reach any server process.
final class StagedImport: Model, @unchecked Sendable {
    static let schema = "staged_imports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "user_id") var user: User
    @Field(key: "file_name") var fileName: String
    @Field(key: "content") var content: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _user, _fileName, _content, _createdAt] }
}
