import FahrplanCore
@testable import FahrplanServer
import Fluent
import Foundation
import NIOHTTP1

/// Uploads and lookups the import tests share.
enum ImportFixtures {
    /// A multipart/form-data body as a browser sends the upload form: the CSRF token and the file.
    static func multipart(file: Data, fileName: String, csrf: String, fields: [(String, String)] = []) -> (body: Data, contentType: String) {
        let boundary = "----FahrplanTestBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        func text(_ string: String) { body.append(Data(string.utf8)) }
        for (name, value) in [("_csrf", csrf)] + fields {
            text("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        text("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.append(file)
        text("\r\n--\(boundary)--\r\n")
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    /// Posts a file to the upload form of Musterstadt (the browser must have loaded a page with a CSRF token).
    static func upload(_ browser: TestClient, _ file: Data, fileName: String = "projekte.csv", slug: String = "musterstadt") async throws -> TestResponse {
        let form = multipart(file: file, fileName: fileName, csrf: browser.csrf ?? "")
        return try await browser.send(.POST, "/m/\(slug)/projects/import", headers: ["Content-Type": form.contentType], body: form.body)
    }

    /// Uploads, follows the redirect to the preview and returns it (fails the test if the upload was refused).
    static func preview(_ browser: TestClient, _ file: Data, fileName: String = "projekte.csv") async throws -> (url: String, page: TestResponse) {
        let response = try await upload(browser, file, fileName: fileName)
        guard response.status == .seeOther, let location = response.location else {
            throw ImportTestError("upload answered \(response.status.code): \(response.body.prefix(2000))")
        }
        return (location, try await browser.get(location))
    }

    static func csv(_ lines: [String]) -> Data { Data((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    static func projects(_ slug: String = "musterstadt", on server: TestServer) async throws -> [Project] {
        let municipality = try await Municipality.query(on: server.db).filter(\.$slug == slug).first()
        guard let id = municipality?.id else { return [] }
        return try await Project.query(on: server.db).filter(\.$municipality.$id == id).sort(\.$code).all()
    }

    static func project(titled title: String, on server: TestServer) async throws -> Project? {
        try await Project.query(on: server.db).filter(\.$title == title).first()
    }

    /// A second municipality with Musterstadt's organisation and strategy (same codes), but no projects.
    static func twin(on server: TestServer, slug: String = "zwillingsstadt") async throws {
        var content = DemoMunicipality.musterstadt
        content.slug = slug
        content.name = "Zwillingsstadt"
        content.projects = []
        content.calls = []
        content.users = []
        _ = try await DemoLoader.load(content, on: server.app, password: TestServer.demoPassword)
    }

    /// Windows-1252 bytes of a text with German characters (as Excel's plain "CSV" saves it).
    static func windows1252(_ text: String) -> Data {
        Data(text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar {
            case "€": return 0x80
            case "„": return 0x84
            case "“": return 0x93
            case "–": return 0x96
            default: return scalar.value < 0x100 ? UInt8(scalar.value) : UInt8(ascii: "?")
            }
        })
    }
}

struct ImportTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
