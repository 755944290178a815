import FahrplanCore
import Foundation
import Vapor

/// What the monitoring controllers share: problems named as the JSON names its fields, and JSON numbers handed to
/// the shared text validation without a notation it could misread.
enum MonitoringAPI {
    /// The validation names fields as the web forms do; the API's JSON spells some of them differently.
    static let renamed = ["ownerUserID": "ownerUserId", "goalID": "goalId", "projectID": "projectId", "ownerID": "ownerId",
                          "baselineValue": "baseline", "targetValue": "target", "spentToDate": "spentToDateCents"]

    /// Runs `body` and reports its field problems under the API's field names (422).
    static func translating<T>(_ body: () async throws -> T) async throws -> T {
        try await APIFieldNames.translating(using: renamed, body)
    }

    /// A JSON number as the validators read it: German notation with a decimal comma and no thousands groups
    /// (`1234,5`), so that `1.234` can never be taken for a thousand.
    static func number(_ value: Double?) -> String? {
        value.map { String($0).replacingOccurrences(of: ".", with: ",") }
    }

    /// Cents as an amount in German notation (`1234,05`); the validator then checks it like a typed one.
    static func amount(cents: Int64?) -> String? {
        cents.map { LocaleNumber.german(cents: $0) }
    }

    static func integer(_ value: Int?) -> String? { value.map(String.init) }

    /// 201 with `Location` and, for versioned items, `ETag`.
    static func created<T: Content>(_ value: T, at location: String, version: Int? = nil, for req: Request) async throws -> Response {
        let response = try await value.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: location)
        if let version { return VersionHeaders.tagged(response, version) }
        return response
    }
}
