extension ValidationFailure {
    /// Throws the problems found by a check that collects them as a list (e.g. `Criterion.problems()`).
    public static func throwing(_ problems: [FieldProblem]) throws {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }
}
