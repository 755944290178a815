import FahrplanCore
import Foundation
import Vapor

/// The cycle form's values as typed (field names are the API's).
struct CycleFormValues: Encodable {
    var subjectKind = ""
    var interval = ""
    var deadlineDays = ""
    var startDate = ""
    var ownerRule = ""
    var namedOwnerId = ""

    init() {}

    init(_ cycle: UpdateCycle) {
        subjectKind = cycle.kind.rawValue
        interval = cycle.interval.rawValue
        deadlineDays = String(cycle.deadlineDays)
        startDate = cycle.startDate.german
        ownerRule = cycle.ownerRule.rawValue
        namedOwnerId = cycle.namedOwnerID?.uuidString ?? ""
    }
}

/// The choices of the cycle form's selects, with the current value selected.
struct CycleFormOptions: Encodable {
    var kinds: [Option]
    var intervals: [Option]
    var ownerRules: [Option]
    var members: [Option]

    init(_ values: CycleFormValues, members: [User], _ req: Request) {
        kinds = MonitoringSubjectKind.allCases.map { Option(value: $0.rawValue, label: req.t("cyc.kind.\($0.rawValue)"), selected: $0.rawValue == values.subjectKind) }
        intervals = UpdateInterval.allCases.map { Option(value: $0.rawValue, label: req.t("cyc.interval.\($0.rawValue)"), selected: $0.rawValue == values.interval) }
        ownerRules = CycleOwnerRule.allCases.map { Option(value: $0.rawValue, label: req.t("cyc.ownerRule.\($0.rawValue)"), selected: $0.rawValue == values.ownerRule) }
        self.members = members.compactMap { user in
            user.id.map { Option(value: $0.uuidString, label: user.displayName, selected: $0.uuidString.lowercased() == values.namedOwnerId.lowercased()) }
        }
    }
}

struct CycleRowView: Encodable {
    var kind: String
    var interval: String
    var deadlineDays: Int
    var startDate: String
    var owner: String
    var editURL: String?
}

struct LockRowView: Encodable {
    var kind: String
    var period: String
    var lockedBy: String
    var unlockURL: String?
}

struct UpdateCyclesPageView: Encodable {
    var chrome: Chrome
    var notice: String?
    var cycles: [CycleRowView]
    var lateURL: String
    /// nil: read only.
    var createAction: String?
    var values: CycleFormValues
    var options: CycleFormOptions
    var locks: [LockRowView]
    var lockAction: String?
    var lockKind: String
    var lockDay: String
    var kindOptions: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Which form the problems belong to: `cycle` or `lock`.
    var failedForm: String
}

struct CycleEditPageView: Encodable {
    var chrome: Chrome
    var cyclesURL: String
    var action: String
    var deleteAction: String
    var values: CycleFormValues
    var options: CycleFormOptions
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

/// One due item as the start page, the late list and the reminders show it.
struct DueItemView: Encodable {
    var kind: String
    var title: String
    var url: String
    var period: String
    var dueDate: String
    var state: String
    var stateLabel: String
    var daysLate: Int

    init(_ item: UpdateCycleService.Item, _ req: Request) {
        kind = req.t("cyc.kind.\(item.subject.kind.rawValue)")
        title = item.subject.title
        url = item.subject.url
        period = "\(item.due.period.start.german) – \(item.due.period.end.german)"
        dueDate = item.due.dueDate.german
        state = item.due.state.rawValue
        stateLabel = req.t("cyc.state.\(item.due.state.rawValue)")
        daysLate = item.due.daysLate
    }
}

struct LateGroupView: Encodable {
    var owner: String
    var items: [DueItemView]
}

struct LateListPageView: Encodable {
    var chrome: Chrome
    var cyclesURL: String
    var groups: [LateGroupView]
}

struct ReminderView: Encodable {
    var label: String
    var title: String
    var url: String
    var dueDate: String
    var unread: Bool
}

/// The start page's section: what the person owes, and their reminders.
struct DueForMeSection: Encodable {
    var chrome: Chrome
    var items: [DueItemView]
    var reminders: [ReminderView]
    var unread: Int
    var markReadAction: String?
    var manageURL: String?
    var lateURL: String?
}
