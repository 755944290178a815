/// The shape of a demo municipality (Demo-Kommune): plain content that the server loads into a fresh database.
/// Kept as values so the content can be checked by fast tests without a database.
public struct DemoMunicipality: Sendable {
    public var slug: String
    public var name: String
    /// e.g. "Stadt" or "Gemeinde"; shown before the name in formal contexts.
    public var kind: String
    public var visionTitle: String
    /// Markdown.
    public var vision: String
    public var principles: [DemoPrinciple]
    public var fieldsOfAction: [DemoFieldOfAction]
    public var departments: [DemoDepartment]
    public var users: [DemoUser]
    /// Projektportfolio: the project profiles, in the order they were created.
    public var projects: [DemoProject]
    /// Projektabfragen: calls for projects sent to the departments.
    public var calls: [DemoCall]

    public init(slug: String, name: String, kind: String, visionTitle: String, vision: String,
                principles: [DemoPrinciple], fieldsOfAction: [DemoFieldOfAction],
                departments: [DemoDepartment], users: [DemoUser],
                projects: [DemoProject] = [], calls: [DemoCall] = []) {
        self.slug = slug; self.name = name; self.kind = kind; self.visionTitle = visionTitle; self.vision = vision
        self.principles = principles; self.fieldsOfAction = fieldsOfAction
        self.departments = departments; self.users = users
        self.projects = projects; self.calls = calls
    }
}

/// Leitlinie: a principle that guides every project of the strategy.
public struct DemoPrinciple: Sendable {
    public var code: String
    public var title: String
    public var description: String
    public init(code: String, title: String, description: String) {
        self.code = code; self.title = title; self.description = description
    }
}

/// Handlungsfeld with its strategic goals.
public struct DemoFieldOfAction: Sendable {
    public var code: String
    public var title: String
    public var description: String
    public var goals: [DemoGoal]
    public init(code: String, title: String, description: String, goals: [DemoGoal]) {
        self.code = code; self.title = title; self.description = description; self.goals = goals
    }
}

/// Strategisches Ziel with a measurable target statement and the programs that serve it.
public struct DemoGoal: Sendable {
    public var code: String
    public var title: String
    public var description: String
    /// Messbare Zielaussage, e.g. "Bis Ende 2028 sind 80 % der 50 meistgenutzten Leistungen online beantragbar."
    public var targetStatement: String
    public var targetYear: Int?
    /// Code of the department responsible for the goal (must exist in `departments`).
    public var responsibleDepartmentCode: String?
    public var programs: [DemoProgram]
    public init(code: String, title: String, description: String, targetStatement: String, targetYear: Int?,
                responsibleDepartmentCode: String?, programs: [DemoProgram]) {
        self.code = code; self.title = title; self.description = description
        self.targetStatement = targetStatement; self.targetYear = targetYear
        self.responsibleDepartmentCode = responsibleDepartmentCode; self.programs = programs
    }
}

/// Programm: bundles work under a goal.
public struct DemoProgram: Sendable {
    public var code: String
    public var title: String
    public var description: String
    public var responsibleDepartmentCode: String?
    public init(code: String, title: String, description: String, responsibleDepartmentCode: String?) {
        self.code = code; self.title = title; self.description = description
        self.responsibleDepartmentCode = responsibleDepartmentCode
    }
}

/// Organisationseinheit: Dezernat, Amt/Fachdienst or Sachgebiet, with its head.
public struct DemoDepartment: Sendable {
    public var code: String
    public var name: String
    public var level: DepartmentLevel
    public var parentCode: String?
    public var headName: String?
    public init(code: String, name: String, level: DepartmentLevel, parentCode: String?, headName: String?) {
        self.code = code; self.name = name; self.level = level; self.parentCode = parentCode; self.headName = headName
    }
}

/// A demo login. The password is never part of the content: it is given at load time.
public struct DemoUser: Sendable {
    public var email: String
    public var displayName: String
    public var role: MunicipalRole
    /// For department leads: the department they lead.
    public var departmentCode: String?
    public init(email: String, displayName: String, role: MunicipalRole, departmentCode: String?) {
        self.email = email; self.displayName = displayName; self.role = role; self.departmentCode = departmentCode
    }
}
