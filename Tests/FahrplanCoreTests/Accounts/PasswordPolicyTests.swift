import FahrplanCore
import Foundation
import Testing

@Suite("PasswordPolicy: length, byte limit and the shipped list of common passwords")
struct PasswordPolicyTests {
    /// The list as shipped in the server's resources.
    static let shippedList: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("Sources/FahrplanServer/Resources/common-passwords.txt")
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }()
    let policy = PasswordPolicy(commonPasswordList: PasswordPolicyTests.shippedList)

    @Test("the shipped list has at least 10,000 lower-cased entries")
    func list() {
        #expect(policy.commonPasswords.count >= 10_000)
        #expect(policy.commonPasswords.contains("password"))
        #expect(policy.commonPasswords.allSatisfy { $0 == $0.lowercased() })
    }

    @Test("11 characters are too short, 12 are enough")
    func length() {
        #expect(policy.problems("kurz-1234ab") == [.tooShort(min: 12)])
        #expect(policy.problems("kurz-1234abc") == [])
    }

    @Test("a list entry is refused in any case")
    func common() {
        #expect(policy.problems("qwerty123456") == [.commonPassword])
        #expect(policy.problems("QWERTY123456") == [.commonPassword])
        #expect(policy.problems("1qaz2wsx3edc") == [.commonPassword])
    }

    @Test("more than 72 bytes are refused rather than cut, counting bytes not characters")
    func bytes() {
        #expect(policy.problems(String(repeating: "a", count: 72)) == [])
        #expect(policy.problems(String(repeating: "a", count: 73)) == [.tooManyBytes(max: 72)])
        #expect(policy.problems(String(repeating: "ä", count: 37)) == [.tooManyBytes(max: 72)])
    }

    @Test("the demo and test passwords pass")
    func demo() {
        #expect(policy.problems("test-password-123") == [])
        #expect(policy.problems("Ein gutes Passwort für Fahrplan") == [])
    }

    @Test("a list may carry comments and blank lines")
    func parsing() {
        let small = PasswordPolicy(commonPasswordList: "# source: test\n\nGeheimGeheim12\r\nabc\n")
        #expect(small.commonPasswords == ["geheimgeheim12", "abc"])
    }
}
