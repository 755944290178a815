import Foundation

/// How far the public site meets WCAG 2.1 AA / EN 301 549, as the accessibility statement (Erklärung zur
/// Barrierefreiheit, BITV 2.0 § 12a, EU 2016/2102 Art. 7) must state it.
public enum PortalConformance: String, CaseIterable, Codable, Sendable {
    case full, partial, none
}

/// The parts of the public portal the strategy team can switch on or off.
public enum PortalPart: String, CaseIterable, Codable, Sendable {
    case vision, fieldsOfAction, goals, kpis, roadmap
    /// The latest published newsletter issues, with only what concerns public projects (`NewsletterDigest.restricted`).
    case newsletter
}

/// The portal settings of one municipality as typed into the form or sent to the API, checked in one go.
public struct PortalSettingsInput: Sendable, Equatable {
    public var published: Bool
    public var intro: String?
    public var parts: Set<PortalPart>
    public var contactEmail: String?
    public var contactPhone: String?
    public var contactAddress: String?
    /// ISO day the accessibility statement was drawn up (or last reviewed).
    public var statementDate: String?
    public var conformance: String?
    public var knownLimitations: String?
    /// The enforcement body (Schlichtungsstelle / Durchsetzungsstelle) of the municipality's state, with its address.
    public var enforcementBody: String?

    public init(published: Bool = false, intro: String? = nil, parts: Set<PortalPart> = Set(PortalPart.allCases),
                contactEmail: String? = nil, contactPhone: String? = nil, contactAddress: String? = nil,
                statementDate: String? = nil, conformance: String? = nil, knownLimitations: String? = nil,
                enforcementBody: String? = nil) {
        self.published = published; self.intro = intro; self.parts = parts; self.contactEmail = contactEmail
        self.contactPhone = contactPhone; self.contactAddress = contactAddress; self.statementDate = statementDate
        self.conformance = conformance; self.knownLimitations = knownLimitations; self.enforcementBody = enforcementBody
    }

    public struct Valid: Sendable, Equatable {
        public var published: Bool
        public var intro: String?
        public var parts: Set<PortalPart>
        public var contactEmail: String?
        public var contactPhone: String?
        public var contactAddress: String?
        public var statementDate: CalendarDay?
        public var conformance: PortalConformance
        public var knownLimitations: String?
        public var enforcementBody: String?
    }

    /// Every problem at once, named by field. A portal can only be published with a way to report barriers
    /// (an e-mail address or a postal address) and the statement's date: the statement is mandatory for a
    /// public body's website (BITV 2.0 § 12a), and without a contact its feedback mechanism would be empty.
    public func validated(today: CalendarDay) throws -> Valid {
        var check = Validator()
        let intro = check.text("intro", intro, required: false, max: 4_000, multiline: true)
        let email = check.text("contactEmail", contactEmail, required: false, max: 254)
        if let email, !EmailAddress.isPlausible(email) { check.add("contactEmail", .invalidEmail) }
        let phone = check.text("contactPhone", contactPhone, required: false, max: 60)
        if let phone, phone.contains(where: { !($0.isNumber || " +-/()".contains($0)) }) { check.add("contactPhone", .invalidChoice) }
        let address = check.text("contactAddress", contactAddress, required: false, max: 500, multiline: true)
        var day: CalendarDay?
        if let raw = check.text("statementDate", statementDate, required: false, max: 20) {
            if let parsed = CalendarDay(parsing: raw) {
                if parsed > today { check.add("statementDate", .dateInFuture) } else { day = parsed }
            } else {
                check.add("statementDate", .invalidDate)
            }
        }
        var level = PortalConformance.partial
        if let raw = check.text("conformance", conformance, required: false, max: 20) {
            if let known = PortalConformance(rawValue: raw) { level = known } else { check.add("conformance", .invalidChoice) }
        }
        let limits = check.text("knownLimitations", knownLimitations, required: false, max: 4_000, multiline: true)
        let body = check.text("enforcementBody", enforcementBody, required: false, max: 1_000, multiline: true)
        if published {
            if email == nil && address == nil && !check.problems.contains(where: { $0.field == "contactEmail" }) {
                check.add("contactEmail", .required)
            }
            if statementDate.flatMap({ CleanText.normalize($0, multiline: false) }) == nil { check.add("statementDate", .required) }
        }
        try check.finish()
        return Valid(published: published, intro: intro, parts: parts, contactEmail: email.map(EmailAddress.normalize),
                     contactPhone: phone, contactAddress: address, statementDate: day, conformance: level,
                     knownLimitations: limits, enforcementBody: body)
    }
}
