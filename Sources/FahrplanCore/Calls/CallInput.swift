import Foundation

/// Limits of a call for projects (Abfrage).
public enum CallLimits {
    public static let title = 200
    public static let message = 20_000
    /// The note a department adds when it declares its answer complete.
    public static let note = 2_000
    /// More units than any municipality has; stops absurd input early.
    public static let departments = 1_000
}

/// A call for projects as typed into the form or sent to the API: text as given, not yet checked.
public struct CallInput: Sendable, Equatable {
    public var title: String?
    /// Markdown: what the team asks for, by when, whom to ask.
    public var message: String?
    /// Opening day, German (`16.02.2026`) or ISO (`2026-02-16`).
    public var opensOn: String?
    /// Deadline (Abgabefrist), German or ISO.
    public var deadline: String?
    /// The units asked, by id.
    public var departmentIDs: [String]

    public init(title: String? = nil, message: String? = nil, opensOn: String? = nil, deadline: String? = nil,
                departmentIDs: [String] = []) {
        self.title = title; self.message = message; self.opensOn = opensOn; self.deadline = deadline
        self.departmentIDs = departmentIDs
    }
}

/// A checked call: what will be stored. Whether the units exist in the municipality is the server's check.
public struct CallValues: Sendable, Equatable {
    public var title: String
    public var message: String?
    public var opensOn: CalendarDay
    public var deadline: CalendarDay
    /// Without duplicates, in the order given.
    public var departmentIDs: [UUID]
}

extension CallInput {
    /// Checks every field and throws `ValidationFailure` naming all problems at once.
    public func validated() throws -> CallValues {
        var check = Validator()
        let title = check.text("title", title, required: true, max: CallLimits.title)
        let message = check.text("message", message, required: false, max: CallLimits.message, multiline: true)
        let opensOn = check.requiredDay("opensOn", opensOn)
        let deadline = check.requiredDay("deadline", deadline)
        if let opensOn, let deadline, deadline < opensOn { check.add("deadline", .endBeforeStart) }

        var ids: [UUID] = []
        var malformed = false
        for raw in departmentIDs {
            guard let text = CleanText.normalize(raw, multiline: false) else { continue }
            guard let id = UUID(uuidString: text) else { malformed = true; continue }
            if !ids.contains(id) { ids.append(id) }
        }
        if malformed {
            check.add("departmentIDs", .unknownReference)
        } else if ids.isEmpty {
            check.add("departmentIDs", .required)
        } else if ids.count > CallLimits.departments {
            check.add("departmentIDs", .tooMany(max: CallLimits.departments))
        }
        try check.finish()
        return CallValues(title: title ?? "", message: message, opensOn: opensOn!, deadline: deadline!, departmentIDs: ids)
    }
}

extension Validator {
    /// A day that must be given: German or ISO, as the project dates.
    mutating func requiredDay(_ field: String, _ raw: String?) -> CalendarDay? {
        guard CleanText.normalize(raw, multiline: false) != nil else {
            add(field, .required)
            return nil
        }
        return day(field, raw)
    }
}
