import Fluent
import Foundation

/// A call for projects (Abfrage): the strategy team asks departments for their project profiles by a deadline.
final class CallForProjects: Model, @unchecked Sendable {
    static let schema = "calls_for_projects"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Field(key: "title") var title: String
    /// Markdown: what the team asks for and why.
    @OptionalField(key: "message") var message: String?
    @Field(key: "opens_on") var opensOn: String
    @Field(key: "deadline") var deadline: String
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "created_by_name") var createdByName: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @Children(for: \.$call) var recipients: [CallRecipient]

    init() {}

    var properties: [any AnyProperty] { [_id, _municipality, _title, _message, _opensOn, _deadline, _closedAt, _createdByName, _createdAt, _updatedAt, _archivedAt, _recipients] }
}

/// A department asked in a call, and whether it has declared its answer complete.
final class CallRecipient: Model, @unchecked Sendable {
    static let schema = "call_recipients"

    @ID(key: .id) var id: UUID?
    @Parent(key: "municipality_id") var municipality: Municipality
    @Parent(key: "call_id") var call: CallForProjects
    @Parent(key: "department_id") var department: Department
    @OptionalField(key: "completed_at") var completedAt: Date?
    @OptionalField(key: "completed_by_name") var completedByName: String?
    @OptionalField(key: "note") var note: String?

    init() {}
    init(municipalityID: UUID, callID: UUID, departmentID: UUID) {
        self.$municipality.id = municipalityID; self.$call.id = callID; self.$department.id = departmentID
    }

    var properties: [any AnyProperty] { [_id, _municipality, _call, _department, _completedAt, _completedByName, _note] }
}
