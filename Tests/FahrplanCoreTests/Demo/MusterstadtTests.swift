import FahrplanCore
import Testing

@Suite("Demo content: Musterstadt")
struct MusterstadtTests {
    static let demo = DemoMunicipality.musterstadt
    static let goals = demo.fieldsOfAction.flatMap(\.goals)
    static let programs = goals.flatMap(\.programs)
    static let departmentCodes = Set(demo.departments.map(\.code))

    // MARK: the municipality

    @Test("slug, name and vision are usable")
    func municipality() throws {
        #expect(Self.demo.slug == "musterstadt")
        #expect(Slug.isValid(Self.demo.slug))
        #expect(Slug.suggest(from: Self.demo.name) == Self.demo.slug)
        #expect(!Self.demo.kind.isEmpty)
        var check = Validator()
        #expect(check.text("visionTitle", Self.demo.visionTitle, required: true, max: 200) == Self.demo.visionTitle)
        let checked = check.text("vision", Self.demo.vision, required: true, max: 20_000, multiline: true)
        let vision = try #require(checked)
        #expect(vision.contains("\n\n"), "the vision is Markdown with paragraphs")
        #expect(vision.contains("**"))
        try check.finish()
    }

    // MARK: size

    @Test("5–7 fields of action, 12–20 goals, 15+ departments, some principles and programs")
    func size() {
        #expect((5...7).contains(Self.demo.fieldsOfAction.count))
        #expect((12...20).contains(Self.goals.count))
        #expect(Self.demo.departments.count >= 15)
        #expect(Self.demo.principles.count >= 3)
        #expect(Self.programs.count >= Self.goals.count / 2)
    }

    @Test("every field of action has at least two goals")
    func goalsPerField() {
        for field in Self.demo.fieldsOfAction {
            #expect(field.goals.count >= 2, "\(field.code)")
        }
    }

    // MARK: codes

    @Test("element codes are unique across principles, fields, goals and programs")
    func uniqueElementCodes() {
        let codes = Self.demo.principles.map(\.code) + Self.demo.fieldsOfAction.map(\.code) + Self.goals.map(\.code)
            + Self.programs.map(\.code)
        #expect(Set(codes).count == codes.count, "\(codes)")
    }

    @Test("codes follow the tree: HFn → Zn.m → Pn.m.k, and principles are Ln")
    func hierarchicalCodes() {
        for principle in Self.demo.principles {
            #expect(principle.code.hasPrefix("L"), "\(principle.code)")
        }
        for field in Self.demo.fieldsOfAction {
            #expect(field.code.hasPrefix("HF"))
            let number = field.code.dropFirst(2)
            for goal in field.goals {
                #expect(goal.code.hasPrefix("Z\(number)."), "\(goal.code) under \(field.code)")
                let goalNumber = goal.code.dropFirst()
                for program in goal.programs {
                    #expect(program.code.hasPrefix("P\(goalNumber)."), "\(program.code) under \(goal.code)")
                }
            }
        }
    }

    @Test("department codes are unique")
    func uniqueDepartmentCodes() {
        #expect(Self.departmentCodes.count == Self.demo.departments.count)
    }

    // MARK: every element passes the same checks as a person's input

    @Test("principles and fields of action pass validation")
    func topLevelValid() throws {
        for principle in Self.demo.principles {
            let input = StrategyElementInput(code: principle.code, title: principle.title, description: principle.description)
            let values = try input.validated(for: .principle)
            #expect(values.title == principle.title)
        }
        for field in Self.demo.fieldsOfAction {
            let input = StrategyElementInput(code: field.code, title: field.title, description: field.description)
            _ = try input.validated(for: .fieldOfAction)
        }
    }

    @Test("goals and programs pass validation")
    func goalsAndProgramsValid() throws {
        for goal in Self.goals {
            let input = StrategyElementInput(code: goal.code, title: goal.title, description: goal.description,
                                             targetStatement: goal.targetStatement, targetYear: goal.targetYear.map(String.init),
                                             parentID: "parent", responsibleDepartmentID: goal.responsibleDepartmentCode)
            let values = try input.validated(for: .goal)
            #expect(values.targetYear == goal.targetYear)
            for program in goal.programs {
                let input = StrategyElementInput(code: program.code, title: program.title, description: program.description,
                                                 parentID: "parent", responsibleDepartmentID: program.responsibleDepartmentCode)
                _ = try input.validated(for: .program)
            }
        }
    }

    // MARK: goals are measurable

