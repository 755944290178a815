@testable import FahrplanServer
import Foundation
import NIOHTTP1
import Testing

@Suite("Cookie names by scheme, security headers on every answer")
struct CookieAndHeaderTests {
    static let https: HTTPHeaders = ["X-Forwarded-Proto": "https"]

    static func setCookie(_ response: TestResponse, _ name: String) -> String? {
        response.headers[canonicalForm: "Set-Cookie"].map(String.init).first { $0.hasPrefix(name + "=") }
    }

    @Test("over HTTPS the session and the anonymous CSRF cookie are __Host- cookies (Secure, Path=/, no Domain)")
    func hostPrefixOverHTTPS() async throws {
        try await withServer { server in
            let browser = server.client()
            browser.extraHeaders = Self.https
            let form = try await browser.get("/login", headers: Self.https)
            let csrf = try #require(Self.setCookie(form, "__Host-fp_csrf"))
            #expect(csrf.contains("Secure") && csrf.contains("Path=/") && !csrf.lowercased().contains("domain="))
            #expect(Self.setCookie(form, "fp_csrf") == nil)

            let login = try await browser.post("/login", [("email", Fixtures.strategyTeam), ("password", TestServer.demoPassword)])
            #expect(login.status == .seeOther)
            let session = try #require(Self.setCookie(login, "__Host-fp_session"))
            #expect(session.contains("Secure") && session.contains("Path=/") && session.contains("HttpOnly"))
            #expect(!session.lowercased().contains("domain="))
            #expect(Self.setCookie(login, "fp_session") == nil)
            #expect(Self.setCookie(login, "__Host-fp_csrf")?.lowercased().contains("max-age=0") == true)

            #expect(try await browser.get("/m/musterstadt", headers: Self.https).status == .ok)
            // Over HTTPS only the __Host- name is read: the same token under the plain name (as a sibling
            // subdomain or a plain-HTTP answer could plant it) does not count.
            let token = try #require(browser.cookies["__Host-fp_session"])
            let planted = server.client()
            planted.setCookie("fp_session", token)
            #expect(try await planted.get("/m/musterstadt", headers: Self.https).status == .seeOther)

            let logout = try await browser.post("/logout", [])
            #expect(Self.setCookie(logout, "__Host-fp_session")?.lowercased().contains("max-age=0") == true)
            #expect(try await UserSession.query(on: server.db).count() == 0)
        }
    }

    @Test("over plain HTTP (development) the cookies keep their plain names and no Secure flag")
    func plainNamesOverHTTP() async throws {
        try await withServer { server in
            let browser = server.client()
            let form = try await browser.get("/login")
            let csrf = try #require(Self.setCookie(form, "fp_csrf"))
            #expect(!csrf.contains("Secure"))
            let login = try await browser.post("/login", [("email", Fixtures.strategyTeam), ("password", TestServer.demoPassword)])
            let session = try #require(Self.setCookie(login, "fp_session"))
            #expect(!session.contains("Secure"))
            #expect(Self.setCookie(login, "__Host-fp_session") == nil)
            #expect(try await browser.get("/m/musterstadt").status == .ok)
        }
    }

    static let securityHeaders = ["Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cache-Control"]

    @Test("error answers (404, 403 CSRF, 401 problem+json, 413) carry the same security headers as a page")
    func securityHeadersOnErrors() async throws {
        try await withServer { server in
            let browser = server.client()
            try await browser.login(Fixtures.strategyTeam)
            let page = try await browser.get("/m/musterstadt")
            #expect(page.status == .ok)
            let expected = Self.securityHeaders.map { page.headers.first(name: $0) }
            #expect(expected.allSatisfy { $0 != nil })

            let notFound = try await browser.get("/gibt-es-nicht")
            #expect(notFound.status == .notFound)
            let csrf = try await browser.post("/m/musterstadt/vision", [("vision", "x")], csrf: "")
            #expect(csrf.status == .forbidden)
            let unauthorized = try await browser.api(.GET, "/api/v1/me", token: nil)
            #expect(unauthorized.status == .unauthorized)
            #expect(unauthorized.headers.first(name: "Content-Type")?.hasPrefix("application/problem+json") == true)
            let tooLarge = try await browser.postRaw("/login", body: Data(repeating: UInt8(ascii: "a"), count: 3 * 1_048_576))
            #expect(tooLarge.status == .payloadTooLarge)
            let missingFile = try await browser.get("/static/gibt-es-nicht.css")
            #expect(missingFile.status == .notFound)

            for (name, response) in [("404", notFound), ("403", csrf), ("401", unauthorized), ("413", tooLarge), ("static 404", missingFile)] {
                #expect(Self.securityHeaders.map { response.headers.first(name: $0) } == expected, "\(name)")
            }
        }
    }
}
