import FahrplanCore
import Foundation
import Vapor

/// The portal's Atom feed (RFC 4287): published newsletters and status changes of public projects — made from
/// `PortalContent`, so nothing else can enter it. No reasons or names of who changed a status: those are internal.
enum PortalFeed {
    /// The absolute base for the feed's links: `FAHRPLAN_PUBLIC_URL`-free installs take it from the Host header,
    /// which only decides where the links point, never what the feed contains.
    static func base(_ req: Request) -> String {
        let host = req.headers.first(name: .host).flatMap { $0.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? $0 : nil } ?? "localhost"
        return (req.isServedOverTLS ? "https://" : "http://") + host
    }

    static func render(_ content: PortalContent, language: Language, base: String) -> (ByteBuffer, HTTPMediaType) {
        let english = language == .en
        let suffix = english ? "?lang=en" : ""
        func url(_ page: PortalPage) -> String { base + SiteURL.portal(content.slug, page).path + suffix }
        struct Entry { var id: String; var title: String; var link: String; var updated: Date; var summary: String }
        var entries: [Entry] = []
        let titles = Dictionary(uniqueKeysWithValues: content.projects.map { ($0.id, $0.title) })
        for change in content.statusChanges {
            guard let title = titles[change.projectID] else { continue }
            let to = change.to.label(english: english)
            let from = change.from.map { $0.label(english: english) }
            entries.append(Entry(
                id: "urn:fahrplan:\(content.municipalityID.uuidString.lowercased()):status:\(change.projectID.uuidString.lowercased()):\(Int(change.at.timeIntervalSince1970))",
                title: "\(title): \(to)", link: url(.project(.value(change.projectID))), updated: change.at,
                summary: from.map { "\(Strings.text("portal.feedStatus", language)): \($0) → \(to)" } ?? "\(Strings.text("portal.feedNow", language)): \(to)"))
        }
        for issue in content.newsletters {
            let day = issue.publishedOn
            let date = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
            entries.append(Entry(id: "urn:fahrplan:\(content.municipalityID.uuidString.lowercased()):newsletter:\(issue.number)",
                                 title: "\(Strings.text("portal.newsletterIssue", language)) \(issue.number): \(issue.title)",
                                 link: url(.newsletter(.value(String(issue.number)))), updated: date,
                                 summary: String(issue.plainText(municipality: content.name, language).prefix(400))))
        }
        entries.sort { $0.updated > $1.updated }
        let formatter = ISO8601DateFormatter()
        let updated = entries.first?.updated ?? content.lastChange ?? Date(timeIntervalSince1970: 0)
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(language.rawValue)\">\n"
        xml += "<title>\(escape(Strings.text("portal.feedTitle", language) + " – " + content.name))</title>\n"
        xml += "<id>urn:fahrplan:\(content.municipalityID.uuidString.lowercased()):portal:\(language.rawValue)</id>\n"
        xml += "<updated>\(formatter.string(from: updated))</updated>\n"
        xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(url(.feed)))\"/>\n"
        xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url(.start)))\"/>\n"
        xml += "<author><name>\(escape(content.name))</name></author>\n"
        for entry in entries.prefix(50) {
            xml += "<entry><id>\(escape(entry.id))</id><title>\(escape(entry.title))</title>"
            xml += "<link rel=\"alternate\" type=\"text/html\" href=\"\(escape(entry.link))\"/>"
            xml += "<updated>\(formatter.string(from: entry.updated))</updated><summary>\(escape(entry.summary))</summary></entry>\n"
        }
        xml += "</feed>\n"
        return (ByteBuffer(string: xml), HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"]))
    }

    /// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v >= 0x20 && v != 0x7F && !(0xFFFE...0xFFFF).contains(v) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
