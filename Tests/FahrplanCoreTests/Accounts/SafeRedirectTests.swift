import FahrplanCore
import Testing

@Suite("SafeRedirect: only same-site targets after login")
struct SafeRedirectTests {
    @Test("hostile targets send the person home", arguments: [
        "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\t//evil.example", "/\u{0B}/evil.example",
        "/\\evil.example", "\\/evil.example", "\\\\evil.example", "//evil.example", "///evil.example",
        "https://evil.example", "http:evil.example", "javascript:alert(1)", "evil.example", " //evil.example",
        "\u{00}//evil.example", "/\u{00}/evil.example", "/ /evil.example", "/ü", "", "   ", "/\u{7F}x",
        "/" + String(repeating: "a", count: 1_001),
    ])
    func hostile(_ raw: String) {
        #expect(SafeRedirect.sitePath(raw) == nil, "\(raw.debugDescription)")
    }

    @Test("same-site paths are kept as the browser reads them", arguments: [
        ("/", "/"), ("/m/musterstadt", "/m/musterstadt"), ("/m/musterstadt/projects?q=a%20b&page=2", "/m/musterstadt/projects?q=a%20b&page=2"),
        ("/%2F%2Fevil.example", "/%2F%2Fevil.example"), ("  /m/musterstadt\n", "/m/musterstadt"), ("/m/\tmusterstadt", "/m/musterstadt"),
        ("/m\\musterstadt", "/m/musterstadt"), ("/..//evil.example", "/..//evil.example"),
    ])
    func kept(_ raw: String, _ expected: String) {
        #expect(SafeRedirect.sitePath(raw) == expected)
    }

    @Test("nil and the length limit")
    func limits() {
        #expect(SafeRedirect.sitePath(nil) == nil)
        let long = "/" + String(repeating: "a", count: SafeRedirect.maxLength - 1)
        #expect(SafeRedirect.sitePath(long) == long)
    }
}
