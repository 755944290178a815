import FahrplanCore
import Foundation
import Testing

@Suite("Calls for projects: the completion board")
struct CallBoardTests {
    typealias Board = CallBoard<String>

    /// D3 ── 50, 51 ── 51.1; D4 ── 61
    static let parentOf = ["50": "D3", "51": "D3", "51.1": "51", "61": "D4"]
    static let units = [
        Board.Unit(id: "50", code: "50", name: "Sozialamt"),
        Board.Unit(id: "51", code: "51", name: "Jugendamt", completedAt: Date(), completedBy: "Dr. Nadine Schäfer-Yılmaz", note: "Alles drin."),
        Board.Unit(id: "61", code: "61", name: "Amt für Stadtplanung"),
    ]

    @Test("profiles count for their asked unit or the asked unit above; drafts apart; cancelled not at all")
    func counts() {
        let board = Board(units: Self.units, entries: [
            .init(departmentID: "51", status: .submitted), .init(departmentID: "51.1", status: .inReview),
            .init(departmentID: "51.1", status: .idea), .init(departmentID: "61", status: .idea),
            .init(departmentID: "61", status: .cancelled), .init(departmentID: "D4", status: .submitted),
            .init(departmentID: nil, status: .submitted),
        ], parentOf: Self.parentOf)
        #expect(board.rows.map(\.unit.code) == ["50", "51", "61"])
        #expect(board.rows.map(\.submitted) == [0, 2, 0])
        #expect(board.rows.map(\.drafts) == [0, 1, 1])
        #expect(board.rows.map(\.state) == [.missing, .complete, .inProgress])
        #expect(board.totals == Board.Totals(asked: 3, complete: 1, inProgress: 1, missing: 1, submitted: 2, drafts: 2, fromOtherUnits: 2))
    }

    @Test("a declared unit is complete even without profiles; a unit with only drafts is not missing")
    func states() {
        let board = Board(units: [Board.Unit(id: "50", code: "50", name: "Sozialamt", completedAt: Date()),
                                  Board.Unit(id: "61", code: "61", name: "Stadtplanung")],
                          entries: [.init(departmentID: "61", status: .idea)])
        #expect(board.rows.map(\.state) == [.complete, .inProgress])
        #expect(board.rows(.missing).isEmpty)
        #expect(board.rows(.incomplete).map(\.unit.code) == ["61"])
        #expect(board.rows(.all).count == 2)
    }

    @Test("a parent cycle in bad data does not hang the attribution")
    func cycle() {
        let board = Board(units: [Board.Unit(id: "A", code: "A", name: "A")], entries: [.init(departmentID: "X", status: .submitted)],
                          parentOf: ["X": "Y", "Y": "X"])
        #expect(board.totals.fromOtherUnits == 1)
        #expect(board.rows[0].state == .missing)
    }

    @Test("the demo's open call: 13 offices asked, 3 declared complete, and 50, 61, 62 missing")
    func demoOpenCall() throws {
        let demo = DemoMunicipality.musterstadt
        let call = try #require(demo.calls.first { $0.code == "ABF-2027" })
        let names = Dictionary(uniqueKeysWithValues: demo.departments.map { ($0.code, $0.name) })
        let parents = Dictionary(uniqueKeysWithValues: demo.departments.compactMap { unit in unit.parentCode.map { (unit.code, $0) } })
        let board = CallBoard<String>(
            units: call.departmentCodes.map { code in
                CallBoard<String>.Unit(id: code, code: code, name: names[code] ?? code,
                                       completedAt: call.completedDepartmentCodes.contains(code) ? Date() : nil)
            },
            entries: demo.projects.filter { $0.inCallCode == call.code }.map { .init(departmentID: $0.departmentCode, status: $0.status) },
            parentOf: parents)
        #expect(board.totals.asked == 13)
        #expect(board.totals.complete == 3)
        #expect(board.rows(.missing).map(\.unit.code) == ["50", "61", "62"])
        #expect(board.totals.missing == 3)
        #expect(board.totals.inProgress == 7)
    }
}
