import FahrplanCore
import Fluent
import Vapor

extension Operations {
    /// For a person who lost both the app and the recovery codes: removes the second factor and ends the
    /// account's sessions. Whoever runs it must have made sure who is asking.
    public static func resetSecondFactor(_ app: Application, email: String) async throws {
        guard let user = try await User.query(on: app.db).filter(\.$email == EmailAddress.normalize(email)).first() else {
            throw AppConfiguration.Problem(description: "No account with the e-mail address \(email).")
        }
        try await MFAService(db: app.db, clock: app.mfaClock).disable(user, detail: "reset on the command line")
        try await UserSession.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
    }
}
