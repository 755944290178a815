@testable import FahrplanServer
import Foundation
import Testing
import Vapor

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// A registered route as "METHOD /api/v1/goals/{element}".
    static func describe(_ route: Route) -> String {
        let path = route.path.map { component -> String in
            switch component {
            case .constant(let text): return text
            case .parameter(let name): return "{\(name)}"
            case .anything: return "*"
            case .catchall: return "**"
            }
        }
        return "\(route.method.rawValue) /" + path.joined(separator: "/")
    }

    @Test("is served without a token as JSON and is an OpenAPI 3.1 document with every named schema")
    func served() async throws {
        try await withServer(demo: false) { server in
            let response = try await server.client().api(.GET, "/api/v1/openapi.json", token: nil)
            #expect(response.status == .ok)
            #expect(response.headers.first(name: "Content-Type")?.hasPrefix("application/json") == true)
            let document = try JSONValue.parse(response.body)
            #expect(document["openapi"]?.string?.hasPrefix("3.1.") == true)
            #expect(document["info"]?["title"] == .string("Fahrplan API"))
            #expect(document["info"]?["version"]?.string?.isEmpty == false)
            let description = document["info"]?["description"]?.string ?? ""
            #expect(description.contains("Kommune") && description.contains("Digitalstrategie"))
            #expect(document["servers"]?.array?.first?["url"] == .string("/"))
            let bearer = document["components"]?["securitySchemes"]?["bearer"]
            #expect(bearer?["type"] == .string("http"))
            #expect(bearer?["scheme"] == .string("bearer"))
            #expect(bearer?["description"]?.string?.contains("fpt_") == true)
            #expect(document["security"]?.array?.first?["bearer"] != nil)
            let schemas = document["components"]?["schemas"]?.object ?? [:]
            for name in ["Element", "ElementWrite", "ElementList", "Department", "DepartmentWrite", "DepartmentList", "Municipality",
                         "Vision", "Me", "AuditEvent", "AuditEventList", "FieldChange", "Problem"] {
                #expect(schemas[name] != nil, "schema \(name) missing")
            }
            // The served file is the one in the repository (a stale resource bundle would hide changes).
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/FahrplanServer/Resources/openapi.json")
            if let text = try? String(contentsOf: source, encoding: .utf8) {
                #expect(try JSONValue.parse(text) == document, "the served openapi.json differs from \(source.path)")
            }
        }
    }

    @Test("every route under /api/v1 is documented with its method, and every documented operation exists")
    func routesAndDocumentAgree() async throws {
        try await withServer(demo: false) { server in
            let document = try await OpenAPIDocument.fetch(from: server)
            let registered = Set(server.app.routes.all
                .filter { $0.path.count >= 2 && $0.path[0] == "api" && $0.path[1] == "v1" }
                .map(Self.describe))
            #expect(registered.count >= 39, "suspiciously few API routes: \(registered.sorted())")
            let documented = document.operations
            let undocumented = registered.subtracting(documented).sorted()
            let unregistered = documented.subtracting(registered).sorted()
            #expect(undocumented.isEmpty, "routes without documentation: \(undocumented)")
            #expect(unregistered.isEmpty, "documented operations that do not exist: \(unregistered)")
        }
    }

    @Test("every $ref resolves, every operation is complete, and every error answer is a problem document")
    func wellFormed() async throws {
        try await withServer(demo: false) { server in
            let document = try await OpenAPIDocument.fetch(from: server)
            let validator = document.validator

            var references: [String] = []
            func collect(_ node: JSONValue) {
                switch node {
                case .object(let members):
                    if let reference = members["$ref"]?.string { references.append(reference) }
                    members.values.forEach(collect)
                case .array(let items): items.forEach(collect)
                default: break
                }
            }
            collect(document.root)
            #expect(references.count > 50)
            for reference in Set(references) {
                #expect(validator.resolve(reference) != nil, "unresolvable \(reference)")
            }

            var operationIDs: [String] = []
            for operation in document.operations.sorted() {
                let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
                let method = HTTPMethod(rawValue: parts[0])
                let template = parts[1]
                let node = try #require(document.operation(method, template))
                operationIDs.append(node["operationId"]?.string ?? "")
                #expect(node["summary"]?.string?.isEmpty == false, "\(operation) has no summary")

                // Path parameters: each {name} is declared as a required path parameter, and nothing more.
                let inPath = Set(template.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                let parameters = (node["parameters"]?.array ?? []).compactMap(document.dereferenced)
                let declared = Set(parameters.filter { $0["in"] == .string("path") }.compactMap { $0["name"]?.string })
                #expect(inPath == declared, "\(operation): path parameters \(declared.sorted()) instead of \(inPath.sorted())")
                for parameter in parameters where parameter["in"] == .string("path") {
                    #expect(parameter["required"] == .bool(true), "\(operation): path parameter not required")
                }

                let responses = try #require(node["responses"]?.object, "\(operation) has no responses")
                #expect(responses["default"] == nil, "\(operation): a default response would hide undocumented statuses")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(operation) has no success response")
                let isPublic = node["security"]?.array?.isEmpty == true
                if !isPublic {
                    #expect(responses["401"] != nil, "\(operation) does not document 401")
                    #expect(responses["404"] != nil, "\(operation) does not document 404")
                }
                if node["requestBody"] != nil {
                    #expect(node["requestBody"]?["content"]?["application/json"]?["schema"] != nil, "\(operation): body is not JSON")
                    for status in ["400", "413", "415", "422"] {
                        #expect(responses[status] != nil, "\(operation) has a body but does not document \(status)")
                    }
                }
                for (status, declared) in responses {
                    let response = try #require(document.dereferenced(declared))
                    #expect(response["description"]?.string?.isEmpty == false, "\(operation) \(status) has no description")
                    let content = response["content"]?.object ?? [:]
                    if status.hasPrefix("4") || status.hasPrefix("5") {
                        #expect(Array(content.keys) == ["application/problem+json"], "\(operation) \(status): \(content.keys.sorted())")
                        #expect(content["application/problem+json"]?["schema"]?["$ref"] == .string("#/components/schemas/Problem"))
                    } else if status == "204" || status == "304" {
                        #expect(content.isEmpty, "\(operation) \(status) must not describe a body")
                    } else {
                        // A text rendering (the newsletter as e-mail HTML or plain text) describes its text type instead.
                        let textOnly = !content.isEmpty && content.keys.allSatisfy { $0.hasPrefix("text/") }
                        #expect(content["application/json"]?["schema"] != nil || textOnly, "\(operation) \(status) has no JSON schema")
                    }
                }
            }
            #expect(Set(operationIDs).count == operationIDs.count, "operationIds are not unique")
            #expect(!operationIDs.contains(""), "an operation has no operationId")

            // Response objects are closed, so an undocumented field fails the conformance tests.
            for (name, schema) in document.root["components"]?["schemas"]?.object ?? [:] where !name.hasSuffix("Write") && name != "Vision" {
                #expect(schema["additionalProperties"] == .bool(false), "schema \(name) is open")
                #expect(schema["required"]?.array?.isEmpty == false, "schema \(name) has no required list")
            }
        }
    }
}
