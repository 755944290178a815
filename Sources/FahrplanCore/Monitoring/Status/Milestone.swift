import Foundation

/// A milestone of a project (Meilenstein): a named result due on a day, done on a day, with a named owner.
public struct Milestone: Sendable, Equatable {
    public var title: String
    public var dueOn: CalendarDay
    public var doneOn: CalendarDay?
    public var ownerUserID: UUID?
    public var note: String?

    public init(title: String, dueOn: CalendarDay, doneOn: CalendarDay? = nil, ownerUserID: UUID? = nil, note: String? = nil) {
        self.title = title; self.dueOn = dueOn; self.doneOn = doneOn; self.ownerUserID = ownerUserID; self.note = note
    }

    /// Overdue (überfällig): due before today and not done. Due today is not late yet.
    public func isOverdue(today: CalendarDay) -> Bool { doneOn == nil && dueOn < today }

    /// Upcoming: not done and due today or later (what the calendar feed lists).
    public func isUpcoming(today: CalendarDay) -> Bool { doneOn == nil && dueOn >= today }
}

/// A milestone as a form or the API sends it.
public struct MilestoneInput: Sendable, Equatable {
    public var title: String?
    public var dueOn: String?
    public var doneOn: String?
    public var ownerUserID: String?
    public var note: String?

    public static let maxTitleLength = 200
    public static let maxNoteLength = 2000

    public init(title: String? = nil, dueOn: String? = nil, doneOn: String? = nil, ownerUserID: String? = nil, note: String? = nil) {
        self.title = title; self.dueOn = dueOn; self.doneOn = doneOn; self.ownerUserID = ownerUserID; self.note = note
    }

    /// The milestone, or every problem. `createdOn` is the day the milestone was created (today for a new one):
    /// a milestone cannot have been done before it existed, nor after today. A new milestone needs a project
    /// that is approved or in implementation (`MonitoringScope.acceptsMilestones`); an existing one may still be
    /// completed once the project is completed, but a cancelled or deferred project's milestones stay as they are.
    /// The owner is only parsed here; the server checks that the person is a member of the municipality.
    public func validated(projectStatus: ProjectStatus, isNew: Bool, createdOn: CalendarDay, today: CalendarDay) throws -> Milestone {
        var check = Validator()
        let open = isNew ? MonitoringScope.acceptsMilestones(projectStatus)
                         : MonitoringScope.acceptsMilestones(projectStatus) || projectStatus == .completed
        if !open { check.add("project", .notInImplementation(status: projectStatus.rawValue)) }
        let title = check.text("title", title, required: true, max: Self.maxTitleLength)
        let due = MonitoringInput.day("dueOn", dueOn, required: true, &check)
        let done = MonitoringInput.day("doneOn", doneOn, required: false, &check)
        if let done {
            if done > today { check.add("doneOn", .dateInFuture) }
            else if done < createdOn { check.add("doneOn", .doneBeforeCreated(createdOn: createdOn.iso)) }
        }
        var owner: UUID?
        if let text = CleanText.normalize(ownerUserID, multiline: false) {
            owner = UUID(uuidString: text)
            if owner == nil { check.add("ownerUserID", .unknownReference) }
        }
        let note = check.text("note", note, required: false, max: Self.maxNoteLength, multiline: true)
        try check.finish()
        return Milestone(title: title!, dueOn: due!, doneOn: done, ownerUserID: owner, note: note)
    }
}
