import Crypto
import Foundation

/// One-time codes of RFC 4226 (HOTP) and RFC 6238 (TOTP) with HMAC-SHA-1, 6 digits and 30-second steps:
/// the defaults every authenticator app understands.
public struct TOTP: Sendable {
    public static let period: Int64 = 30
    public static let digits = 6
    /// Steps accepted either side of the current one, for clocks that drift and people who type slowly.
    public static let window: Int64 = 1
    /// 160 bits, the HMAC-SHA-1 block the RFC recommends as the key length.
    public static let secretBytes = 20

    public let secret: [UInt8]

    public init(secret: [UInt8]) { self.secret = secret }

    /// A new random secret.
    public static func generateSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<secretBytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// RFC 4226 section 5.3: HMAC of the big-endian counter, dynamic truncation, modulo 10^digits.
    public static func hotp(secret: [UInt8], counter: UInt64, digits: Int = TOTP.digits) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: max(0, digits - value.count)) + value
    }

    /// The time step a moment falls into (RFC 6238: T0 = 0).
    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    public func code(atStep step: Int64, digits: Int = TOTP.digits) -> String {
        Self.hotp(secret: secret, counter: UInt64(max(0, step)), digits: digits)
    }

    public func code(at date: Date, digits: Int = TOTP.digits) -> String {
        code(atStep: Self.step(at: date), digits: digits)
    }

    /// The step whose code `input` is, within the window around `date` and later than `lastUsedStep` (so a
    /// code seen once, e.g. over someone's shoulder, cannot be used again); nil when none matches.
    public func matchingStep(_ input: String, at date: Date, after lastUsedStep: Int64?) -> Int64? {
        let typed = Self.normalize(input)
        guard typed.count == Self.digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let current = Self.step(at: date)
        var found: Int64?
        // Every candidate is compared, so the time taken does not tell which step matched.
        for step in (current - Self.window)...(current + Self.window) where step > (lastUsedStep ?? Int64.min) {
            if Self.constantTimeEquals(code(atStep: step), typed), found == nil { found = step }
        }
        return found
    }

    /// Codes are often typed or pasted with a space in the middle ("123 456").
    public static func normalize(_ input: String) -> String {
        input.filter { !$0.isWhitespace && $0 != "-" }
    }

    /// The `otpauth://` URI that authenticator apps read (from a QR code or pasted), per the Key Uri Format.
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        let label = (issuer + ":" + account).addingPercentEncoding(withAllowedCharacters: allowed.union([":"])) ?? account
        let encodedIssuer = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(encodedIssuer)"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
