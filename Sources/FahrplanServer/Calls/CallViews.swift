import FahrplanCore
import Foundation
import Vapor

/// What the call pages render. Labels and CSS classes are decided here, so the templates stay simple.
enum CallDisplay {
    static func phase(_ phase: CallPhase, _ language: Language) -> String { Strings.text("calls.phase.\(phase.rawValue)", language) }

    static func phaseClass(_ phase: CallPhase) -> String {
        switch phase {
        case .open: return "status status-inProgress"
        case .overdue: return "status status-deferred"
        case .upcoming: return "status status-submitted"
        case .closed: return "status"
        }
    }

    static func state(_ state: CallBoard<UUID>.State, _ language: Language) -> String { Strings.text("calls.state.\(state.rawValue)", language) }

    static func stateClass(_ state: CallBoard<UUID>.State) -> String {
        switch state {
        case .complete: return "status status-completed"
        case .inProgress: return "status status-submitted"
        case .missing: return "status status-cancelled"
        }
    }

    /// "7 von 10 Ämtern vollständig"
    static func progress(asked: Int, complete: Int, _ language: Language) -> String {
        language == .de ? "\(complete) von \(asked) Ämtern vollständig" : "\(complete) of \(asked) units complete"
    }

    static func day(_ day: CalendarDay, _ language: Language) -> String { language == .de ? day.german : day.iso }

    /// "noch 24 Tage", "heute", nil once the deadline has passed.
    static func daysLeft(until deadline: CalendarDay, today: CalendarDay, _ language: Language) -> String? {
        let left = today.days(to: deadline)
        if left < 0 { return nil }
        if left == 0 { return language == .de ? "Frist endet heute" : "deadline today" }
        if language == .de { return left == 1 ? "noch 1 Tag" : "noch \(left) Tage" }
        return left == 1 ? "1 day left" : "\(left) days left"
    }
}

struct CallForm: Content {
    var title: String?
    var message: String?
    var opensOn: String?
    var deadline: String?
    var departmentIDs: [String]?

    init() {}

    init(_ call: CallForProjects, departmentIDs: [UUID]) {
        title = call.title; message = call.message
        opensOn = call.opensOnDay.german; deadline = call.deadlineDay.german
        self.departmentIDs = departmentIDs.map(\.uuidString)
    }

    var input: CallInput {
        CallInput(title: title, message: message, opensOn: opensOn, deadline: deadline, departmentIDs: departmentIDs ?? [])
    }
}

struct CompletionForm: Content {
    var departmentID: String?
    var note: String?
}

struct CallListPage: Encodable {
    var chrome: Chrome
    /// nil when there are none (Leaf treats an empty array as true).
    var rows: [Row]?
    var newURL: String?
    var archived: Bool
    var toggleArchivedURL: String
    var showOwn: Bool

    struct Row: Encodable {
        var title: String
        var url: String
        var phaseLabel: String
        var phaseClass: String
        var opensOn: String
        var deadline: String
        var progress: String
        var archived: Bool
        /// The department lead's own answer, e.g. "Vollständig" or "Fehlt"; nil when not asked.
        var own: String?
    }
}

struct CallFormPage: Encodable {
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var departmentOptions: [Option]

    struct Values: Encodable {
        var title: String
        var message: String
        var opensOn: String
        var deadline: String
    }
}

struct CallDetailPage: Encodable {
    var chrome: Chrome
    var call: Facts
    var messageHTML: String?
    var listURL: String
    var editURL: String?
    var reminderURL: String?
    var closeURL: String?
    var reopenURL: String?
    var archiveURL: String?
    var restoreURL: String?
    var historyURL: String?
    /// Where the team's row forms post; nil for everyone else.
    var completeURL: String?
    var incompleteURL: String?
    var ownUnits: [OwnUnit]
    var rows: [BoardRow]
    var totals: Totals
    var filters: [FilterLink]
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Whether the toolbar has any button (readers and leads see none: no empty toolbar).
    var hasTools = false

    struct Facts: Encodable {
        var title: String
        var phaseLabel: String
        var phaseClass: String
        var opensOn: String
        var deadline: String
        var daysLeft: String?
        var deadlinePassed: Bool
        /// Closed calls take no more projects: said to everyone, not only to the team that can reopen.
        var closed: Bool
        var archived: Bool
        var createdBy: String?
    }

    struct BoardRow: Encodable {
        var id: String
        var label: String
        var submitted: Int
        var drafts: Int
        var stateLabel: String
        var stateClass: String
        var missing: Bool
        var complete: Bool
        var completedBy: String?
        var completedAt: String?
        var note: String?
    }

    struct Totals: Encodable {
        var summary: String
        var completeText: String
        var submitted: Int
        var drafts: Int
        /// nil when there are none (Leaf treats 0 as true).
        var fromOtherUnits: Int?
        var noRows: Bool
    }

    struct FilterLink: Encodable {
        var label: String
        var url: String
        var current: Bool
    }

    /// A department lead's own asked unit: its profiles in the call and its declaration.
    struct OwnUnit: Encodable {
        var id: String
        var label: String
        var stateLabel: String
        var stateClass: String
        /// nil when there are none (Leaf treats an empty array as true).
        var projects: [ProjectLine]?
        var newProjectURL: String?
        var completeURL: String?
        var incompleteURL: String?
        var complete: Bool
        var completedBy: String?
        var completedAt: String?
        var note: String?
    }

    struct ProjectLine: Encodable {
        var code: String
        var title: String
        var url: String
        var status: String
        var statusLabel: String
    }
}

struct CallReminderPage: Encodable {
    var chrome: Chrome
    var callTitle: String
    var callURL: String
    var scopes: [CallDetailPage.FilterLink]
    /// One letter to all units; nil when there is at most one unit (its own letter says it all).
    var all: Letter?
    /// nil when nobody is in scope (Leaf treats an empty array as true).
    var letters: [Letter]?

    struct Letter: Encodable {
        var id: String
        var heading: String
        /// nil when no lead has an account (Leaf treats "" as true).
        var recipients: String?
        var subject: String
        var body: String
        var mailto: String
        var lines: Int
    }
}
