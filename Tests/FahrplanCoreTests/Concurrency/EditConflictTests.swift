import FahrplanCore
import Foundation
import Testing

@Suite("Edit conflicts")
struct EditConflictTests {
    let monday = Date(timeIntervalSince1970: 1_800_000_000)
    var tuesday: Date { monday.addingTimeInterval(86_400) }

    @Test func namesTheFieldsOthersChangedSinceTheBaseWithTheirValueBaseAndAuthor() {
        let history = [
            VersionedChange(version: 2, actor: "Anna", at: monday, changes: [FieldChange(field: "title", old: "Alt", new: "Neu")]),
            VersionedChange(version: 3, actor: "Ben", at: tuesday, changes: [FieldChange(field: "title", old: "Neu", new: "Neuer"),
                                                                             FieldChange(field: "summary", old: nil, new: "Kurz")]),
        ]
        let current: [String: String?] = ["title": "Neuer", "summary": "Kurz", "code": "P-1"]
        let mine: [String: String?] = ["title": "Alt", "summary": "Meine lange Zusammenfassung", "code": "P-1"]
        let conflicts = EditConflict.fields(["code", "title", "summary"], baseVersion: 1, current: current, history: history, mine: mine)
        #expect(conflicts == [
            ConflictingField(field: "title", base: "Alt", theirs: "Neuer", mine: "Alt", changedBy: "Ben", changedAt: tuesday),
            ConflictingField(field: "summary", base: nil, theirs: "Kurz", mine: "Meine lange Zusammenfassung", changedBy: "Ben", changedAt: tuesday),
        ])
        #expect(conflicts[0].changedByBoth == false)
        #expect(conflicts[1].changedByBoth == true)
    }

    @Test func changesUpToTheBaseVersionAndChangesUndoneLaterAreNoConflict() {
        let history = [
            VersionedChange(version: 2, actor: "Anna", at: monday, changes: [FieldChange(field: "title", old: "A", new: "B")]),
            VersionedChange(version: 3, actor: "Ben", at: tuesday, changes: [FieldChange(field: "summary", old: "x", new: "y")]),
            VersionedChange(version: 4, actor: "Ben", at: tuesday, changes: [FieldChange(field: "summary", old: "y", new: "x")]),
        ]
        let current: [String: String?] = ["title": "B", "summary": "x"]
        #expect(EditConflict.fields(["title", "summary"], baseVersion: 2, current: current, history: history, mine: current).isEmpty)
        #expect(EditConflict.latest(after: 2, in: history)?.version == 4)
        #expect(EditConflict.latest(after: 4, in: history) == nil)
    }

    @Test func ifMatchNamesOneStrongVersionOrAny() {
        #expect(EditConflict.version(ifMatch: "\"7\"") == .version(7))
        #expect(EditConflict.version(ifMatch: " \"12\" ") == .version(12))
        #expect(EditConflict.version(ifMatch: "*") == .any)
        #expect(EditConflict.version(ifMatch: "W/\"7\"") == .invalid)
        #expect(EditConflict.version(ifMatch: "7") == .invalid)
        #expect(EditConflict.version(ifMatch: "\"0\"") == .invalid)
        #expect(EditConflict.version(ifMatch: "\"x\"") == .invalid)
        #expect(EditConflict.entityTag(3) == "\"3\"")
    }
}
