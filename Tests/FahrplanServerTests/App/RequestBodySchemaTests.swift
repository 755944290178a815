import FahrplanCore
@testable import FahrplanServer
import Foundation
import NIOCore
import Testing
import Vapor

/// The conformance tests hold every answer against `openapi.json`; this suite holds every request body schema
/// against the DTO the controller decodes it with — the server's behaviour is the truth, the document follows.
@Suite("OpenAPI request bodies: each write DTO and its requestBody schema agree")
struct RequestBodySchemaTests {
    /// Every operation with a request body, and the type its controller decodes the JSON body into.
    static var table: [(operation: String, dto: any Decodable.Type)] {
        [
            ("PUT /api/v1/vision", VisionDTO.self),
            ("POST /api/v1/principles", ElementWriteDTO.self),
            ("PATCH /api/v1/principles/{element}", ElementWriteDTO.self),
            ("POST /api/v1/fields-of-action", ElementWriteDTO.self),
            ("PATCH /api/v1/fields-of-action/{element}", ElementWriteDTO.self),
            ("POST /api/v1/goals", ElementWriteDTO.self),
            ("PATCH /api/v1/goals/{element}", ElementWriteDTO.self),
            ("POST /api/v1/programs", ElementWriteDTO.self),
            ("PATCH /api/v1/programs/{element}", ElementWriteDTO.self),
            ("POST /api/v1/departments", DepartmentWriteDTO.self),
            ("PATCH /api/v1/departments/{department}", DepartmentWriteDTO.self),
            ("POST /api/v1/members", MemberWriteDTO.self),
            ("PATCH /api/v1/members/{user}", MemberWriteDTO.self),
            ("POST /api/v1/projects", ProjectWriteDTO.self),
            ("PATCH /api/v1/projects/{project}", ProjectWriteDTO.self),
            ("POST /api/v1/projects/similar", ProjectDraftTextDTO.self),
            ("POST /api/v1/projects/assign", ProjectAssignWriteDTO.self),
            ("POST /api/v1/projects/{project}/status", ProjectStatusWriteDTO.self),
            ("POST /api/v1/projects/{project}/merge", ProjectMergeWriteDTO.self),
            ("POST /api/v1/projects/import", ImportAPIController.JSONBody.self),
            ("POST /api/v1/calls", CallWriteDTO.self),
            ("PATCH /api/v1/calls/{call}", CallWriteDTO.self),
            ("POST /api/v1/calls/{call}/complete", CallCompletionWriteDTO.self),
            ("POST /api/v1/calls/{call}/incomplete", CallCompletionWriteDTO.self),
            ("POST /api/v1/criteria", CriterionWriteDTO.self),
            ("PATCH /api/v1/criteria/{criterion}", CriterionWriteDTO.self),
            ("POST /api/v1/rounds", RoundWriteDTO.self),
            ("PATCH /api/v1/rounds/{round}", RoundWriteDTO.self),
            ("PUT /api/v1/rounds/{round}/scope", RoundScopeWriteDTO.self),
            ("PUT /api/v1/rounds/{round}/weights", RoundWeightsWriteDTO.self),
            ("POST /api/v1/rounds/{round}/close", RoundCloseWriteDTO.self),
            ("PUT /api/v1/rounds/{round}/ratings/mine", RatingsWriteDTO.self),
            ("PUT /api/v1/rounds/{round}/comparisons/mine", ComparisonsWriteDTO.self),
            ("POST /api/v1/rounds/{round}/overrides", OverrideWriteDTO.self),
            ("POST /api/v1/rounds/{round}/scenarios", ScenarioWriteDTO.self),
            ("PATCH /api/v1/rounds/{round}/scenarios/{scenario}", ScenarioWriteDTO.self),
            ("POST /api/v1/rounds/{round}/scenarios/{scenario}/adopt", DecisionWriteDTO.self),
            ("POST /api/v1/projects/{project}/decisions", ProjectDecisionWriteDTO.self),
            ("PUT /api/v1/economic-settings", EconomicSettingsDTO.self),
            ("POST /api/v1/plans", PlanWriteDTO.self),
            ("PATCH /api/v1/plans/{plan}", PlanWriteDTO.self),
            ("PUT /api/v1/plans/{plan}/capacities", CapacitiesWriteDTO.self),
            ("PUT /api/v1/plans/{plan}/projects", PlanSettingsWriteDTO.self),
            ("POST /api/v1/plans/{plan}/starts", PlanStartWriteDTO.self),
            ("POST /api/v1/plans/{plan}/scenarios", PlanScenarioWriteDTO.self),
            ("POST /api/v1/plans/{plan}/import", PlanSolutionFileDTO.self),
            ("PUT /api/v1/inventory/maturity-model", InventoryAPIController.MaturityModelDTO.self),
            ("POST /api/v1/inventory/systems", ITSystemWriteDTO.self),
            ("PUT /api/v1/inventory/systems/{system}", ITSystemWriteDTO.self),
            ("POST /api/v1/inventory/systems/import", ImportAPIController.JSONBody.self),
            ("POST /api/v1/inventory/services", AdministrativeServiceWriteDTO.self),
            ("PUT /api/v1/inventory/services/{service}", AdministrativeServiceWriteDTO.self),
            ("POST /api/v1/inventory/services/import", ImportAPIController.JSONBody.self),
            ("POST /api/v1/projects/{project}/status-reports", StatusReportWriteDTO.self),
            ("POST /api/v1/projects/{project}/milestones", MilestoneWriteDTO.self),
            ("PUT /api/v1/projects/{project}/milestones/{milestone}", MilestoneWriteDTO.self),
            ("PUT /api/v1/projects/{project}/monitoring-owner", MonitoringOwnerWriteDTO.self),
            ("POST /api/v1/kpis", KPIWriteDTO.self),
            ("PUT /api/v1/kpis/{kpi}", KPIWriteDTO.self),
            ("POST /api/v1/kpis/{kpi}/measurements", KPIMeasurementsWriteDTO.self),
            ("POST /api/v1/update-cycles", UpdateCycleWriteDTO.self),
            ("PUT /api/v1/update-cycles/{cycle}", UpdateCycleWriteDTO.self),
            ("POST /api/v1/monitoring/locks", PeriodLockWriteDTO.self),
            ("PUT /api/v1/monitoring/settings", MonitoringSettingsWriteDTO.self),
            ("POST /api/v1/maturity/questionnaires", QuestionnaireCreateWriteDTO.self),
            ("PUT /api/v1/maturity/questionnaires/{questionnaire}", QuestionnaireDocumentDTO.self),
            ("POST /api/v1/maturity/assessments", AssessmentWriteDTO.self),
            ("PUT /api/v1/maturity/assessments/{assessment}/ratings", AssessmentRatingsWriteDTO.self),
            ("POST /api/v1/maturity/surveys", SurveyRoundWriteDTO.self),
            ("PUT /api/v1/maturity/surveys/{survey}", SurveyRoundWriteDTO.self),
            ("POST /api/v1/maturity/surveys/{survey}/invitations", SurveyInvitationsWriteDTO.self),
            ("POST /api/v1/surveys/{token}/responses", PublicSurveyResponseWriteDTO.self),
            ("POST /api/v1/maturity/first-steps/project", FirstStepProjectWrite.self),
            ("POST /api/v1/newsletters", NewsletterWriteDTO.self),
            ("PUT /api/v1/newsletters/{newsletter}", NewsletterWriteDTO.self),
            ("POST /api/v1/strategy-versions", StrategyVersionWriteDTO.self),
            ("PUT /api/v1/portal/settings", PortalSettingsWriteDTO.self),
        ]
    }

