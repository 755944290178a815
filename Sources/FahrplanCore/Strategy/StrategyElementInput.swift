/// What a person submits to create or change an element of the strategy frame, before it is checked.
/// All values arrive as text (from a form or JSON) so that every problem can be reported by field.
public struct StrategyElementInput: Sendable, Equatable {
    public var code: String?
    public var title: String?
    public var description: String?
    public var targetStatement: String?
    public var targetYear: String?
    public var parentID: String?
    public var responsibleDepartmentID: String?

    public init(code: String? = nil, title: String? = nil, description: String? = nil,
                targetStatement: String? = nil, targetYear: String? = nil, parentID: String? = nil,
                responsibleDepartmentID: String? = nil) {
        self.code = code; self.title = title; self.description = description
        self.targetStatement = targetStatement; self.targetYear = targetYear
        self.parentID = parentID; self.responsibleDepartmentID = responsibleDepartmentID
    }
}

/// A checked element: clean values, ready to be stored. References are still ids as text; the server
/// resolves them within the municipality and reports `unknownReference` when they do not exist there.
public struct StrategyElementValues: Sendable, Equatable {
    public var code: String?
    public var title: String
    public var description: String?
    public var targetStatement: String?
    public var targetYear: Int?
    public var parentID: String?
    public var responsibleDepartmentID: String?
}

public enum StrategyElementLimits {
    public static let code = 20
    public static let title = 200
    public static let description = 20_000
    public static let targetStatement = 1_000
    public static let targetYears = 2000...2100
}

extension StrategyElementInput {
    /// Checks the input for an element of `kind`; throws `ValidationFailure` listing every problem.
    public func validated(for kind: StrategyElementKind) throws -> StrategyElementValues {
        var check = Validator()
        let code = check.text("code", code, required: false, max: StrategyElementLimits.code)
        let title = check.text("title", title, required: true, max: StrategyElementLimits.title)
        let description = check.text("description", description, required: false,
                                     max: StrategyElementLimits.description, multiline: true)
        var target: String?
        var year: Int?
        if kind.hasTarget {
            target = check.text("targetStatement", targetStatement, required: kind.requiresTargetStatement,
                                max: StrategyElementLimits.targetStatement, multiline: true)
            year = check.integer("targetYear", targetYear, range: StrategyElementLimits.targetYears)
        }
        var parent: String?
        if kind.parentKind != nil {
            parent = check.text("parentID", parentID, required: true, max: 64)
        }
        var department: String?
        if kind.hasResponsibleDepartment {
            department = check.text("responsibleDepartmentID", responsibleDepartmentID, required: false, max: 64)
        }
        try check.finish()
        return StrategyElementValues(code: code, title: title ?? "", description: description,
                                     targetStatement: target, targetYear: year, parentID: parent,
                                     responsibleDepartmentID: department)
    }
}
