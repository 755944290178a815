import FahrplanCore
import Fluent
import Foundation

/// Resolves what a profile refers to — departments, goals/fields/programs, other projects — within one
/// municipality. A reference may be the id, the code or the name/title, so that spreadsheets written by
/// hand ("Bürgeramt", "Z1.1", "P-0007") work as well as forms and the API (ids). Loaded once per change or
/// import, so 10,000 rows cost three queries, not 30,000.
struct PortfolioReferences: Sendable {
    struct Entry: Sendable {
        var id: UUID
        var label: String
    }

    private(set) var departments: [String: Entry] = [:]
    private(set) var elements: [String: Entry] = [:]
    private(set) var projects: [String: Entry] = [:]
    private(set) var departmentsByID: [UUID: Entry] = [:]
    private(set) var elementsByID: [UUID: Entry] = [:]
    private(set) var projectsByID: [UUID: Entry] = [:]
    /// Department codes by id, for the export.
    private(set) var departmentCodes: [UUID: String] = [:]
    private(set) var elementCodes: [UUID: String] = [:]
    /// Project ids by upper-cased code: codes are unique per municipality and the key for re-imports.
    private(set) var projectIDsByCode: [String: UUID] = [:]
    /// Free P-codes, resuming where the last search ended (the same sequence the import's plan uses).
    private var codes = ProjectCodeSequence(taken: [String]())

    static func load(on db: any Database, municipalityID: UUID) async throws -> PortfolioReferences {
        var references = PortfolioReferences()
        for unit in try await Department.query(on: db).filter(\.$municipality.$id == municipalityID).all() {
            guard let id = unit.id else { continue }
            let entry = Entry(id: id, label: "\(unit.code) \(unit.name)")
            references.departmentsByID[id] = entry
            references.departmentCodes[id] = unit.code
            // Archived units can still be named by id (old projects keep them) but not chosen by name.
            if unit.archivedAt == nil {
                references.departments[key(unit.code), default: entry] = entry
                references.departments[key(unit.name), default: entry] = entry
            }
        }
        let kinds = [StrategyElementKind.fieldOfAction, .goal, .program].map(\.rawValue)
        for element in try await StrategyElement.query(on: db).filter(\.$municipality.$id == municipalityID)
            .filter(\.$kind ~~ kinds).all() {
            guard let id = element.id else { continue }
            let entry = Entry(id: id, label: [element.code, element.title].compactMap { $0 }.joined(separator: " "))
            references.elementsByID[id] = entry
            references.elementCodes[id] = element.code ?? element.title
            if element.archivedAt == nil {
                if let code = element.code { references.elements[key(code), default: entry] = entry }
                references.elements[key(element.title), default: entry] = entry
            }
        }
        for project in try await Project.query(on: db).filter(\.$municipality.$id == municipalityID)
            .field(\.$id).field(\.$code).field(\.$title).all() {
            guard let id = project.id else { continue }
            references.addProject(id: id, code: project.code, title: project.title)
        }
        return references
    }

    mutating func addProject(id: UUID, code: String, title: String) {
        let entry = Entry(id: id, label: "\(code) \(title)")
        projectsByID[id] = entry
        projects[Self.key(code)] = entry
        projects[Self.key(title), default: entry] = entry
        projectIDsByCode[code.uppercased()] = id
        codes.take(code)
    }

    func department(_ reference: String) -> Entry? { lookup(reference, byID: departmentsByID, byName: departments) }
    func element(_ reference: String) -> Entry? { lookup(reference, byID: elementsByID, byName: elements) }
    func project(_ reference: String) -> Entry? { lookup(reference, byID: projectsByID, byName: projects) }
    func projectID(code: String) -> UUID? { projectIDsByCode[code.trimmingCharacters(in: .whitespaces).uppercased()] }

    private func lookup(_ reference: String, byID: [UUID: Entry], byName: [String: Entry]) -> Entry? {
        if let id = UUID(uuidString: reference) { return byID[id] }
        return byName[Self.key(reference)]
    }

    /// The next free code of the form P-0001 (see `ProjectCodeSequence`).
    mutating func nextProjectCode() -> String { codes.next() }

    static func key(_ text: String) -> String {
        // Without surrounding white space there is nothing to trim; skipping Foundation's string bridge
        // then keeps a 10,000-row import fast.
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
           !first.properties.isWhitespace, !last.properties.isWhitespace {
            return text.lowercased()
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
