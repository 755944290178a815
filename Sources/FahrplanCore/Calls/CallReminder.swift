import Foundation

/// The reminder the strategy team sends to units that have not answered a call for projects yet: a
/// ready text in German or English that names the call, the deadline, the units and what each one still
/// owes. Fahrplan does not send it; the team copies it or opens it in their mail program.
public struct CallReminder: Sendable {
    /// A unit to remind and what it has delivered so far.
    public struct Unit: Sendable, Equatable {
        public var label: String
        public var submitted: Int
        public var drafts: Int
        public var complete: Bool

        public init(label: String, submitted: Int, drafts: Int, complete: Bool) {
            self.label = label; self.submitted = submitted; self.drafts = drafts; self.complete = complete
        }

        public init<ID>(_ row: CallBoard<ID>.Row) {
            self.init(label: row.unit.label, submitted: row.submitted, drafts: row.drafts, complete: row.isComplete)
        }
    }

    public var callTitle: String
    public var deadline: CalendarDay
    public var today: CalendarDay
    /// Where the call is, for the recipients (absolute address); left out when unknown.
    public var link: String?
    /// Who signs the text.
    public var sender: String?
    public var english: Bool

    public init(callTitle: String, deadline: CalendarDay, today: CalendarDay, link: String? = nil, sender: String? = nil, english: Bool = false) {
        self.callTitle = callTitle; self.deadline = deadline; self.today = today
        self.link = link; self.sender = sender; self.english = english
    }

    private var deadlineText: String { english ? deadline.englishLong : deadline.german }

    public var subject: String {
        english ? "Reminder: call for projects “\(callTitle)” – deadline \(deadlineText)"
            : "Erinnerung: Projektabfrage „\(callTitle)“ – Frist \(deadlineText)"
    }

    /// What a unit still owes, one short phrase per item.
    public func missing(_ unit: Unit) -> [String] {
        var items: [String] = []
        if unit.submitted + unit.drafts == 0 {
            items.append(english ? "no project profile yet" : "noch kein Projektsteckbrief")
        }
        if unit.drafts > 0 {
            if english {
                items.append(unit.drafts == 1 ? "1 draft not submitted yet" : "\(unit.drafts) drafts not submitted yet")
            } else {
                items.append(unit.drafts == 1 ? "1 Entwurf noch nicht eingereicht" : "\(unit.drafts) Entwürfe noch nicht eingereicht")
            }
        }
        if !unit.complete {
            items.append(english ? "the declaration “answer complete”" : "die Erklärung „Meldung vollständig“")
        }
        return items
    }

    /// The letter for one unit or several (one mail to all of them).
    public func body(for units: [Unit]) -> String {
        var lines: [String] = [english ? "Dear colleagues," : "Liebe Kolleginnen und Kollegen,", ""]
        if units.count == 1, let unit = units.first {
            lines.append(english ? "for the call for projects “\(callTitle)” we are still waiting for the answer of \(unit.label). Still missing:"
                                 : "für die Projektabfrage „\(callTitle)“ fehlt uns noch die Meldung von \(unit.label). Es fehlt:")
            lines += missing(unit).map { "- \($0)" }
        } else {
            lines.append(english ? "for the call for projects “\(callTitle)” we are still waiting for the answers of these units:"
                                 : "für die Projektabfrage „\(callTitle)“ fehlen uns noch die Meldungen dieser Organisationseinheiten:")
            lines += units.map { "- \($0.label): \(missing($0).joined(separator: ", "))" }
        }
        lines += ["", deadlineSentence, ""]
        lines.append(english
            ? "Please enter your projects as project profiles in Fahrplan and submit them. If you have nothing (more) to report, please declare your answer complete all the same – then we know that nothing is missing."
            : "Bitte legen Sie Ihre Vorhaben in Fahrplan als Projektsteckbrief an und reichen Sie sie ein. Wenn Sie nichts (mehr) melden, erklären Sie Ihre Meldung bitte trotzdem als vollständig – dann wissen wir, dass nichts fehlt.")
        if let link {
            lines += ["", (english ? "The call: " : "Zur Abfrage: ") + link]
        }
        lines += ["", english ? "Thank you and kind regards" : "Vielen Dank und freundliche Grüße"]
        if let sender, !sender.isEmpty { lines.append(sender) }
        return lines.joined(separator: "\n")
    }

    var deadlineSentence: String {
        let left = today.days(to: deadline)
        if left < 0 {
            return english ? "The deadline passed on \(deadlineText) – please answer as soon as possible."
                           : "Die Frist ist am \(deadlineText) abgelaufen – bitte melden Sie sich so bald wie möglich."
        }
        if left == 0 {
            return english ? "The deadline is today, \(deadlineText)." : "Die Frist endet heute, am \(deadlineText)."
        }
        if english { return "The deadline is \(deadlineText) (\(left == 1 ? "1 day" : "\(left) days") left)." }
        return "Die Frist endet am \(deadlineText) (noch \(left == 1 ? "1 Tag" : "\(left) Tage"))."
    }
}

/// A `mailto:` address (RFC 6068) with recipients, subject and body, for a link that opens the mail program.
public enum MailtoLink {
    public static func make(to recipients: [String], subject: String, body: String) -> String {
        let to = recipients.map { encode($0, keeping: "@") }.joined(separator: ",")
        // Mail programs expect CRLF line breaks in a mailto body.
        let crlf = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        return "mailto:\(to)?subject=\(encode(subject))&body=\(encode(crlf))"
    }

    /// Percent-encodes everything but the unreserved characters (and `extra`), as UTF-8.
    static func encode(_ text: String, keeping extra: String = "") -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        allowed.insert(charactersIn: extra)
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
