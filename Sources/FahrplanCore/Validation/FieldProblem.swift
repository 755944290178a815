import Foundation

/// One thing wrong with one field of an input. The server turns it into a localized message (UI) or an
/// RFC 9457 problem entry (API); the core only says which field and what kind of problem.
public struct FieldProblem: Equatable, Sendable, Error {
    public enum Kind: Equatable, Sendable {
        case required
        case tooLong(max: Int)
        case tooShort(min: Int)
        case notANumber
        case outOfRange(min: Int, max: Int)
        case invalidChoice
        case invalidSlug
        case invalidEmail
        case alreadyTaken
        case unknownReference
        case cycle
        case controlCharacters
        case wrongKindOfParent
        /// Not a number as people type them (German `1.234,56` or ISO `1234.56`).
        case notADecimal
        case negative
        /// More decimal places than the field keeps (cents, hundredths of a VZÄ).
        case tooPrecise(decimals: Int)
        case invalidDate
        case endBeforeStart
        case invalidBoolean
        case tooMany(max: Int)
        /// The same key (e.g. a year) appears twice where it must be unique.
        case duplicate
        /// Staff effort over the limit in one year (VZÄ per year over all departments).
        case effortOverLimit(year: Int)
        /// The change would make projects depend on each other in a circle; the labels name the circle.
        case dependencyCycle([String])
        /// A spreadsheet cell that is a formula (`=HYPERLINK(...)`) — never imported.
        case formula
        /// The call for projects is closed (or archived) and takes no more profiles.
        case callClosed
        /// The workflow does not allow this status change from the current status.
        case invalidTransition(from: String, to: String)
        /// A key that appears in files and URLs: letters, digits, `-`, `_`, starting with a letter.
        case invalidKey
        /// A criterion's scale needs at least two levels.
        case scaleTooShort
        /// All weights are zero (or none is given): nothing to normalize.
        case weightsSumToZero
        /// A pairwise comparison of a criterion with itself.
        case comparedWithItself
        /// Not a value of Saaty's scale (1/9 … 9).
        case notSaatyValue
        /// A pairwise comparison matrix that cannot be used; the text names why (not square, not reciprocal, …).
        case invalidMatrix(String)
        /// A prioritization round needs at least one rater (and one project, one criterion).
        case noRaters
        case noProjects
        case noCriteria
        /// The round is closed (or not open for this step) and does not change any more.
        case roundClosed
        /// Closing a round with ratings still missing needs a decision: exclude the projects or rank them with what is there.
        case missingRatings(count: Int)
        /// A password that appears in the list of commonly used passwords.
        case commonPassword
        /// Longer in UTF-8 bytes than the password hash can use (bcrypt reads 72 bytes).
        case tooManyBytes(max: Int)
        /// The repeated password differs from the first.
        case passwordsDiffer
        /// The current password (or a one-time code) does not match.
        case wrongPassword
        case wrongCode
        /// Someone else saved the same item since this form was loaded.
        case staleEdit
        /// Status reports (and new milestones) are kept only for projects in implementation; the status names where it stands.
        case notInImplementation(status: String)
        /// A milestone marked done on a day before it was created (ISO day of creation).
        case doneBeforeCreated(createdOn: String)
        /// A day after today where only past or present days make sense (a measurement's date).
        case dateInFuture
        /// A value given in another unit than the one its item is measured in (a KPI measurement).
        case unitMismatch(expected: String)
        /// A target that lies on the wrong side of the baseline for the chosen direction (increase/decrease).
        case againstDirection
        /// The strategy team locked the reporting period this date falls in after its review.
        case periodLocked(from: String, to: String)
        /// A reporting period that has not ended yet cannot be locked.
        case periodNotEnded
    }

    public var field: String
    public var kind: Kind

    public init(_ field: String, _ kind: Kind) {
        self.field = field
        self.kind = kind
    }
}

/// Input that failed validation; carries every problem at once so a form can show them all together.
public struct ValidationFailure: Error, Equatable, Sendable {
    public var problems: [FieldProblem]
    public init(_ problems: [FieldProblem]) { self.problems = problems }
}

/// Collects problems while an input is checked field by field.
public struct Validator: Sendable {
    public private(set) var problems: [FieldProblem] = []
    public init() {}

    public mutating func add(_ field: String, _ kind: FieldProblem.Kind) {
        problems.append(FieldProblem(field, kind))
    }

