import FahrplanCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation

@Suite("Reporting: committee report as DOCX (Office Open XML)")
struct ReportingDOCXTests {
    typealias F = ReportingFixtures

    /// Every entry of the package by path, unpacked with ZIPFoundation.
    static func unzip(_ data: Data) throws -> [String: Data] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [String: Data] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts[entry.path] = bytes
        }
        return parts
    }

    /// Parses one XML part with Foundation's XMLParser: well-formed or an error; collects the text of `w:t`
    /// elements (one string per element), every element name, and the attributes of a few elements.
    final class PartReader: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var elements: [String] = []
        var attributes: [String: [String: String]] = [:]
        private var inText = false
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            elements.append(name)
            if attributes.count > 0 && ["w:pgSz", "w:pgMar", "w:footerReference"].contains(name) { self.attributes[name] = attributes }
            if name == "w:t" || name == "dc:title" || name == "dcterms:created" || name == "w:instrText" { inText = true; current = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if inText { texts.append(current); inText = false }
        }

        static func read(_ data: Data) throws -> PartReader {
            let parser = XMLParser(data: data)
            let reader = PartReader()
            parser.delegate = reader
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
            return reader
        }
    }

    static func info(english: Bool = false) -> ReportDocumentInfo {
        ReportDocumentInfo(municipality: "Musterstadt", createdOn: F.day("2026-07-15"), english: english)
    }

    @Test("a package of well-formed parts: content types, relationships, A4 pages, page numbers in the footer, properties")
    func package() throws {
        let report = CommitteeReport.assemble(F.committeeInput())
        let parts = try Self.unzip(try CommitteeReportDOCX.data(report, info: Self.info()))
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
                                    "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml",
                                    "word/numbering.xml", "word/settings.xml", "word/footer1.xml"])
        var readers: [String: PartReader] = [:]
        for (path, data) in parts { readers[path] = try PartReader.read(data) }

        let document = try #require(readers["word/document.xml"])
        #expect(document.attributes["w:pgSz"]?["w:w"] == "11906" && document.attributes["w:pgSz"]?["w:h"] == "16838")
        #expect(document.attributes["w:footerReference"]?["r:id"] == "rIdFooter1")
        #expect(document.elements.filter { $0 == "w:tbl" }.count == 7)  // 3 + 1 + 1 project tables, KPIs, budget
        let text = Set(document.texts)
        for expected in ["Bericht an den Digitalisierungsausschuss", "Musterstadt", "Projekte nach Handlungsfeld", "Verwaltung",
                         "Bildung", "Ohne Handlungsfeld", "Umgesetzt", "In Umsetzung", "Geplant", "Kennzahlen", "Budget",
                         "Entscheidungen", "Hindernisse", "P-01", "Projekt P-01", "31.03.2026", "Abnahme", "P-04", "rot",
                         "50 %", "Beschlossen", "Priorisiert", "01.10.2026", "Online-Anteil", "50 %", "+25 Pkt.",
                         "150.000 €", "360.000 €", "90.000 € (1)", "47 %", "Gesamt", "Berichtszeitraum: 01.01.2026 – 30.06.2026"] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(document.texts.contains { $0.contains("Rangfolge 2026") })
        #expect(document.texts.contains { $0.contains("Lieferant insolvent") })
        #expect(document.texts.contains("Termine: Termine red"))

        let footer = try #require(readers["word/footer1.xml"])
        #expect(footer.texts.contains(" PAGE ") && footer.texts.contains(" NUMPAGES "))
        #expect(footer.texts.contains("Seite "))
        let core = try #require(readers["docProps/core.xml"])
        #expect(core.texts == ["Bericht an den Digitalisierungsausschuss", "2026-07-15T00:00:00Z"])
        let types = String(decoding: parts["[Content_Types].xml"]!, as: UTF8.self)
        #expect(types.contains("wordprocessingml.document.main+xml"))
    }

    @Test("English words, and the same report gives the same bytes")
    func englishAndDeterministic() throws {
        let report = CommitteeReport.assemble(F.committeeInput())
        let data = try CommitteeReportDOCX.data(report, info: Self.info(english: true))
        #expect(try CommitteeReportDOCX.data(report, info: Self.info(english: true)) == data)
        let document = try PartReader.read(try #require(Self.unzip(data)["word/document.xml"]))
        for expected in ["Report to the digitalisation committee", "Implemented", "In progress", "Planned next", "red",
                         "Key performance indicators", "€150,000", "Total", "Planned", "47%", "50%"] {
            #expect(document.texts.contains(expected), "\(expected)")
        }
    }

    @Test("hostile text: control characters, ]]>, markup, quotes, direction marks, U+FFFF — every part stays well-formed")
    func hostile() throws {
        let evil = "A\u{0}B\u{1}C\u{8}D\u{B}E\u{C}F\u{1B}G\u{7F}H\u{85}I\u{FFFE}J\u{FFFF}K ]]> <w:p>&amp;\"'<!-- x -->"
            + " \u{200F}عربى\u{200E} \u{202E}RTL override\u{202C} 😀\tTab\nZeile"
        var input = F.committeeInput()
        input.fields[0].name = evil
        input.projects[0].project.title = evil
        input.projects[3].reports[0].obstacles = evil
        input.decisions[1].summary = evil
        let report = CommitteeReport.assemble(input)
        let info = ReportDocumentInfo(municipality: evil, title: evil, createdOn: F.day("2026-07-15"))
        let parts = try Self.unzip(try CommitteeReportDOCX.data(report, info: info))
        for (path, data) in parts { _ = try PartReader.read(data); #expect(!data.isEmpty, "\(path)") }
        let document = try PartReader.read(parts["word/document.xml"]!)
        let cleaned = "ABCDEFGHIJK ]]> <w:p>&amp;\"'<!-- x --> \u{200F}عربى\u{200E} \u{202E}RTL override\u{202C} 😀"
        #expect(document.texts.contains(cleaned))
        #expect(document.texts.contains("Tab") && document.texts.contains("Zeile"))
        #expect(document.elements.contains("w:tab") && document.elements.contains("w:br"))
        // No control character (tabs and line breaks became w:tab and w:br) and no U+FFFF survived in any run.
        #expect(document.texts.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFF } })
        let core = try PartReader.read(parts["docProps/core.xml"]!)
        #expect(core.texts.first?.hasPrefix("ABCDEFGHIJK ]]>") == true)
    }

    @Test("the 2,000-project sample writes a package whose parts all parse")
    func large() throws {
        let report = CommitteeReport.assemble(ReportingSample.committee(projects: 2_000, kpis: 200))
        let parts = try Self.unzip(try CommitteeReportDOCX.data(report, info: Self.info()))
        for (_, data) in parts { _ = try PartReader.read(data) }
        let document = try PartReader.read(parts["word/document.xml"]!)
        #expect(document.texts.contains("P-0001") || document.texts.contains("P-0002"))
    }
}
