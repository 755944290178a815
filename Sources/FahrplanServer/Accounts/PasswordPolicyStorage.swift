import FahrplanCore
import Foundation
import Vapor

/// The list of common passwords shipped in Resources/common-passwords.txt (see NOTICE.md for its source).
enum ShippedPasswordList {
    static let fileName = "common-passwords.txt"

    /// Read once per process; every application of the process shares it.
    static let policy: PasswordPolicy = {
        let file = FahrplanResources.directory + "Resources/" + fileName
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return PasswordPolicy(commonPasswordList: text)
    }()
}

extension Application {
    private struct PasswordPolicyKey: StorageKey { typealias Value = PasswordPolicy }

    /// What new passwords must satisfy; everywhere a password is set (own change, CLI, invitations, resets).
    var passwordPolicy: PasswordPolicy {
        get { storage[PasswordPolicyKey.self] ?? ShippedPasswordList.policy }
        set { storage[PasswordPolicyKey.self] = newValue }
    }

    /// Loads the shipped list at start-up, and refuses to start without it rather than accept any password.
    func loadPasswordPolicy() throws {
        let policy = ShippedPasswordList.policy
        guard !policy.commonPasswords.isEmpty else {
            throw AppConfiguration.Problem(description: "The list of common passwords (Resources/\(ShippedPasswordList.fileName)) is missing or empty.")
        }
        passwordPolicy = policy
    }
}

extension Request {
    var passwordPolicy: PasswordPolicy { application.passwordPolicy }
}
