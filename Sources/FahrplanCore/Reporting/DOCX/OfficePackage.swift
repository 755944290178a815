import Foundation
import ZIPFoundation

/// An Office Open XML package (OPC): XML parts in a ZIP, with `[Content_Types].xml` first and the relationships
/// that tie them together. Written in memory with ZIPFoundation; the entries carry the document's day as their
/// time, so the same report gives the same bytes.
enum OfficePackage {
    enum Failure: Error { case noData }

    static func zip(_ parts: [(path: String, xml: String)], modified day: CalendarDay) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var components = DateComponents()
        components.year = day.year; components.month = day.month; components.day = day.day; components.hour = 12
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        for part in parts {
            let bytes = Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Failure.noData }
        return data
    }

    /// The parts of a one-section Word document around `document` (word/document.xml).
    static func wordParts(document: String, title: String, createdOn: CalendarDay, english: Bool,
                          footer: (page: String, of: String)) -> [(path: String, xml: String)] {
        let d = OOXML.declaration
        let wordML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        let contentTypes = d + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/word/document.xml" ContentType="\#(wordML).document.main+xml"/>"#
            + #"<Override PartName="/word/styles.xml" ContentType="\#(wordML).styles+xml"/>"#
            + #"<Override PartName="/word/numbering.xml" ContentType="\#(wordML).numbering+xml"/>"#
            + #"<Override PartName="/word/settings.xml" ContentType="\#(wordML).settings+xml"/>"#
            + #"<Override PartName="/word/footer1.xml" ContentType="\#(wordML).footer+xml"/>"#
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + "</Types>"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let rootRels = d + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="word/document.xml"/>"#
            + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
            + #"<Relationship Id="rId3" Type="\#(rel)/extended-properties" Target="docProps/app.xml"/>"#
            + "</Relationships>"
        let documentRels = d + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rIdStyles" Type="\#(rel)/styles" Target="styles.xml"/>"#
            + #"<Relationship Id="rIdNumbering" Type="\#(rel)/numbering" Target="numbering.xml"/>"#
            + #"<Relationship Id="rIdSettings" Type="\#(rel)/settings" Target="settings.xml"/>"#
            + #"<Relationship Id="rIdFooter1" Type="\#(rel)/footer" Target="footer1.xml"/>"#
            + "</Relationships>"
        let timestamp = createdOn.iso + "T00:00:00Z"
        let core = d + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(OOXML.text(title))</dc:title><dc:creator>Fahrplan</dc:creator>"
            + "<dc:language>\(english ? "en-GB" : "de-DE")</dc:language>"
            + #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(timestamp)</dcterms:created>"#
            + #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(timestamp)</dcterms:modified>"#
            + "</cp:coreProperties>"
        let app = d + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
            + "<Application>Fahrplan</Application></Properties>"
        let settings = d + "<w:settings \(OOXML.wordNamespaces)>"
            + #"<w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/>"#
            + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
            + "</w:settings>"
        let field = { (code: String) in
            #"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> \#(code) </w:instrText></w:r>"#
                + #"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
        }
        let footerXML = d + "<w:ftr \(OOXML.wordNamespaces)><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>"
            + OOXML.runs(footer.page + " ") + field("PAGE") + OOXML.runs(" " + footer.of + " ") + field("NUMPAGES")
            + "</w:p></w:ftr>"
        return [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRels),
            ("docProps/core.xml", core),
            ("docProps/app.xml", app),
            ("word/_rels/document.xml.rels", documentRels),
            ("word/document.xml", document),
            ("word/styles.xml", styles(english: english)),
            ("word/numbering.xml", numbering),
            ("word/settings.xml", settings),
            ("word/footer1.xml", footerXML),
        ]
    }

    static func styles(english: Bool) -> String {
        func paragraphStyle(_ id: String, _ name: String, size: Int, bold: Bool = false, before: Int = 0, after: Int = 120,
                            outline: Int? = nil, color: String? = nil) -> String {
            var pPr = #"<w:spacing w:before="\#(before)" w:after="\#(after)"/>"#
            if let outline { pPr = "<w:keepNext/>" + pPr + #"<w:outlineLvl w:val="\#(outline)"/>"# }
            var rPr = bold ? "<w:b/>" : ""
            if let color { rPr += #"<w:color w:val="\#(color)"/>"# }
            rPr += #"<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"#
            return #"<w:style w:type="paragraph" w:styleId="\#(id)"><w:name w:val="\#(name)"/><w:basedOn w:val="Normal"/>"#
                + #"<w:next w:val="Normal"/><w:qFormat/><w:pPr>\#(pPr)</w:pPr><w:rPr>\#(rPr)</w:rPr></w:style>"#
        }
        let lang = english ? "en-GB" : "de-DE"
        return OOXML.declaration + "<w:styles \(OOXML.wordNamespaces)>"
            + #"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Sans" w:hAnsi="Liberation Sans" w:eastAsia="Liberation Sans" w:cs="Liberation Sans"/>"#
            + #"<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="\#(lang)" w:eastAsia="\#(lang)" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
            + #"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
            + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
            + paragraphStyle("Title", "Title", size: 40, bold: true, after: 240, color: "1F3864")
            + paragraphStyle("Subtitle", "Subtitle", size: 28, after: 240, color: "404040")
            + paragraphStyle("Heading1", "heading 1", size: 32, bold: true, before: 360, after: 120, outline: 0, color: "1F3864")
            + paragraphStyle("Heading2", "heading 2", size: 26, bold: true, before: 240, after: 120, outline: 1, color: "2F5496")
            + paragraphStyle("Heading3", "heading 3", size: 22, bold: true, before: 200, after: 80, outline: 2)
            + paragraphStyle("TableText", "Table Text", size: 18, after: 0)
            + paragraphStyle("Footer", "footer", size: 18, after: 0)
            + #"<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/>"#
            + #"<w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>"#
            + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#
            + #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#
            + #"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
            + #"<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/>"#
            + #"<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
            + #"<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
            + #"<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>"#
            + #"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders>"#
            + #"<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>"#
            + "</w:tblPr></w:style></w:styles>"
    }

    static let numbering = OOXML.declaration + "<w:numbering \(OOXML.wordNamespaces)>"
        + #"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>"#
        + #"<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>"#
        + "</w:lvl></w:abstractNum>"
        + #"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
}
