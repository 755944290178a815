import FahrplanCore
import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// The time one-time codes are checked against. A setting, so that tests can stand in for a person who
/// waits for the next code instead of sleeping through a 30-second step.
final class MFAClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    func now() -> Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }

    func advance(by seconds: TimeInterval) { offset.withLockedValue { $0 += seconds } }
}

extension Application {
    private struct MFAClockKey: StorageKey { typealias Value = MFAClock }

    var mfaClock: MFAClock {
        get {
            if let clock = storage[MFAClockKey.self] { return clock }
            let clock = MFAClock()
            storage[MFAClockKey.self] = clock
            return clock
        }
        set { storage[MFAClockKey.self] = newValue }
    }
}

/// Setting up, using and removing a person's second factor (TOTP with recovery codes).
struct MFAService {
    var db: any Database
    var clock: MFAClock
    var request: Request?

    static let issuer = "Fahrplan"
    static let recoveryCodeCount = 10

    init(db: any Database, clock: MFAClock, request: Request? = nil) {
        self.db = db; self.clock = clock; self.request = request
    }

    init(_ req: Request) { self.init(db: req.db, clock: req.application.mfaClock, request: req) }

    enum Outcome: Equatable { case code, recoveryCode, wrong }

    /// Whether `user` must have a second factor: installation admins always, others when one of their
    /// municipalities requires it.
    func isRequired(_ user: User) async throws -> Bool {
        if user.isInstallationAdmin { return true }
        return try await Membership.query(on: db).filter(\.$user.$id == user.requireID())
            .join(Municipality.self, on: \Membership.$municipality.$id == \Municipality.$id)
            .filter(Municipality.self, \.$requiresMFA == true)
            .filter(Municipality.self, \.$archivedAt == nil)
            .first() != nil
    }

    /// The secret the set-up page shows: kept until confirmed, so reloading the page does not invalidate
    /// what the person already scanned.
    func pendingSecret(for user: User) async throws -> [UInt8] {
        if user.mfaEnabledAt == nil, let stored = user.totpSecret, let secret = Base32.decode(stored), secret.count == TOTP.secretBytes {
            return secret
        }
        let secret = TOTP.generateSecret()
        user.totpSecret = Base32.encode(secret)
        user.mfaEnabledAt = nil
        user.totpLastStep = nil
        try await user.save(on: db)
        return secret
    }

    /// Turns the second factor on once the person proved their app shows the right codes; returns the
    /// recovery codes, which are shown this once.
    func confirm(_ user: User, code: String) async throws -> [String]? {
        guard user.mfaEnabledAt == nil, let stored = user.totpSecret, let secret = Base32.decode(stored),
              let step = TOTP(secret: secret).matchingStep(code, at: clock.now(), after: nil) else { return nil }
        let userID = try user.requireID()
        let codes = Self.newRecoveryCodes()
        let now = Date()
        try await db.writeTransaction { db in
            user.mfaEnabledAt = now
            user.totpLastStep = step
            try await user.save(on: db)
            try await replaceRecoveryCodes(codes, userID: userID, now: now, on: db)
            try await AuthEventLog.record(.mfaEnabled, user: user, request: request, on: db)
        }
        return codes
    }

    func renewRecoveryCodes(_ user: User) async throws -> [String] {
        let userID = try user.requireID()
        let codes = Self.newRecoveryCodes()
        try await db.writeTransaction { db in
            try await replaceRecoveryCodes(codes, userID: userID, now: Date(), on: db)
            try await AuthEventLog.record(.recoveryCodesRenewed, user: user, request: request, on: db)
        }
        return codes
    }

    /// Removes the second factor, its secret and recovery codes.
    func disable(_ user: User, detail: String = "") async throws {
        let userID = try user.requireID()
        try await db.writeTransaction { db in
            user.totpSecret = nil
            user.mfaEnabledAt = nil
            user.totpLastStep = nil
            try await user.save(on: db)
            try await RecoveryCode.query(on: db).filter(\.$user.$id == userID).delete()
            try await AuthEventLog.record(.mfaDisabled, user: user, detail: detail, request: request, on: db)
        }
    }