    /// Cleans a free-text value (see `CleanText`) and checks its length; `nil` when absent or blank.
    public mutating func text(_ field: String, _ raw: String?, required: Bool, max: Int,
                              multiline: Bool = false) -> String? {
        let value = CleanText.normalize(raw, multiline: multiline)
        if let raw, CleanText.containsForbiddenControlCharacters(raw, multiline: multiline) {
            add(field, .controlCharacters)
            return nil
        }
        guard let value else {
            if required { add(field, .required) }
            return nil
        }
        if value.count > max { add(field, .tooLong(max: max)) }
        return value
    }

    /// Parses an optional whole number within a range; blank means absent.
    public mutating func integer(_ field: String, _ raw: String?, required: Bool = false,
                                 range: ClosedRange<Int>) -> Int? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            if required { add(field, .required) }
            return nil
        }
        guard let number = Int(text) else {
            add(field, .notANumber)
            return nil
        }
        guard range.contains(number) else {
            add(field, .outOfRange(min: range.lowerBound, max: range.upperBound))
            return nil
        }
        return number
    }

    /// Parses a number as people type it (German `1.234,5` or ISO `1234.5`) that must not be negative, such as
    /// a weight; blank means absent. "-5" is reported as negative, not as "not a number".
    public mutating func nonNegativeDecimal(_ field: String, _ raw: String?, required: Bool = false) -> Double? {
        guard let text = CleanText.normalize(raw, multiline: false) else {
            if required { add(field, .required) }
            return nil
        }
        do throws(LocaleNumberError) {
            return NSDecimalNumber(decimal: try LocaleNumber.parse(text)).doubleValue
        } catch {
            if case .negative = error { add(field, .negative) } else { add(field, .notADecimal) }
            return nil
        }
    }

    public func finish() throws {
        if !problems.isEmpty { throw ValidationFailure(problems) }
    }
}

extension FieldProblem.Kind {
    /// A stable name of the kind for programs (API clients, import reports), e.g. `required`, `missing_ratings`.
    public var code: String {
        switch self {
        case .required: return "required"
        case .tooLong: return "too_long"
        case .tooShort: return "too_short"
        case .notANumber: return "not_a_number"
        case .outOfRange: return "out_of_range"
        case .invalidChoice: return "invalid_choice"
        case .invalidSlug: return "invalid_slug"
        case .invalidEmail: return "invalid_email"
        case .alreadyTaken: return "already_taken"
        case .unknownReference: return "unknown_reference"
        case .cycle: return "cycle"
        case .controlCharacters: return "control_characters"
        case .wrongKindOfParent: return "wrong_kind_of_parent"
        case .notADecimal: return "not_a_decimal"
        case .negative: return "negative"
        case .tooPrecise: return "too_precise"
        case .invalidDate: return "invalid_date"
        case .endBeforeStart: return "end_before_start"
        case .invalidBoolean: return "invalid_boolean"
        case .tooMany: return "too_many"
        case .duplicate: return "duplicate"
        case .effortOverLimit: return "effort_over_limit"
        case .dependencyCycle: return "dependency_cycle"
        case .formula: return "formula"
        case .invalidTransition: return "invalid_transition"
        case .callClosed: return "call_closed"
        case .invalidKey: return "invalid_key"
        case .scaleTooShort: return "scale_too_short"
        case .weightsSumToZero: return "weights_sum_to_zero"
        case .comparedWithItself: return "compared_with_itself"
        case .notSaatyValue: return "not_saaty_value"
        case .invalidMatrix: return "invalid_matrix"
        case .noRaters: return "no_raters"
        case .noProjects: return "no_projects"
        case .noCriteria: return "no_criteria"
        case .roundClosed: return "round_closed"
        case .missingRatings: return "missing_ratings"
        case .commonPassword: return "common_password"
        case .tooManyBytes: return "too_many_bytes"
        case .passwordsDiffer: return "passwords_differ"
        case .wrongPassword: return "wrong_password"
        case .wrongCode: return "wrong_code"
        case .staleEdit: return "stale_edit"
        case .notInImplementation: return "not_in_implementation"
        case .doneBeforeCreated: return "done_before_created"
        case .dateInFuture: return "date_in_future"
        case .unitMismatch: return "unit_mismatch"
        case .againstDirection: return "against_direction"
        case .periodLocked: return "period_locked"
        case .periodNotEnded: return "period_not_ended"
        }
    }
}
