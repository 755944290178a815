import Foundation

extension NewsletterDigest {
    /// The issue as plain text for e-mail: lines of at most `width` characters (72 by default, so that quoting
    /// in replies stays under 80), headings underlined, list items with a hanging indent. Words longer than a
    /// line are cut, control characters other than line breaks dropped. German or English.
    public func plainText(municipality: String, english: Bool, width: Int = 72) -> String {
        let width = max(20, width)
        let t = NewsletterWords(english: english)
        var out: [String] = []
        func heading(_ text: String, _ rule: Character) {
            if !out.isEmpty { out.append("") }
            let lines = PlainText.wrap(text, width: width)
            out += lines
            out.append(String(repeating: rule, count: min(width, lines.map(\.count).max() ?? 0)))
        }
        func item(_ text: String) { out += PlainText.wrap(text, width: width, first: "- ", rest: "  ") }

        heading(t.title(PlainText.clean(municipality, multiline: false)), "=")
        out += PlainText.wrap(t.issue(issueOn.formatted(english: english), since: since.formatted(english: english)), width: width)
        if let editorial {
            out.append("")
            for (index, paragraph) in PlainText.clean(editorial, multiline: true).components(separatedBy: "\n").enumerated() {
                if paragraph.trimmingCharacters(in: .whitespaces).isEmpty {
                    if index > 0, out.last != "" { out.append("") }
                    continue
                }
                out += PlainText.wrap(paragraph, width: width)
            }
        }
        if !milestonesReached.isEmpty {
            heading(t.milestones, "-")
            for entry in milestonesReached {
                item("\(entry.on.formatted(english: english)) \(entry.projectCode) \(entry.projectTitle): \(entry.milestone)")
            }
        }
        for (title, list) in [(t.started, projectsStarted), (t.finished, projectsFinished)] where !list.isEmpty {
            heading(title, "-")
            for entry in list { item("\(entry.on.formatted(english: english)) \(entry.code) \(entry.title)") }
        }
        for (title, list) in [(t.obstacles, obstacles), (t.lessons, lessonsLearned)] where !list.isEmpty {
            heading(title, "-")
            for entry in list {
                item("\(entry.projectCode) \(entry.projectTitle) (\(entry.reportedOn.formatted(english: english))): "
                     + PlainText.clean(entry.text, multiline: false))
            }
        }
        if !upcoming.isEmpty {
            heading(t.upcoming, "-")
            for entry in upcoming {
                item(entry.on.formatted(english: english) + " " + entry.title + (entry.project.map { " (\($0))" } ?? ""))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

/// The newsletter's fixed words in German and English.
struct NewsletterWords {
    var english: Bool
    func title(_ municipality: String) -> String {
        english ? "\(municipality) – digital news" : "\(municipality) – Neues aus der Digitalisierung"
    }
    func issue(_ day: String, since: String) -> String {
        english ? "Issue of \(day), news since \(since)" : "Ausgabe vom \(day), Neues seit dem \(since)"
    }
    var milestones: String { english ? "Milestones reached" : "Erreichte Meilensteine" }
    var started: String { english ? "Projects started" : "Gestartete Projekte" }
    var finished: String { english ? "Projects completed" : "Abgeschlossene Projekte" }
    var obstacles: String { english ? "Obstacles" : "Hindernisse" }
    var lessons: String { english ? "Lessons learned" : "Erkenntnisse" }
    var upcoming: String { english ? "Coming up" : "Demnächst" }
}

extension CalendarDay {
    /// `06.12.2026` in German, `2026-12-06` in English (unambiguous for every English reader).
    func formatted(english: Bool) -> String { english ? iso : german }
}

/// Line wrapping for plain-text output (e-mail), counted in characters as a reader sees them.
public enum PlainText {
    /// Drops control characters (keeping line breaks when `multiline`, tabs become blanks) and trims.
    public static func clean(_ text: String, multiline: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D: scalars.append(multiline ? "\n" : " ")
            case 0x09: scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `text` as lines of at most `width` characters; the first line starts with `first`, the others with `rest`.
    /// Line breaks in `text` become blanks; a word longer than the room left is cut into pieces.
    public static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        let words = clean(text, multiline: false).split(whereSeparator: { $0 == " " || $0.isNewline }).map(String.init)
        var lines: [String] = []
        var line = first, lineCount = first.count, hasWord = false
        func room() -> Int { width - lineCount }
        func flush() {
            lines.append(line)
            line = rest; lineCount = rest.count; hasWord = false
        }
        for word in words {
            var word = Substring(word)
            var wordCount = word.count
            if hasWord && wordCount + 1 > room() { flush() }
            if hasWord { line += " "; lineCount += 1 }
            while wordCount > room() {
                let cut = max(1, room())
                let piece = word.prefix(cut)
                line += piece; lineCount += piece.count
                word = word.dropFirst(cut); wordCount -= piece.count
                flush()
            }
            line += word; lineCount += wordCount; hasWord = true
        }
        if hasWord || lines.isEmpty { lines.append(line) }
        return lines.map { $0.hasSuffix(" ") ? String($0.reversed().drop(while: { $0 == " " }).reversed()) : $0 }
    }
}
