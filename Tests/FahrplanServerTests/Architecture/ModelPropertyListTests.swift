import FluentKit
import Foundation
import XCTest
@testable import FahrplanServer

/// The hand-written `properties` of every model (see `ModelRegistry`) must be exactly what FluentKit's reflection
/// finds: the same property wrappers, in the same order. And every model in the sources must be registered.
final class ModelPropertyListTests: XCTestCase {
    func testEveryListMatchesTheReflection() throws {
        XCTAssertGreaterThanOrEqual(ModelRegistry.all.count, 70)
        for type in ModelRegistry.all {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { child in
                (child.value as? any AnyProperty).map { (label: String(child.label?.dropFirst() ?? ""), property: $0) }
            }
            let listed = model.properties
            let expected = "var properties: [any AnyProperty] { [" + reflected.map { "_" + $0.label }.joined(separator: ", ") + "] }"
            XCTAssertEqual(listed.count, reflected.count, "\(type): the list has \(listed.count) properties, the model \(reflected.count); write \(expected)")
            for (index, (listedProperty, found)) in zip(listed, reflected).enumerated() {
                XCTAssertTrue(listedProperty as AnyObject === found.property as AnyObject,
                              "\(type): entry \(index) is not _\(found.label); write \(expected)")
            }
        }
    }

    /// A model's list must not only match when read: a decoded row and a saved model go through it too.
    func testTheListsAreWhatFluentUses() throws {
        let user = User(email: "a@example.org", displayName: "A", passwordHash: "x")
        XCTAssertEqual(Set(User.keys.map(\.description)), ["id", "email", "display_name", "password_hash", "is_installation_admin",
                       "preferred_language", "created_at", "disabled_at", "totp_secret", "mfa_enabled_at", "totp_last_step"])
        XCTAssertTrue(user.hasChanges)
    }

    func testEveryModelInTheSourcesIsRegistered() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/FahrplanServer")
        let registered = Set(ModelRegistry.all.map { String(describing: $0) })
        let declaration = try NSRegularExpression(pattern: #"^(?:public\s+)?final class ([A-Za-z0-9_]+):\s*([^{]*)\{"#, options: .anchorsMatchLines)
        var found: [String] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                let conformances = String(text[Range(match.range(at: 2), in: text)!])
                if conformances.range(of: #"\b(Model|Fields)\b"#, options: .regularExpression) != nil { found.append(name) }
            }
        }
        XCTAssertGreaterThanOrEqual(found.count, 70, "the scan of \(root.path) found too few models")
        for name in found where !registered.contains(name) {
            XCTFail("\(name) is a Fluent model but not in ModelRegistry.all (and so its `properties` list is not checked)")
        }
    }
}
