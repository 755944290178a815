import Foundation
import Ink

/// Renders people's Markdown as safe HTML: raw HTML in the input is shown as text, and links may only
/// point to http(s), mailto or relative addresses.
enum SafeMarkdown {
    static let allowedLinkPrefixes = ["http://", "https://", "mailto:", "/", "#"]

    static func html(_ markdown: String?) -> String {
        guard let markdown, !markdown.isEmpty else { return "" }
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .links) { input in neutralizeUnsafeLink(input.html) })
        // Images would load from anywhere and track readers; show their alt text instead.
        parser.addModifier(Modifier(target: .images) { input in escape(String(input.markdown)) })
        parser.addModifier(Modifier(target: .html) { input in escape(String(input.markdown)) })
        return parser.html(from: escape(markdown))
    }

    static func neutralizeUnsafeLink(_ html: String) -> String {
        guard let start = html.range(of: "href=\""),
              let end = html[start.upperBound...].firstIndex(of: "\"") else { return html }
        let url = html[start.upperBound..<end].trimmingCharacters(in: .whitespaces).lowercased()
        if allowedLinkPrefixes.contains(where: { url.hasPrefix($0) }) { return html }
        return html.replacingCharacters(in: start.upperBound..<end, with: "#")
    }

    /// Escapes the characters that would start HTML; Ink keeps entities as they are.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
