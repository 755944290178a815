import FahrplanCore
import Foundation
import Vapor

// What the survey pages render. Labels and CSS classes are decided here, so the templates stay simple.

enum SurveyDisplay {
    static func phase(_ phase: SurveyPhase, _ language: Language) -> String { Strings.text("surveys.phase.\(phase.rawValue)", language) }

    static func phaseClass(_ phase: SurveyPhase) -> String {
        switch phase {
        case .open: "status status-inProgress"
        case .planned: "status status-submitted"
        case .closed: "status"
        }
    }

    static func day(_ day: CalendarDay, _ language: Language) -> String { language == .de ? day.german : day.iso }

    /// "42 Antworten · 21 % von 200 Eingeladenen"
    static func responses(_ count: Int, invited: Int?, _ language: Language) -> String {
        let de = language == .de
        var text = de ? "\(count) \(count == 1 ? "Antwort" : "Antworten")" : "\(count) \(count == 1 ? "response" : "responses")"
        if let rate = rate(count, invited: invited) {
            text += de ? " · \(rate) % von \(invited!) Eingeladenen" : " · \(rate) % of \(invited!) invited"
        }
        return text
    }

    static func rate(_ count: Int, invited: Int?) -> Int? {
        guard let invited, invited > 0 else { return nil }
        return Int((Double(count) * 100 / Double(invited)).rounded())
    }

    /// The absolute address of a path as people outside Fahrplan follow it; the request's host when it is plausible.
    static func absolute(_ path: String, _ req: Request) -> String {
        guard let host = req.headers.first(name: .host), !host.isEmpty, host.allSatisfy(\.isASCII),
              host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:[]".contains($0) }) else { return path }
        return (req.isServedOverTLS ? "https://" : "http://") + host + path
    }
}

struct SurveyRoundForm: Content, VersionedForm {
    var questionnaireID: String?
    var title: String?
    var opensOn: String?
    var closesOn: String?
    var access: String?
    var invitedCount: String?
    var minimumGroupSize: String?
    var version: Int?

    init() {}

    init(_ round: MaturityRoundRecord) {
        questionnaireID = round.$questionnaire.id.uuidString; title = round.title
        opensOn = round.opensOnDay.german; closesOn = round.closesOnDay.german; access = round.access
        invitedCount = round.invitedCount.map(String.init); minimumGroupSize = String(round.minimumGroupSize); version = round.version
    }

    var input: SurveyRoundInput {
        SurveyRoundInput(questionnaireID: questionnaireID, title: title, opensOn: opensOn, closesOn: closesOn, access: access,
                         invitedCount: invitedCount, minimumGroupSize: minimumGroupSize)
    }
}

struct SurveyListPage: Encodable {
    var chrome: Chrome
    /// nil when there are none (Leaf treats an empty array as true).
    var rows: [Row]?
    var newURL: String?
    var noQuestionnaire: Bool

    struct Row: Encodable {
        var title: String
        var url: String
        var phaseLabel: String
        var phaseClass: String
        var opensOn: String
        var closesOn: String
        var access: String
        var responses: String
    }
}

struct SurveyFormPage: Encodable {
    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var values: SurveyRoundForm
    var questionnaires: [Option]
    /// Fixed once answers exist: shown as text, not offered.
    var questionnaireFixed: String?
    var accessOptions: [Option]
    /// An edit keeps the access; shown as text.
    var accessFixed: String?
    var minimumGroupSizeMin: Int
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var conflict: ConflictPanel?
}

struct SurveyDetailPage: Encodable {
    var chrome: Chrome
    var title: String
    var phaseLabel: String
    var phaseClass: String
    var opensOn: String
    var closesOn: String
    var questionnaire: String
    var accessLabel: String
    var minimumGroupSize: Int
    var responses: String
    var closedEarly: String?
    /// The public link (public rounds).
    var publicLink: String?
    var isInvitation: Bool
    var invitations: Int
    var invitationsUsed: Int
    var listURL: String
    var editURL: String?
    var closeURL: String?
    var invitationsURL: String?
    var csvURL: String?
    var resultsURL: String?
    var historyURL: String?
    var version: Int
    var notice: String?
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    /// Tokens just made: shown once, with the links.
    var newTokens: [NewToken]?
    var newTokensText: String?

    struct NewToken: Encodable {
        var token: String
        var link: String
    }
}

/// The public answer form.
struct SurveyAnswerPage: Encodable {
    var lang: String
    var title: String
    var municipality: String
    var description: String?
    var action: String
    var promise: String
    var closesOn: String
    var storageKey: String
    var submissionKey: String
    var switchLanguageURL: String
    var switchLanguageLabel: String
    var switchLanguageCode: String
    var groups: [Group]?
    var fields: [Field]
    var freeTexts: [FreeText]?
    var problems: [Problem]?
    var statementCount: Int

    struct Group: Encodable {
        var id: String
        var name: String
        var text: String
        var options: [Option]
        var error: String?
    }

    struct Field: Encodable {
        var id: String
        var title: String
        var description: String?
        var statements: [StatementView]
    }

    struct StatementView: Encodable {
        var id: String
        var name: String
        var number: Int
        var text: String
        var explanation: String?
        var choices: [Choice]
        var error: String?
    }

    struct Choice: Encodable {
        var id: String
        var value: String
        var label: String
        var checked: Bool
        var dontKnow: Bool
    }

    struct FreeText: Encodable {
        var id: String
        var name: String
        var text: String
        var value: String
        var error: String?
    }

    struct Problem: Encodable {
        var href: String
        var text: String
    }
}

/// Thank-you, closed, not yet open, unknown, used: one short page each.
struct SurveyMessagePage: Encodable {
    var lang: String
    var title: String
    var municipality: String?
    var heading: String
    var text: String
    var detail: String?
    var switchLanguageURL: String
    var switchLanguageLabel: String
    var switchLanguageCode: String
    /// The browser may forget the saved answers of this form (survey.js reads it).
    var clearStorageKey: String?
}
