import Vapor

/// Refuses form bodies that are not valid UTF-8 (raw or percent-encoded) before anything decodes them:
/// the default decoder would silently replace the broken bytes, and the damaged text would be stored.
struct FormEncodingGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.headers.contentType == .urlEncodedForm, let buffer = request.body.data {
            let bytes = Array(buffer.readableBytesView)
            guard Self.isValidForm(bytes) else { throw FahrplanError.badRequest(request.t("errors.encoding")) }
        }
        return try await next.respond(to: request)
    }

    static func isValidForm(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        for part in bytes.split(separator: UInt8(ascii: "&")) {
            guard let decoded = percentDecoded(Array(part)), String(validating: decoded, as: UTF8.self) != nil else { return false }
        }
        return true
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count,
                      let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) else { return nil }
                result.append(value)
                index += 3
            } else {
                result.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return result
    }
}