    static var operations: [String] { table.map(\.operation) }

    /// The document in the repository (OpenAPIDocumentTests proves it is the one the server serves), parsed once
    /// for all 38 cases.
    static let parsedDocument = Result<JSONValue, any Error> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try JSONValue.parse(String(contentsOf: root.appendingPathComponent("Sources/FahrplanServer/Resources/openapi.json"),
                                          encoding: .utf8))
    }

    static func document() throws -> JSONValue { try parsedDocument.get() }

    static func operationNode(_ document: JSONValue, _ operation: String) -> JSONValue? {
        let parts = operation.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return document["paths"]?[parts[1]]?[parts[0].lowercased()]
    }

    /// Decoded as the controllers' `req.content.decode` does: Vapor's JSON decoder.
    static func decode<Body: Decodable>(_ type: Body.Type, _ body: JSONValue) throws -> Body {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        buffer.writeString(body.jsonText)
        return try ContentConfiguration.global.requireDecoder(for: .json)
            .decode(type, from: buffer, headers: ["Content-Type": "application/json"])
    }

    @Test("the table names each operation with a request body once, and only those")
    func tableMatchesDocument() throws {
        let document = try Self.document()
        var withBody: Set<String> = []
        for (path, item) in document["paths"]?.object ?? [:] {
            for method in OpenAPIDocument.methods where item[method]?["requestBody"] != nil {
                withBody.insert("\(method.uppercased()) \(path)")
            }
        }
        let named = Self.operations
        #expect(Set(named).count == named.count, "an operation is named twice: \(named.sorted())")
        #expect(withBody.subtracting(named).isEmpty, "operations with a request body but no DTO in the table: \(withBody.subtracting(named).sorted())")
        #expect(Set(named).subtracting(withBody).isEmpty,
                "table entries that are no operation with a request body: \(Set(named).subtracting(withBody).sorted())")
        #expect(withBody.count >= 38, "suspiciously few operations with a body: \(withBody.count)")
    }

    @Test("the fullest valid body sets every DTO property; every DTO property is a schema property, and back",
          arguments: RequestBodySchemaTests.operations)
    func dtoAndSchemaAgree(operation: String) throws {
        let document = try Self.document()
        let validator = SchemaValidator(root: document)
        let dto = try #require(Self.table.first { $0.operation == operation }?.dto)
        let schema = try #require(Self.operationNode(document, operation)?["requestBody"]?["content"]?["application/json"]?["schema"],
                                  "\(operation) has no JSON request body schema")
        let dtoName = String(describing: dto)

        var builder = RequestExampleBuilder(validator: validator)
        let example = builder.example(schema)
        #expect(builder.problems.isEmpty, "\(operation): \(builder.problems)")
        let invalid = validator.validate(example, against: schema)
        try #require(invalid.isEmpty, "\(operation): the example built from the schema is not valid: \(invalid)\n\(example.jsonText)")

        // (a) The fullest body the document allows is decoded, and fills every stored property of the DTO: a
        // property left unset reads a key the schema does not document.
        let decoded: any Decodable
        do { decoded = try Self.decode(dto, example) } catch {
            Issue.record("\(operation): \(dtoName) cannot decode the fullest valid body: \(error)\n\(example.jsonText)")
            return
        }
        let full = DecodedProperty.of(decoded)
        #expect(!full.isEmpty, "\(operation): \(dtoName) has no stored properties to compare")
        for property in full where !property.isSet {
            Issue.record("\(operation): \(dtoName).\(property.path) stays unset by the fullest valid body: the schema lacks the key it reads")
        }

        // Each schema property left out in turn shows which DTO property reads it (by its JSON key, whatever the
        // Swift name or CodingKeys), and whether the DTO can do without it.
        let unsetInFull = Set(full.filter { !$0.isSet }.map(\.path))
        var readBy: [String: [JSONStep]] = [:]
        var read: Set<String> = []
        var requiredByDTO: Set<String> = []
        for path in builder.properties {
            do {
                let without = DecodedProperty.of(try Self.decode(dto, example.removing(path)))
                let unset = Set(without.filter { !$0.isSet }.map(\.path)).subtracting(unsetInFull)
                if unset.isEmpty {
                    Issue.record("\(operation): the schema documents \(path.text), but \(dtoName) does not read it")
                }
                read.formUnion(unset)
                if unset.count == 1 { readBy[unset.first!] = path }
            } catch DecodingError.keyNotFound(let key, _) {
                requiredByDTO.insert(path.text)
                #expect(builder.requiredNames[path]?.contains(key.stringValue) == true,
                        "\(operation): \(dtoName) refuses a body without \(path.text), but the schema does not require it")
            } catch {
                Issue.record("\(operation): without \(path.text) \(dtoName) fails: \(error)")
            }
        }

        // (b) Every stored property is a schema property; a non-optional one (not a PatchValue) a required one.
        func jsonPath(of swiftPath: String) -> [JSONStep]? {
            if swiftPath.hasSuffix("[0]") { return jsonPath(of: String(swiftPath.dropLast(3))).map { $0 + [.index(0)] } }
            return readBy[swiftPath]
        }
        for property in full {
            let (parent, name) = Self.split(property.path)
            var jsonParent: [JSONStep] = []
            if !parent.isEmpty {
                // Inside a value decoded from one JSON value (a Saaty value from a number or text) there are no keys.
                guard let mapped = jsonPath(of: parent), example.value(at: mapped)?.object != nil else { continue }
                jsonParent = mapped
            }
            if property.isRequired {
                // Left out, such a property fails decoding with keyNotFound, which names the key but not the
                // property: its Swift name is taken as the key (no CodingKeys rename a non-optional one today).
                #expect(requiredByDTO.contains((jsonParent + [.key(name)]).text),
                        "\(operation): \(dtoName).\(property.path) must be in every body, but the schema does not require it")
            } else {
                #expect(read.contains(property.path), "\(operation): \(dtoName).\(property.path) is not a property of the schema")
            }
        }

        // Every other type the schema allows for a property (null, text for a Saaty value) is decoded too.
        for alternative in builder.alternatives {
            var variantBuilder = RequestExampleBuilder(validator: validator, choices: [alternative.path: alternative.type])
            let variant = variantBuilder.example(schema)
            let errors = validator.validate(variant, against: schema)
            guard errors.isEmpty else {
                Issue.record("\(operation): \(alternative.path.text) as \(alternative.type) is not valid: \(errors)")
                continue
            }
            do { _ = try Self.decode(dto, variant) } catch {
                Issue.record("\(operation): the schema allows \(alternative.type) for \(alternative.path.text), but \(dtoName) refuses it: \(error)")
            }
        }

        // The DTOs ignore unknown fields, so a schema that forbids them describes a stricter server than there is.
        for closed in builder.closedObjects {
            let extended = Self.inserting("undocumentedField", into: example, at: closed)
            if (try? Self.decode(dto, extended)) != nil {
                Issue.record("\(operation): \(dtoName) ignores unknown fields at \(closed.isEmpty ? "the top" : closed.text), but the schema forbids them (additionalProperties: false)")
            }
        }
    }

    /// Enumerated request fields and the values the server knows for them: the document must list exactly
    /// those (an added status or project kind must reach clients; a removed one must not be offered).
    static var enumerations: [(schema: String, path: [JSONStep], values: [String])] {
        [
            ("DepartmentWrite", [.key("level")], DepartmentLevel.allCases.map(\.rawValue)),
            ("MemberWrite", [.key("role")], MunicipalRole.allCases.map(\.rawValue)),
            ("ProjectWrite", [.key("kind")], ProjectKind.allCases.map(\.rawValue)),
            ("ProjectWrite", [.key("beneficiaries"), .index(0)], Beneficiary.allCases.map(\.rawValue)),
            ("ProjectStatusWrite", [.key("status")], ProjectStatus.allCases.map(\.rawValue)),
            ("CriterionWrite", [.key("direction")], CriterionDirection.allCases.map(\.rawValue)),
            ("CriterionWrite", [.key("source")], CriterionSource.allCases.map(\.rawValue)),
            ("AddedCriterionWrite", [.key("direction")], CriterionDirection.allCases.map(\.rawValue)),
            ("RoundWrite", [.key("aggregation")], Aggregation.allCases.map(\.rawValue)),
            ("RoundCloseWrite", [.key("missingPolicy")], MissingRatingsPolicy.allCases.map(\.rawValue)),
            ("StatusReportWrite", [.key("schedule")], TrafficLight.allCases.map(\.rawValue)),
            ("KPIWrite", [.key("direction")], KPIDirection.allCases.map(\.rawValue)),
            ("KPIWrite", [.key("cadence")], KPICadence.allCases.map(\.rawValue)),
            ("UpdateCycleWrite", [.key("subjectKind")], MonitoringSubjectKind.allCases.map(\.rawValue)),
            ("UpdateCycleWrite", [.key("interval")], UpdateInterval.allCases.map(\.rawValue)),
            ("UpdateCycleWrite", [.key("ownerRule")], CycleOwnerRule.allCases.map(\.rawValue)),
        ]
    }

    @Test("enumerated request fields list exactly the values the server knows")
    func enumerationsMatchServer() throws {
        let document = try Self.document()
        let validator = SchemaValidator(root: document)
        let builder = RequestExampleBuilder(validator: validator)
        for entry in Self.enumerations {
            var node = try #require(document["components"]?["schemas"]?[entry.schema], "no schema \(entry.schema)")
            for step in entry.path {
                let keywords = builder.flattened(node)
                switch step {
                case .key(let name): node = try #require(keywords["properties"]?[name], "\(entry.schema) has no \(name)")
                case .index: node = try #require(keywords["items"], "\(entry.schema).\(entry.path.text) has no items")
                }
            }
            let documented = builder.flattened(node)["enum"]?.array?.compactMap(\.string) ?? []
            #expect(Set(documented) == Set(entry.values) && documented.count == entry.values.count,
                    "\(entry.schema).\(entry.path.text): documented \(documented), the server knows \(entry.values)")
        }
    }

    /// "levels[0].label" → ("levels[0]", "label"); "title" → ("", "title").
    static func split(_ path: String) -> (parent: String, name: String) {
        guard let dot = path.lastIndex(of: ".") else { return ("", path) }
        return (String(path[..<dot]), String(path[path.index(after: dot)...]))
    }

    static func inserting(_ name: String, into value: JSONValue, at path: [JSONStep]) -> JSONValue {
        switch (value, path.first) {
        case (.object(var members), nil):
            members[name] = .string("x")
            return .object(members)
        case (.object(var members), .key(let key)?):
            if let member = members[key] { members[key] = inserting(name, into: member, at: Array(path.dropFirst())) }
            return .object(members)
        case (.array(var items), .index(let index)?) where items.indices.contains(index):
            items[index] = inserting(name, into: items[index], at: Array(path.dropFirst()))
            return .array(items)
        default:
            return value
        }
    }
}
