import FahrplanCore
import Foundation

/// The e-mail renderings of an issue and the Atom feed. Mail clients ignore style sheets and strip `<style>`
/// blocks, so the HTML is one self-contained document with inline styles, tables for layout and no images or
/// scripts. Every text from people passes `MailMarkup.escape` (and the editorial `SafeMarkdown`), which also drops
/// the characters XML 1.0 forbids, so the feed stays well-formed whatever was typed.
enum NewsletterRenderings {
    struct Issue {
        var municipality: String
        var number: Int
        var title: String
        var since: CalendarDay
        var issueOn: CalendarDay
        var editorial: String?
        var digest: NewsletterDigest
    }

    static func html(_ issue: Issue, language: Language) -> String {
        let english = language != .de
        let content = NewsletterContent(issue.digest, editorial: issue.editorial, language: language)
        func t(_ key: String) -> String { MailMarkup.escape(Strings.text(key, language)) }
        func day(_ value: CalendarDay) -> String { english ? value.iso : value.german }
        let font = "font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;"
        var body = ""
        body += "<p style=\"\(font)font-size:13px;color:#555555;margin:0 0 4px 0;\">\(MailMarkup.escape(issue.municipality)) · \(t("newsletter.issue")) \(issue.number)</p>\n"
        body += "<h1 style=\"\(font)font-size:22px;line-height:1.3;margin:0 0 8px 0;\">\(MailMarkup.escape(issue.title))</h1>\n"
        body += "<p style=\"\(font)font-size:14px;color:#555555;margin:0 0 16px 0;\">\(t("newsletter.since")) \(day(issue.since)) · \(t("newsletter.field.issueOn")) \(day(issue.issueOn))</p>\n"
        if let editorialHTML = content.editorialHTML {
            body += "<div style=\"\(font)font-size:15px;line-height:1.5;margin:0 0 16px 0;\">\(MailMarkup.inlineStyled(editorialHTML, font: font))</div>\n"
        }
        for section in content.sections {
            body += "<h2 style=\"\(font)font-size:18px;margin:20px 0 8px 0;border-bottom:2px solid #005a9c;padding-bottom:4px;\">\(MailMarkup.escape(section.heading))</h2>\n"
            body += "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;border-spacing:0;\">\n"
            for item in section.items {
                body += "<tr><td style=\"\(font)font-size:14px;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap;color:#555555;\">\(MailMarkup.escape(item.day))</td>"
                body += "<td style=\"\(font)font-size:14px;vertical-align:top;padding:4px 0;line-height:1.4;\">\(MailMarkup.escape(item.text))"
                if let detail = item.detail { body += "<br><span style=\"color:#555555;\">\(MailMarkup.escape(detail))</span>" }
                body += "</td></tr>\n"
            }
            body += "</table>\n"
        }
        let lang = english ? "en" : "de"
        return """
            <!DOCTYPE html>
            <html lang="\(lang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(MailMarkup.escape(issue.title))</title>
            </head>
            <body style="margin:0;padding:0;background-color:#f4f4f4;">
            <table role="presentation" style="width:100%;border-collapse:collapse;border-spacing:0;background-color:#f4f4f4;">
            <tr><td style="padding:16px;text-align:center;">
            <table role="presentation" style="max-width:600px;width:100%;margin:0 auto;border-collapse:collapse;border-spacing:0;background-color:#ffffff;text-align:left;">
            <tr><td style="padding:24px;">
            \(body)</td></tr>
            </table>
            </td></tr>
            </table>
            </body>
            </html>

            """
    }

    static func text(_ issue: Issue, language: Language) -> String {
        var digest = issue.digest
        digest.editorial = issue.editorial
        let header = PlainText.wrap("\(issue.title) (\(Strings.text("newsletter.issue", language)) \(issue.number))", width: 72)
        return header.joined(separator: "\n") + "\n\n" + digest.plainText(municipality: issue.municipality, english: language != .de)
    }

