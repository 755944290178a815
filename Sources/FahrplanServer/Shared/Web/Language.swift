import Vapor

/// The UI languages. German first; English for everyone else.
enum Language: String, Codable, CaseIterable, Sendable {
    case de, en

    static let cookieName = "fp_lang"

    /// Picks the language for a request: an explicit `?lang=`, then the account setting, then the cookie,
    /// then the browser's Accept-Language; German when nothing says otherwise.
    static func negotiate(query: String?, userPreference: String?, cookie: String?, acceptLanguage: String?) -> Language {
        for candidate in [query, userPreference, cookie] {
            if let candidate, let language = Language(rawValue: candidate.lowercased()) { return language }
        }
        if let acceptLanguage {
            let ranked = acceptLanguage.split(separator: ",").compactMap { part -> (String, Double)? in
                let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let tag = pieces.first, !tag.isEmpty else { return nil }
                let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                return (tag.lowercased(), quality)
            }.sorted { $0.1 > $1.1 }
            for (tag, quality) in ranked where quality > 0 {
                let primary = String(tag.prefix { $0 != "-" })
                if let language = Language(rawValue: primary) { return language }
            }
        }
        return .de
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = Language }

    var language: Language {
        get {
            if let cached = storage[LanguageKey.self] { return cached }
            let language = Language.negotiate(
                query: query[String.self, at: "lang"],
                userPreference: currentUser?.preferredLanguage,
                cookie: cookies[Language.cookieName]?.string,
                acceptLanguage: headers.first(name: .acceptLanguage))
            storage[LanguageKey.self] = language
            return language
        }
        set { storage[LanguageKey.self] = newValue }
    }

    func t(_ key: String) -> String { Strings.text(key, language) }
}

/// Remembers an explicit `?lang=` choice in a cookie for visitors without an account setting.
struct LanguageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let chosen = request.query[String.self, at: "lang"].flatMap { Language(rawValue: $0.lowercased()) }
        let response = try await next.respond(to: request)
        if let chosen {
            response.cookies[Language.cookieName] = HTTPCookies.Value(
                string: chosen.rawValue, maxAge: 365 * 24 * 3600, path: "/", isSecure: request.isServedOverTLS,
                isHTTPOnly: true, sameSite: .lax)
        }
        response.headers.replaceOrAdd(name: .contentLanguage, value: request.language.rawValue)
        return response
    }
}
