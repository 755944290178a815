import Foundation

/// What someone enters to take a strategy version (Strategieversion festhalten): its name, the day it was adopted
/// (by the council, or by whoever adopts the municipality's strategy) and, optionally, who adopted it and a note.
public struct StrategyVersionInput: Sendable, Equatable {
    public var name: String?
    public var adoptedOn: String?
    public var adoptedBy: String?
    public var note: String?

    public init(name: String?, adoptedOn: String?, adoptedBy: String? = nil, note: String? = nil) {
        self.name = name; self.adoptedOn = adoptedOn; self.adoptedBy = adoptedBy; self.note = note
    }

    public static let maxNameLength = 200
    public static let maxAdoptedByLength = 200
    public static let maxNoteLength = 2000

    /// The checked values: a name (required, one line, at most 200 characters), the adoption day (required, a
    /// German or ISO date, not after `today` — a version records what was adopted, not what may be), who adopted it
    /// (optional, one line) and a note (optional, several lines). Every problem at once, named by field.
    public func validated(today: CalendarDay) throws -> StrategyVersionValues {
        var check = Validator()
        let name = check.text("name", name, required: true, max: Self.maxNameLength)
        let adoptedBy = check.text("adoptedBy", adoptedBy, required: false, max: Self.maxAdoptedByLength)
        let note = check.text("note", note, required: false, max: Self.maxNoteLength, multiline: true)
        var day: CalendarDay?
        if let text = CleanText.normalize(adoptedOn, multiline: false) {
            if let parsed = CalendarDay(parsing: text) {
                if parsed > today { check.add("adoptedOn", .dateInFuture) } else { day = parsed }
            } else {
                check.add("adoptedOn", .invalidDate)
            }
        } else {
            check.add("adoptedOn", .required)
        }
        try check.finish()
        return StrategyVersionValues(name: name!, adoptedOn: day!, adoptedBy: adoptedBy, note: note)
    }
}

public struct StrategyVersionValues: Sendable, Equatable {
    public var name: String
    public var adoptedOn: CalendarDay
    public var adoptedBy: String?
    public var note: String?
}