    /// An Atom feed (RFC 4287) of published issues, newest first; each entry's content is the issue as escaped HTML.
    static func atom(municipality: String, feedURL: String, alternateURL: String, issues: [(issue: Issue, id: UUID, url: String, updated: Date)],
                     language: Language) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let updated = issues.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language == .de ? "de" : "en")\">\n"
        xml += "<title>\(MailMarkup.escape("\(municipality) – \(Strings.text("newsletter.title", language))"))</title>\n"
        xml += "<id>\(MailMarkup.escape(feedURL))</id>\n<link rel=\"self\" href=\"\(MailMarkup.escape(feedURL))\"/>\n"
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(MailMarkup.escape(alternateURL))\"/>\n"
        xml += "<updated>\(formatter.string(from: updated))</updated>\n<author><name>\(MailMarkup.escape(municipality))</name></author>\n"
        for entry in issues {
            let html = fragment(entry.issue.digest, editorial: entry.issue.editorial, language: language)
            xml += "<entry>\n<id>urn:uuid:\(entry.id.uuidString.lowercased())</id>\n"
            xml += "<title>\(MailMarkup.escape("\(entry.issue.number): \(entry.issue.title)"))</title>\n"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(MailMarkup.escape(entry.url))\"/>\n"
            xml += "<updated>\(formatter.string(from: entry.updated))</updated>\n"
            xml += "<content type=\"html\">\(MailMarkup.escape(html))</content>\n</entry>\n"
        }
        return xml + "</feed>\n"
    }
}

extension NewsletterRenderings {
    /// The issue's content as an HTML fragment without styles (the editorial's safe HTML, then one heading and list
    /// per section, `h2` level by default), every text escaped: for the feed and for pages of others (the portal).
    static func fragment(_ digest: NewsletterDigest, editorial: String?, language: Language, heading: String = "h2") -> String {
        let content = NewsletterContent(digest, editorial: editorial, language: language)
        var html = content.editorialHTML ?? ""
        for section in content.sections {
            html += "<\(heading)>\(MailMarkup.escape(section.heading))</\(heading)><ul>"
            for item in section.items {
                html += "<li>\(MailMarkup.escape(item.day)) \(MailMarkup.escape(item.text))" + (item.detail.map { " (\(MailMarkup.escape($0)))" } ?? "") + "</li>"
            }
            html += "</ul>"
        }
        return html
    }
}

extension PublishedNewsletter {
    /// The issue's content as safe HTML (no styles, no scripts; people's text escaped), headings at `heading`.
    func bodyHTML(language: Language = .de, heading: String = "h2") -> String {
        NewsletterRenderings.fragment(digest, editorial: editorial, language: language, heading: heading)
    }

    /// The issue as plain text, lines of at most 72 characters.
    func plainText(municipality: String, language: Language = .de) -> String {
        NewsletterRenderings.text(.init(municipality: municipality, number: number, title: title, since: sinceOn, issueOn: issueOn,
                                        editorial: editorial, digest: digest), language: language)
    }
}

/// Escaping for HTML and XML text and attribute values.
enum MailMarkup {
    /// `& < > " '` as entities; characters XML 1.0 forbids (C0 controls other than tab and line breaks,
    /// U+FFFE/U+FFFF) and C1 controls dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&#39;"
            case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The editorial's safe HTML with inline styles on the elements Markdown produces (mail clients drop
    /// style sheets). Only the opening tags Ink writes are touched; text inside was escaped before.
    static func inlineStyled(_ html: String, font: String) -> String {
        var result = html
        for (tag, style) in [("<p>", "margin:0 0 12px 0;"), ("<ul>", "margin:0 0 12px 20px;padding:0;"),
                             ("<ol>", "margin:0 0 12px 20px;padding:0;"), ("<li>", "margin:0 0 4px 0;"),
                             ("<h1>", "font-size:18px;margin:12px 0 8px 0;"), ("<h2>", "font-size:17px;margin:12px 0 8px 0;"),
                             ("<h3>", "font-size:16px;margin:12px 0 8px 0;"), ("<blockquote>", "margin:0 0 12px 0;padding-left:12px;border-left:3px solid #cccccc;")] {
            result = result.replacingOccurrences(of: tag, with: String(tag.dropLast()) + " style=\"\(font)\(style)\">")
        }
        return result.replacingOccurrences(of: "<a href=", with: "<a style=\"color:#005a9c;\" href=")
    }
}
