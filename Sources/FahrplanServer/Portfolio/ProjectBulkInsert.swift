import FahrplanCore
import Fluent
import Foundation

// How a project and its rows are written in bulk (an import of thousands of profiles).

extension Project: BulkInsertable {
    static let bulkColumns = [
        "id", "municipality_id", "code", "title", "summary", "description", "department_id", "responsible_person", "kind",
        "legal_obligation", "legal_reference", "legal_deadline", "administrative_service", "beneficiaries", "benefit_description",
        "hours_saved_per_year", "citizen_hours_saved_per_year", "business_hours_saved_per_year", "start_on", "end_on", "risks", "tags", "status", "status_changed_at", "call_id", "merged_into_id",
        "search_text", "total_one_off_cents", "total_running_cents", "total_fte_hundredths", "created_by_id", "created_at",
        "updated_at", "archived_at", "version",
    ]

    func bulkValues() -> [any Encodable & Sendable] {
        [id, $municipality.id, code, title, summary, description, $department.id, responsiblePerson, kind,
         legalObligation, legalReference, legalDeadline, administrativeService, beneficiaries, benefitDescription,
         hoursSavedPerYear, citizenHoursSavedPerYear, businessHoursSavedPerYear, startOn, endOn, risks, tags, status, statusChangedAt, $call.id, $mergedInto.id,
         searchText, totalOneOffCents, totalRunningCents, totalFTEHundredths, createdByID, createdAt,
         updatedAt, archivedAt, storedVersion ?? 1]
    }

    func bulkWillInsert(at now: Date) {
        createdAt = now
        updatedAt = now
    }

    /// A new project is returned to the web and API after it is written, and may be saved again.
    func bulkDidInsert() { $id.exists = true }
}

extension ProjectStrategyLink: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "project_id", "element_id"]
    func bulkValues() -> [any Encodable & Sendable] { [id, $municipality.id, $project.id, $element.id] }
}

extension ProjectCost: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "project_id", "year", "one_off_cents", "running_cents"]
    func bulkValues() -> [any Encodable & Sendable] { [id, $municipality.id, $project.id, year, oneOffCents, runningCents] }
}

extension ProjectEffort: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "project_id", "department_id", "year", "fte_hundredths"]
    func bulkValues() -> [any Encodable & Sendable] { [id, $municipality.id, $project.id, $department.id, year, fteHundredths] }
}

extension ProjectDependency: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "project_id", "depends_on_id"]
    func bulkValues() -> [any Encodable & Sendable] { [id, $municipality.id, $project.id, $dependsOn.id] }
}

extension ProjectStatusChangeRecord: BulkInsertable {
    static let bulkColumns = ["id", "municipality_id", "project_id", "from_status", "to_status", "reason", "changed_at",
                              "changed_by_id", "changed_by_name"]
    func bulkValues() -> [any Encodable & Sendable] {
        [id, $municipality.id, $project.id, fromStatus, toStatus, reason, changedAt, changedByID, changedByName]
    }
}
