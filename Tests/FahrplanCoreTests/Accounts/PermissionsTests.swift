import FahrplanCore
import Testing

@Suite("Permissions: who may change what within a municipality")
struct PermissionsTests {
    /// Where an element's responsible department lies relative to the person.
    enum Department: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case own, subUnitOfOwn, other, none
        var testDescription: String { rawValue }
        var id: String? {
            switch self {
            case .own: return "dept-33"
            case .subUnitOfOwn: return "dept-33.1"
            case .other: return "dept-51"
            case .none: return nil
            }
        }
    }

    /// What a department lead of "33" gets from the server: the unit and its sub-units.
    static let ownUnits: Set<String> = ["dept-33", "dept-33.1"]
    static let roles: [MunicipalRole?] = [nil] + MunicipalRole.allCases

    @Test("membership-wide rights per role", arguments: roles)
    func roleRights(role: MunicipalRole?) {
        let permissions = Permissions(role: role, isInstallationAdmin: false, ownDepartmentIDs: Self.ownUnits)
        let isTeam = role == .strategyTeam
        #expect(permissions.canRead == (role != nil))
        #expect(permissions.canEditFrame == isTeam)
        #expect(permissions.canManageOrganisation == isTeam)
        #expect(permissions.canManageMembers == isTeam)
        #expect(permissions.canReadAudit == isTeam)
    }

    @Test("the installation admin has every right, with or without a membership", arguments: roles)
    func installationAdmin(role: MunicipalRole?) {
        let permissions = Permissions(role: role, isInstallationAdmin: true)
        #expect(permissions.canRead && permissions.canEditFrame && permissions.canManageOrganisation)
        #expect(permissions.canManageMembers && permissions.canReadAudit)
        for kind in StrategyElementKind.allCases {
            for department in Department.allCases {
                #expect(permissions.canEdit(elementOf: kind, responsibleDepartmentID: department.id))
            }
        }
    }

    @Test("editing elements: every role × kind × department", arguments: roles, StrategyElementKind.allCases)
    func editMatrix(role: MunicipalRole?, kind: StrategyElementKind) {
        let permissions = Permissions(role: role, isInstallationAdmin: false, ownDepartmentIDs: Self.ownUnits)
        for department in Department.allCases {
            let expected: Bool
            switch role {
            case .strategyTeam?:
                expected = true
            case .departmentLead?:
                // Only goals and programs have a responsible department; only the own unit (and below) counts.
                expected = (kind == .goal || kind == .program) && (department == .own || department == .subUnitOfOwn)
            case .reader?, .rater?, nil:
                expected = false
            }
            #expect(permissions.canEdit(elementOf: kind, responsibleDepartmentID: department.id) == expected,
                    "\(String(describing: role)) \(kind) \(department)")
        }
    }

    @Test("a department lead without a department edits nothing", arguments: StrategyElementKind.allCases)
    func leadWithoutDepartment(kind: StrategyElementKind) {
        let permissions = Permissions(role: .departmentLead, isInstallationAdmin: false)
        #expect(permissions.canRead)
        for department in Department.allCases {
            #expect(!permissions.canEdit(elementOf: kind, responsibleDepartmentID: department.id))
        }
        #expect(!permissions.canEdit(elementOf: kind, responsibleDepartmentID: ""))
    }

    @Test("department ids are matched exactly, not by prefix or case")
    func exactMatch() {
        let permissions = Permissions(role: .departmentLead, isInstallationAdmin: false, ownDepartmentIDs: ["abc-33"])
        for id in ["abc-3", "abc-33 ", "ABC-33", "abc-331", ""] {
            #expect(!permissions.canEdit(elementOf: .goal, responsibleDepartmentID: id), "\(id)")
        }
        #expect(permissions.canEdit(elementOf: .goal, responsibleDepartmentID: "abc-33"))
    }

    @Test("a department set on a reader or rater grants nothing", arguments: [MunicipalRole.reader, .rater])
    func departmentWithoutLeadRole(role: MunicipalRole) {
        let permissions = Permissions(role: role, isInstallationAdmin: false, ownDepartmentIDs: Self.ownUnits)
        #expect(!permissions.canEdit(elementOf: .goal, responsibleDepartmentID: "dept-33"))
        #expect(!permissions.canEdit(elementOf: .program, responsibleDepartmentID: "dept-33"))
    }

    @Test("no membership and no admin: nothing at all")
    func outsider() {
        let permissions = Permissions(role: nil, isInstallationAdmin: false, ownDepartmentIDs: Self.ownUnits)
        #expect(!permissions.canRead)
        #expect(!permissions.canEdit(elementOf: .goal, responsibleDepartmentID: "dept-33"))
    }
}
