import FahrplanCore
import Foundation
import Vapor

// JSON shapes of the account API, described one to one in `Resources/openapi.json`.

struct MunicipalityDTO: Content {
    var id: UUID
    var slug: String
    var name: String
    var kind: String
    var visionTitle: String
    var vision: String
}

struct MeDTO: Content {
    var id: UUID
    var email: String
    var displayName: String
    var municipality: String
    var role: String?
    var token: MeTokenDTO?
}

/// The token the request came with: what it may do and until when.
struct MeTokenDTO: Content {
    var name: String
    /// `full` or `readOnly`.
    var scope: String
    /// nil: no expiry.
    var expiresAt: Date?
}
