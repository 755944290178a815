/// The project list's table rows as HTML (`HTMLBuffer`): 50 rows of 8 cells were most of the list's Leaf time.
enum ProjectListHTML {
    /// `selectLabel` nil: no checkbox column (the person cannot assign projects in bulk).
    static func rows(_ rows: [ProjectRow], selectLabel: String?, archivedLabel: String) -> String {
        var out = HTMLBuffer(capacity: rows.count * 700)
        for row in rows {
            out.raw("<tr>")
            if let selectLabel {
                out.raw("<td><input type=\"checkbox\" name=\"projectIDs[]\" value=\""); out.escaped(row.id)
                out.raw("\" id=\"select-"); out.escaped(row.id); out.raw("\" aria-label=\"")
                out.escaped("\(selectLabel): \(row.code) \(row.title)"); out.raw("\"></td>")
            }
            out.raw("<td class=\"code\">"); out.escaped(row.code); out.raw("</td><td>"); out.link(row.url, row.title)
            if row.archived { out.raw(" <span class=\"badge\">"); out.escaped(archivedLabel); out.raw("</span>") }
            out.raw("</td><td>"); out.escaped(row.department ?? ""); out.raw("</td><td><span class=\"status status-")
            out.escaped(row.status); out.raw("\">"); out.escaped(row.statusLabel); out.raw("</span></td><td>")
            for field in row.fields { out.raw("<span class=\"tag\">"); out.escaped(field); out.raw("</span> ") }
            out.raw("</td><td class=\"number\">"); out.escaped(row.oneOff); out.raw("</td><td class=\"number\">")
            out.escaped(row.fte); out.raw("</td></tr>\n")
        }
        return out.text
    }
}
