import FahrplanCore
import Foundation
import Testing

@Suite("MunicipalRole")
struct MunicipalRoleTests {
    @Test("raw values are stored in memberships and must not change")
    func rawValues() {
        #expect(MunicipalRole.allCases.map(\.rawValue) == ["reader", "rater", "departmentLead", "strategyTeam"])
        #expect(MunicipalRole(rawValue: "admin") == nil)
        #expect(MunicipalRole(rawValue: "Reader") == nil)
    }

    @Test("roles are ordered by what they may do")
    func order() {
        #expect(MunicipalRole.reader < .rater)
        #expect(MunicipalRole.rater < .departmentLead)
        #expect(MunicipalRole.departmentLead < .strategyTeam)
        #expect(MunicipalRole.allCases.sorted() == MunicipalRole.allCases)
        #expect(MunicipalRole.allCases.max() == .strategyTeam)
        #expect(MunicipalRole.allCases.min() == .reader)
    }

    @Test("the order is strict: no role is below itself", arguments: MunicipalRole.allCases)
    func strict(role: MunicipalRole) {
        #expect(!(role < role))
    }

    @Test("roles survive a JSON round trip")
    func codable() throws {
        let data = try JSONEncoder().encode(MunicipalRole.allCases)
        #expect(try JSONDecoder().decode([MunicipalRole].self, from: data) == MunicipalRole.allCases)
    }
}