    /// Checks a code from the app or a recovery code. A code counts once: the accepted step is stored
    /// with a conditional update, so two requests racing with the same code cannot both pass.
    func verify(_ user: User, input: String) async throws -> Outcome {
        let userID = try user.requireID()
        guard user.mfaEnabledAt != nil, let stored = user.totpSecret, let secret = Base32.decode(stored) else { return .wrong }
        let typed = TOTP.normalize(input)
        if typed.count == TOTP.digits {
            if let step = TOTP(secret: secret).matchingStep(typed, at: clock.now(), after: user.totpLastStep),
               try await claimStep(step, userID: userID, previous: user.totpLastStep) {
                user.totpLastStep = step
                return .code
            }
        } else if let hash = Self.recoveryHash(typed, userID: userID),
                  let found = try await RecoveryCode.query(on: db).filter(\.$user.$id == userID)
                    .filter(\.$codeHash == hash).filter(\.$usedAt == nil).first() {
            if try await claim(RecoveryCode.schema, id: found.requireID(), set: "used_at", to: Date(), where: "used_at", was: nil as Date?) {
                let left = try await unusedRecoveryCodes(userID: userID)
                try await AuthEventLog.record(.recoveryCodeUsed, user: user, detail: "\(left) left", request: request, on: db)
                return .recoveryCode
            }
        }
        try await AuthEventLog.record(.mfaFailed, user: user, request: request, on: db)
        return .wrong
    }

    func unusedRecoveryCodes(userID: UUID) async throws -> Int {
        try await RecoveryCode.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).count()
    }

    private func claimStep(_ step: Int64, userID: UUID, previous: Int64?) async throws -> Bool {
        try await claim(User.schema, id: userID, set: "totp_last_step", to: step, where: "totp_last_step", was: previous)
    }

    /// Sets a column only while another still holds the value read before, and tells whether this request
    /// made the change (`RETURNING` works on PostgreSQL and SQLite alike).
    private func claim<New: Encodable & Sendable, Old: Encodable & Sendable>(
        _ table: String, id: UUID, set column: String, to value: New, where guardColumn: String, was old: Old?
    ) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { return false }
        let update = sql.update(table).set(SQLIdentifier(column), to: SQLBind(value)).where("id", .equal, SQLBind(id))
        if let old {
            update.where(SQLIdentifier(guardColumn), .equal, SQLBind(old))
        } else {
            update.where(SQLIdentifier(guardColumn), .is, SQLLiteral.null)
        }
        return try await update.returning("id").all().count == 1
    }

    private func replaceRecoveryCodes(_ codes: [String], userID: UUID, now: Date, on db: any Database) async throws {
        try await RecoveryCode.query(on: db).filter(\.$user.$id == userID).delete()
        for code in codes {
            guard let hash = Self.recoveryHash(code, userID: userID) else { continue }
            try await RecoveryCode(userID: userID, codeHash: hash, createdAt: now).create(on: db)
        }
    }

    /// Ten characters of Base32 (50 bits) in two groups, e.g. `k7qm2-xw4ta`.
    static func newRecoveryCodes() -> [String] {
        (0..<recoveryCodeCount).map { _ in
            var generator = SystemRandomNumberGenerator()
            let bytes = (0..<7).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
            let text = Base32.encode(bytes).lowercased().prefix(10)
            return text.prefix(5) + "-" + text.suffix(5)
        }
    }

    /// Recovery codes are compared by hash, bound to the account; nil for input that cannot be one.
    static func recoveryHash(_ input: String, userID: UUID) -> String? {
        let normalized = input.lowercased().filter { !$0.isWhitespace && $0 != "-" }
        guard normalized.count == 10, normalized.allSatisfy({ "abcdefghijklmnopqrstuvwxyz234567".contains($0) }) else { return nil }
        return Secrets.sha256("recovery:\(userID.uuidString):\(normalized)")
    }

    static func provisioningURI(secret: [UInt8], email: String) -> String {
        TOTP.provisioningURI(secret: secret, account: email, issuer: issuer)
    }
}
