import FahrplanCore
import Foundation

/// A big round's ranking in pages, searchable by code or title and narrowed to a field of action. 500 projects on one page were 1 MB of HTML
/// (a stacked bar, the tier's reason and the explanation per row) that took longer to render than everything
/// else of the request and could not be read on a phone; a page of 25 is about 60 KB. The ranks shown stay those
/// of the whole ranking, the CSV export and the API keep every project, and each row's scores page
/// (`roundProject`) explains it in full.
enum RankingPaging {
    static let pageSize = 25

    struct View: Encodable {
        var action: String
        var query: String
        var searching: Bool
        /// An older version being read (`?version=N`), kept by the search form.
        var version: Int?
        /// "Projekte 26–50 von 500", or the number of matches of a search.
        var summary: String
        /// Whether the ranking has more than one page or is being searched (only then is the search offered).
        var large: Bool
        var pageText: String?
        var previousURL: String?
        var nextURL: String?
        var pages: [PageLink]?
        /// Back to the whole ranking after a search or with a field of action chosen.
        var clearURL: String?
        /// The municipality's fields of action for the select (nil when it has none); the chosen one is selected.
        var fields: [Option]?
        /// The id of the chosen field of action, kept by the form and the page links.
        var field: String?
        /// `?field=` named no field of action of this municipality: the whole ranking is shown.
        var unknownField: Bool
    }

    /// A field of action the ranking is narrowed to: the projects of the round that belong to it
    /// (`PortfolioRows.fieldsOfAction`: linked to it or to a goal or program under it).
    struct FieldFilter {
        var id: UUID
        var label: String
        var members: Set<UUID>
    }

    struct PageLink: Encodable {
        var number: Int
        var url: String
        var current: Bool
    }

    /// The lines of the requested page (clamped to the pages there are) among those matching `query` and `field`.
    /// `fields`: the select's options; `unknownField`: the address named a field of action there is not.
    static func page(_ lines: [RankingData.Line], query rawQuery: String?, page requested: Int?, version: Int?, baseURL: String,
                     field: FieldFilter? = nil, fields: [(id: UUID, label: String)] = [], unknownField: Bool = false,
                     _ language: Language) -> ([RankingData.Line], View) {
        let query = (rawQuery ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let inField = field.map { field in lines.filter { field.members.contains($0.id) } } ?? lines
        let matching = query.isEmpty ? inField : inField.filter { matches($0, query) }
        let pageCount = max(1, (matching.count + pageSize - 1) / pageSize)
        let page = min(max(1, requested ?? 1), pageCount)
        let shown = Array(matching.dropFirst((page - 1) * pageSize).prefix(pageSize))
        func url(_ page: Int, query: String, clearing: Bool = false) -> String {
            var items: [String] = []
            if let version { items.append("version=\(version)") }
            if !query.isEmpty { items.append("q=" + (query.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? "")) }
            if let field, !clearing { items.append("field=\(field.id.uuidString)") }
            if page > 1 { items.append("page=\(page)") }
            return baseURL + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }
        let de = language == .de
        let first = shown.isEmpty ? 0 : (page - 1) * pageSize + 1
        let last = (page - 1) * pageSize + shown.count
        let summary: String
        if let field {
            let search = query.isEmpty ? "" : (de ? ", passend zu „\(query)“" : ", matching “\(query)”")
            if matching.isEmpty {
                summary = de ? "Kein Projekt im Handlungsfeld „\(field.label)“\(search) (von \(lines.count) Projekten)."
                             : "No project in the field of action “\(field.label)”\(search) (of \(lines.count) projects)."
            } else {
                summary = de ? "\(matching.count) von \(lines.count) Projekten im Handlungsfeld „\(field.label)“\(search) (\(first)–\(last) gezeigt)."
                             : "\(matching.count) of \(lines.count) projects in the field of action “\(field.label)”\(search) (\(first)–\(last) shown)."
            }
        } else if query.isEmpty {
            summary = de ? "Projekte \(first)–\(last) von \(lines.count)" : "Projects \(first)–\(last) of \(lines.count)"
        } else if matching.isEmpty {
            summary = de ? "Kein Projekt passt zu „\(query)“." : "No project matches “\(query)”."
        } else {
            summary = de ? "\(matching.count) von \(lines.count) Projekten passen zu „\(query)“ (\(first)–\(last) gezeigt)."
                         : "\(matching.count) of \(lines.count) projects match “\(query)” (\(first)–\(last) shown)."
        }
        let filtering = !query.isEmpty || field != nil
        let view = View(
            action: baseURL, query: query, searching: filtering, version: version, summary: summary,
            large: lines.count > pageSize || filtering || !fields.isEmpty || unknownField,
            pageText: pageCount > 1 ? (de ? "Seite \(page) von \(pageCount)" : "Page \(page) of \(pageCount)") : nil,
            previousURL: page > 1 ? url(page - 1, query: query) : nil,
            nextURL: page < pageCount ? url(page + 1, query: query) : nil,
            pages: pageCount > 1 ? (1...pageCount).map { PageLink(number: $0, url: url($0, query: query), current: $0 == page) } : nil,
            clearURL: filtering ? url(1, query: "", clearing: true) : nil,
            fields: fields.isEmpty ? nil : fields.map { Option(value: $0.id.uuidString, label: $0.label, selected: $0.id == field?.id) },
            field: field?.id.uuidString, unknownField: unknownField)
        return (shown, view)
    }

    static func matches(_ line: RankingData.Line, _ query: String) -> Bool {
        let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
        return line.code.range(of: query, options: options) != nil || line.title.range(of: query, options: options) != nil
    }

    /// A query value: unreserved characters only, so that "&", "=", "+" and "#" in a search stay part of it.
    private static let queryValueAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}
