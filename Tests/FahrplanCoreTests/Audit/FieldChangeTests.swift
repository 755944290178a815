import FahrplanCore
import Foundation
import Testing

@Suite("FieldChange: what the audit trail records")
struct FieldChangeTests {
    @Test("nothing changed, nothing recorded")
    func unchanged() {
        let snapshot: [String: String?] = ["title": "Offene Daten", "code": nil]
        #expect(FieldChange.between(snapshot, snapshot, fields: ["title", "code"]).isEmpty)
        #expect(FieldChange.between([:], [:], fields: ["title"]).isEmpty)
        #expect(FieldChange.between(snapshot, ["title": "Anders"], fields: []).isEmpty)
    }

    @Test("a value set for the first time: nil → value")
    func nilToValue() {
        #expect(FieldChange.between(["code": nil], ["code": "Z5.1"], fields: ["code"])
                == [FieldChange(field: "code", old: nil, new: "Z5.1")])
    }

    @Test("a value removed: value → nil")
    func valueToNil() {
        #expect(FieldChange.between(["code": "Z5.1"], ["code": nil], fields: ["code"])
                == [FieldChange(field: "code", old: "Z5.1", new: nil)])
    }

    @Test("a missing key counts as nil, the same as an explicit nil")
    func missingIsNil() {
        #expect(FieldChange.between([:], ["code": nil], fields: ["code"]).isEmpty)
        #expect(FieldChange.between(["code": nil], [:], fields: ["code"]).isEmpty)
        // Creating an element: everything set is new.
        #expect(FieldChange.between([:], ["title": "Neu", "code": nil], fields: ["title", "code"])
                == [FieldChange(field: "title", old: nil, new: "Neu")])
        #expect(FieldChange.between(["title": "Alt"], [:], fields: ["title"])
                == [FieldChange(field: "title", old: "Alt", new: nil)])
    }

    @Test("an empty string is a value, not the same as nil")
    func emptyIsNotNil() {
        #expect(FieldChange.between(["code": nil], ["code": ""], fields: ["code"])
                == [FieldChange(field: "code", old: nil, new: "")])
    }

    @Test("comparison is exact: case, white space and line breaks count")
    func exact() {
        #expect(FieldChange.between(["t": "Ziel"], ["t": "ziel"], fields: ["t"]).count == 1)
        #expect(FieldChange.between(["t": "Ziel"], ["t": "Ziel "], fields: ["t"]).count == 1)
        #expect(FieldChange.between(["t": "a\nb"], ["t": "a b"], fields: ["t"]).count == 1)
    }

    @Test("changes follow the order of `fields`, and unlisted fields are not recorded")
    func orderAndSelection() {
        let before: [String: String?] = ["a": "1", "b": "1", "c": "1", "secret": "x"]
        let after: [String: String?] = ["a": "2", "b": "2", "c": "2", "secret": "y"]
        #expect(FieldChange.between(before, after, fields: ["c", "a", "b"]).map(\.field) == ["c", "a", "b"])
        #expect(FieldChange.between(before, after, fields: ["b"]).map(\.field) == ["b"])
    }

    @Test("a field change survives a JSON round trip, nil included")
    func codable() throws {
        let changes = [FieldChange(field: "title", old: "Ä – „alt“", new: nil), FieldChange(field: "code", old: nil, new: "Z1")]
        let data = try JSONEncoder().encode(changes)
        #expect(try JSONDecoder().decode([FieldChange].self, from: data) == changes)
    }

    @Test("audit action raw values are stored and must not change")
    func actions() {
        #expect(AuditAction.allCases.map(\.rawValue) == [
            "create", "update", "archive", "restore", "move", "delete", "login", "loginFailed", "logout",
            "grantRole", "revokeRole", "createToken", "revokeToken", "merge", "importRows", "open", "submit", "close", "decide",
        ])
    }
}
