import FahrplanCore
import Foundation
import Vapor

/// An issue's content as the page, the e-mail HTML and the feed show it: the sections of the digest in a fixed
/// order, each item one line of text (people's words kept as text — every renderer escapes them).
struct NewsletterContent: Encodable {
    struct Item: Encodable {
        var day: String
        var text: String
        var detail: String?
    }

    struct Section: Encodable {
        var id: String
        var heading: String
        var items: [Item]
    }

    /// nil without an editorial (Leaf counts an empty string as true).
    var editorialHTML: String?
    var sections: [Section]

    init(_ digest: NewsletterDigest, editorial: String?, language: Language) {
        let english = language != .de
        func day(_ value: CalendarDay) -> String { english ? value.iso : value.german }
        func t(_ key: String) -> String { Strings.text(key, language) }
        let html = SafeMarkdown.html(editorial)
        editorialHTML = html.isEmpty ? nil : html
        var sections: [Section] = []
        func add(_ id: String, _ key: String, _ items: [Item]) {
            if !items.isEmpty { sections.append(Section(id: id, heading: t(key), items: items)) }
        }
        add("newsletter-milestones", "newsletter.milestones", digest.milestonesReached.map {
            Item(day: day($0.on), text: $0.milestone, detail: "\($0.projectCode) \($0.projectTitle)")
        })
        add("newsletter-started", "newsletter.started", digest.projectsStarted.map { Item(day: day($0.on), text: "\($0.code) \($0.title)", detail: nil) })
        add("newsletter-finished", "newsletter.finished", digest.projectsFinished.map { Item(day: day($0.on), text: "\($0.code) \($0.title)", detail: nil) })
        add("newsletter-obstacles", "newsletter.obstacles", digest.obstacles.map {
            Item(day: day($0.reportedOn), text: $0.text, detail: "\($0.projectCode) \($0.projectTitle)")
        })
        add("newsletter-lessons", "newsletter.lessons", digest.lessonsLearned.map {
            Item(day: day($0.reportedOn), text: $0.text, detail: "\($0.projectCode) \($0.projectTitle)")
        })
        add("newsletter-upcoming", "newsletter.upcoming", digest.upcoming.map { Item(day: day($0.on), text: $0.title, detail: $0.project) })
        self.sections = sections
    }
}

struct NewsletterListPage: Encodable {
    struct Row: Encodable {
        var number: Int
        var title: String
        var url: String
        var window: String
        var state: String
        var isDraft: Bool
        var publishedOn: String
    }

    var chrome: Chrome
    var rows: [Row]?
    var newURL: String?
    var feedURL: String
    var canWrite: Bool
}

struct NewsletterFormPage: Encodable {
    struct Values: Encodable {
        var title: String
        var sinceOn: String
        var issueOn: String
        var editorial: String
        var version: String
    }

    var chrome: Chrome
    var heading: String
    var number: Int
    var action: String
    var cancelURL: String
    var listURL: String
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Set on "new" while a draft exists: a link to it above the form.
    var draftURL: String?
}

struct NewsletterShowPage: Encodable {
    var chrome: Chrome
    var heading: String
    var number: Int
    var listURL: String
    var notice: String?
    var isDraft: Bool
    var window: String
    var issueDay: String
    var publishedOn: String?
    var publishedBy: String?
    var content: NewsletterContent?
    /// The problem that keeps a draft from being published (no content), shown in place of the preview.
    var contentProblem: String?
    var problems: [ProblemLine]?
    var editURL: String?
    var publishURL: String?
    var htmlURL: String?
    var txtURL: String?
    var version: Int
}

extension Request {
    /// Form problems with the newsletter's own labels and messages; "nothing to tell" and "a draft exists"
    /// get a sentence that says what to do.
    func newsletterProblems(_ problems: [FieldProblem]) -> ([ProblemLine]?, [String: String]) {
        guard !problems.isEmpty else { return (nil, [:]) }
        var byField: [String: String] = [:]
        let lines = problems.map { problem -> ProblemLine in
            var message = Strings.problem(problem, language)
            switch (problem.field, problem.kind) {
            case ("content", .required): message = t("newsletter.noContent")
            case ("draft", .alreadyTaken): message = t("newsletter.draftExists")
            case ("state", _): message = t("newsletter.alreadyPublished")
            default: break
            }
            let key = "newsletter.field.\(problem.field)"
            let label = Strings.table[key] == nil ? Strings.fieldLabel(problem.field, language) : t(key)
            if byField[problem.field] == nil { byField[problem.field] = message }
            return ProblemLine(field: label.isEmpty ? problem.field : label, message: message)
        }
        return (lines, byField)
    }
}
