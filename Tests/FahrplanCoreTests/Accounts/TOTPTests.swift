import FahrplanCore
import Foundation
import Testing

@Suite("TOTP and HOTP: RFC 6238 and RFC 4226 test vectors")
struct TOTPTests {
    /// The ASCII key "12345678901234567890" of both RFCs' SHA-1 vectors.
    let rfcSecret = Array("12345678901234567890".utf8)

    @Test("RFC 4226 appendix D: HOTP values for counters 0 to 9")
    func hotpVectors() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        for (counter, value) in expected.enumerated() {
            #expect(TOTP.hotp(secret: rfcSecret, counter: UInt64(counter)) == value, "counter \(counter)")
        }
    }

    @Test("RFC 6238 appendix B: the SHA-1 rows, 8 digits", arguments: [
        (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
    ] as [(Int64, String)])
    func totpVectors(time: Int64, expected: String) {
        let totp = TOTP(secret: rfcSecret)
        #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(time)), digits: 8) == expected)
        // The 6-digit code is the same truncation, taken modulo 10^6.
        #expect(totp.code(at: Date(timeIntervalSince1970: TimeInterval(time))) == String(expected.suffix(6)))
    }

    @Test("a code matches within one step either side, not two, and never at or before the last used step")
    func window() throws {
        let totp = TOTP(secret: rfcSecret)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = TOTP.step(at: now)
        #expect(totp.matchingStep(totp.code(atStep: step), at: now, after: nil) == step)
        #expect(totp.matchingStep(totp.code(atStep: step - 1), at: now, after: nil) == step - 1)
        #expect(totp.matchingStep(totp.code(atStep: step + 1), at: now, after: nil) == step + 1)
        #expect(totp.matchingStep(totp.code(atStep: step - 2), at: now, after: nil) == nil)
        #expect(totp.matchingStep(totp.code(atStep: step + 2), at: now, after: nil) == nil)
        #expect(totp.matchingStep(totp.code(atStep: step), at: now, after: step) == nil)
        #expect(totp.matchingStep(totp.code(atStep: step + 1), at: now, after: step) == step + 1)
    }

    @Test("typed codes may carry spaces; anything not six digits is refused")
    func input() {
        let totp = TOTP(secret: rfcSecret)
        let now = Date(timeIntervalSince1970: 59)
        let code = totp.code(at: now)
        #expect(totp.matchingStep(String(code.prefix(3)) + " " + String(code.suffix(3)), at: now, after: nil) != nil)
        #expect(totp.matchingStep("", at: now, after: nil) == nil)
        #expect(totp.matchingStep("12345", at: now, after: nil) == nil)
        #expect(totp.matchingStep("abcdef", at: now, after: nil) == nil)
        #expect(totp.matchingStep("١٢٣٤٥٦", at: now, after: nil) == nil)
    }

    @Test("the otpauth URI names issuer, account and the Base32 secret")
    func provisioningURI() {
        let uri = TOTP.provisioningURI(secret: rfcSecret, account: "anna@example.org", issuer: "Fahrplan")
        #expect(uri.hasPrefix("otpauth://totp/Fahrplan:anna@example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Fahrplan"))
    }

    @Test("new secrets are 160 bits and differ")
    func secrets() {
        let a = TOTP.generateSecret(), b = TOTP.generateSecret()
        #expect(a.count == 20)
        #expect(a != b)
    }
}

@Suite("Base32 (RFC 4648)")
struct Base32Tests {
    @Test("the RFC 4648 section 10 vectors, without padding", arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ])
    func vectors(plain: String, encoded: String) {
        #expect(Base32.encode(Array(plain.utf8)) == encoded)
        #expect(Base32.decode(encoded) == Array(plain.utf8))
    }

    @Test("decoding forgives case, spaces and padding, and refuses other characters")
    func decoding() {
        #expect(Base32.decode("mzxw 6ytb oi======") == Array("foobar".utf8))
        #expect(Base32.decode("MZXW1") == nil)
        #expect(Base32.decode("MZXW6YTB0I") == nil)
    }

    @Test("random bytes survive a round trip")
    func roundTrip() {
        for length in 0..<41 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
    }
}
