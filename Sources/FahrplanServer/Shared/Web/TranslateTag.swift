import Leaf
import Vapor

/// `#t("key")` in templates: the UI text in the page's language (`chrome.lang` of the context).
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw Abort(.internalServerError, reason: "#t() needs a key")
        }
        let languageCode = ctx.data["chrome"]?.dictionary?["lang"]?.string ?? "de"
        return .string(Strings.text(key, Language(rawValue: languageCode) ?? .de))
    }
}