    @Test("every goal has a target year within bounds and a target statement naming it")
    func targetYears() throws {
        for goal in Self.goals {
            let year = try #require(goal.targetYear, "\(goal.code)")
            #expect(StrategyElementLimits.targetYears.contains(year))
            #expect((2025...2035).contains(year), "\(goal.code): a plausible horizon for the strategy")
            #expect(goal.targetStatement.contains(String(year)), "\(goal.code)")
        }
    }

    @Test("every target statement is measurable: it contains a figure besides the deadline")
    func measurable() {
        for goal in Self.goals {
            #expect(goal.targetStatement.contains { $0.isNumber }, "\(goal.code)")
            let withoutDeadline = goal.targetStatement.replacing(/\d{1,2}\.\d{1,2}\.\d{4}/, with: "")
            #expect(withoutDeadline.contains { $0.isNumber }, "\(goal.code): \(goal.targetStatement)")
        }
    }

    // MARK: references

    @Test("every department a goal or program names exists")
    func responsibleDepartmentsExist() {
        for goal in Self.goals {
            let code = goal.responsibleDepartmentCode
            #expect(code != nil, "\(goal.code) has no responsible department")
            #expect(code.map(Self.departmentCodes.contains) ?? true, "\(goal.code) → \(code ?? "")")
            for program in goal.programs {
                let code = program.responsibleDepartmentCode
                #expect(code.map(Self.departmentCodes.contains) ?? true, "\(program.code) → \(code ?? "")")
            }
        }
    }

    @Test("every parent department exists, and levels follow Dezernat → Amt → Sachgebiet")
    func departmentHierarchy() throws {
        let byCode = Dictionary(uniqueKeysWithValues: Self.demo.departments.map { ($0.code, $0) })
        for department in Self.demo.departments {
            if let parentCode = department.parentCode {
                let parent = try #require(byCode[parentCode], "\(department.code) → \(parentCode)")
                #expect(parent.level.childLevel == department.level, "\(department.code)")
            } else {
                #expect(department.level == .division, "\(department.code) is a root but not a Dezernat")
            }
            #expect(!department.name.isEmpty)
            #expect(department.headName?.isEmpty == false, "\(department.code) has no head")
        }
    }

    @Test("the departments form one tree: every unit shows, at the depth of its level")
    func departmentTree() {
        let tree = DepartmentTree(units: Self.demo.departments.map { (id: $0.code, parentID: $0.parentCode, sortKey: $0.code) })
        #expect(tree.ordered.count == Self.demo.departments.count)
        let levels = Dictionary(uniqueKeysWithValues: Self.demo.departments.map { ($0.code, $0.level) })
        for node in tree.ordered {
            #expect(DepartmentLevel.allCases.firstIndex(of: levels[node.id]!) == node.depth, "\(node.id)")
        }
    }

    // MARK: users

    @Test("at least one demo user per role", arguments: MunicipalRole.allCases)
    func userPerRole(role: MunicipalRole) {
        #expect(Self.demo.users.contains { $0.role == role })
    }

    @Test("user e-mail addresses are plausible, already normalised and unique")
    func emails() {
        for user in Self.demo.users {
            #expect(EmailAddress.isPlausible(user.email), "\(user.email)")
            #expect(EmailAddress.normalize(user.email) == user.email, "\(user.email)")
            #expect(!user.displayName.isEmpty)
        }
        #expect(Set(Self.demo.users.map(\.email)).count == Self.demo.users.count)
    }

    @Test("department leads lead an existing department; no one else has one")
    func leadsHaveDepartments() {
        for user in Self.demo.users {
            if user.role == .departmentLead {
                #expect(user.departmentCode.map(Self.departmentCodes.contains) == true, "\(user.email)")
            } else {
                #expect(user.departmentCode == nil, "\(user.email)")
            }
        }
    }

    @Test("each department lead is the head of the department and has a goal or program to edit")
    func leadsCanShowEditing() throws {
        let tree = DepartmentTree(units: Self.demo.departments.map { (id: $0.code, parentID: $0.parentCode, sortKey: $0.code) })
        for user in Self.demo.users where user.role == .departmentLead {
            let code = try #require(user.departmentCode)
            #expect(Self.demo.departments.first { $0.code == code }?.headName == user.displayName, "\(user.email)")
            let permissions = Permissions(role: .departmentLead, isInstallationAdmin: false, ownDepartmentIDs: tree.subtree(of: code))
            let editable = Self.goals.filter { permissions.canEdit(elementOf: .goal, responsibleDepartmentID: $0.responsibleDepartmentCode) }.count
                + Self.programs.filter { permissions.canEdit(elementOf: .program, responsibleDepartmentID: $0.responsibleDepartmentCode) }.count
            #expect(editable > 0, "\(user.email) leads \(code) but may edit nothing")
        }
    }
}
