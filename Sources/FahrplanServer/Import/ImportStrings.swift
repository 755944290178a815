import FahrplanCore
import Foundation

extension Strings {
    /// Texts of the import pages.
    static let importTable: [String: (String, String)] = [
        "import.title": ("Projekte importieren", "Import projects"),
        "import.intro": ("Laden Sie eine Projektliste als CSV-Datei hoch, wie Excel sie speichert („CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“). Sie sehen zuerst eine Vorschau mit allen Fehlern; gespeichert wird erst, wenn Sie bestätigen – dann alle Zeilen auf einmal oder keine.",
                         "Upload a project list as a CSV file as Excel saves it (“CSV UTF-8” or “CSV (comma delimited)”). You first see a preview with every problem; nothing is saved until you confirm – then all rows at once or none."),
        "import.rules": ("Pflichtspalten: Titel und Fachdienst. Zeilen mit einer vorhandenen Kennung ändern dieses Projekt; Spalten, die in der Datei fehlen, bleiben dabei unverändert. Zeilen ohne Kennung werden neue Projekte. Formeln werden nicht übernommen.",
                         "Required columns: Titel (title) and Fachdienst (department). Rows with an existing Kennung (code) update that project; columns missing from the file keep their values. Rows without a code become new projects. Formulas are not imported."),
        "import.template": ("Vorlage herunterladen (CSV)", "Download the template (CSV)"),
        "import.file": ("CSV-Datei", "CSV file"),
        "import.fileHint": ("Höchstens 20 MB und 50.000 Zeilen. Excel-Arbeitsmappen (.xlsx) bitte zuerst als CSV speichern.", "At most 20 MB and 50,000 rows. Please save Excel workbooks (.xlsx) as CSV first."),
        "import.paste": ("… oder den Inhalt hier einfügen", "… or paste the content here"),
        "import.pasteHint": ("Zellen aus Excel kopieren und einfügen (mit Kopfzeile).", "Copy the cells from Excel and paste them (with the header row)."),
        "import.check": ("Prüfen und Vorschau zeigen", "Check and preview"),
        "import.noFile": ("Bitte eine Datei auswählen oder Inhalt einfügen.", "Please choose a file or paste the content."),
        "import.preview": ("Vorschau des Imports", "Import preview"),
        "import.previewIntro": ("Noch ist nichts gespeichert.", "Nothing has been saved yet."),
        "import.fileName": ("Datei", "File"),
        "import.rows": ("Zeilen", "Rows"),
        "import.created": ("neu", "new"),
        "import.updated": ("geändert", "updated"),
        "import.unchanged": ("unverändert", "unchanged"),
        "import.errors": ("Fehler", "Errors"),
        "import.warnings": ("Hinweise", "Warnings"),
        "import.counts": ("Ergebnis der Prüfung", "Result of the check"),
        "import.report": ("Prüfbericht", "Validation report"),
        "import.row": ("Zeile", "Row"),
        "import.column": ("Spalte", "Column"),
        "import.value": ("Wert", "Value"),
        "import.problem": ("Problem", "Problem"),
        "import.severity.error": ("Fehler", "Error"),
        "import.severity.warning": ("Hinweis", "Warning"),
        "import.more": ("weitere Meldungen – alle zeigt der Import auf der Kommandozeile („fahrplan import projects … --dry-run“).", "more messages – the command line shows all of them (“fahrplan import projects … --dry-run”)."),
        "import.hasErrors": ("Die Datei enthält Fehler. Bitte korrigieren Sie sie und laden Sie die Datei erneut hoch; es wird nichts gespeichert.", "The file has errors. Please correct them and upload the file again; nothing will be saved."),
        "import.confirm": ("Import bestätigen", "Confirm import"),
        "import.confirmHint": ("Alle Zeilen werden in einem Schritt gespeichert.", "All rows are saved in one step."),
        "import.again": ("Andere Datei hochladen", "Upload another file"),
        "import.done": ("Import abgeschlossen", "Import complete"),
        "import.nothing": ("Keine Änderungen: Alle Projekte der Datei sind schon so gespeichert.", "No changes: every project in the file is already stored like this."),
    ]
}

/// The words of an import report: one message per problem, in German or English, with the cell it is about
/// ("Zeile 14, Spalte Beginn: '31.02.2027' ist kein gültiges Datum.").
enum ImportMessages {
    /// Where and what, in one line, as the CLI prints it and the API lists it.
    static func line(_ problem: ImportProblem, _ language: Language) -> String {
        let location = self.location(problem, language)
        return (location.isEmpty ? "" : location + ": ") + message(problem, language)
    }

    /// "Zeile 14, Spalte Beginn" (empty for problems of the whole file).
    static func location(_ problem: ImportProblem, _ language: Language) -> String {
        let de = language == .de
        let row = problem.row.map { (de ? "Zeile " : "Row ") + String($0) }
        let column = problem.column.map { (de ? "Spalte " : row == nil ? "Column " : "column ") + $0 }
        return [row, column].compactMap { $0 }.joined(separator: ", ")
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 10 ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }

    /// What is wrong, naming the cell's value where that helps.
    static func message(_ problem: ImportProblem, _ language: Language) -> String {
        let de = language == .de
        let v = "'\(problem.value ?? "")'"
        switch problem.kind {
        case .file(let error): return file(error, de)
        case .csv(let error): return csv(error, de)
        case .noRows: return de ? "Die Datei enthält keine Projekte, nur eine Kopfzeile." : "The file has no projects, only a header row."
        case .missingColumn:
            return de ? "Pflichtspalte fehlt (Titel und Fachdienst sind Pflicht; auch „Projekttitel“, „Amt“ oder „Organisationseinheit“ werden erkannt)."
                      : "Required column missing (Titel/Title and Fachdienst/Department are required)."
        case .duplicateColumn(let other):
            return de ? "Meint dieselbe Spalte wie „\(other)“ – bitte eine der beiden entfernen." : "Means the same column as “\(other)” – please remove one of them."
        case .unknownColumn: return de ? "Unbekannte Spalte – sie wird ignoriert." : "Unknown column – it is ignored."
        case .formula:
            return de ? "\(v) ist eine Tabellenformel. Formeln werden aus Sicherheitsgründen nicht importiert – bitte den Wert als Text eintragen."
                      : "\(v) is a spreadsheet formula. Formulas are not imported, for safety – please enter the value as text."
        case .number(let error): return number(error, v, de)
        case .date(let error): return date(error, v, de)
        case .invalidChoice(let allowed):
            return de ? "\(v) ist keine zulässige Angabe. Möglich: \(allowed.joined(separator: ", "))."
                      : "\(v) is not an allowed value. Possible: \(allowed.joined(separator: ", "))."
        case .effortEntry:
            return de ? "\(v) hat nicht die Form „Einheit Jahr: VZÄ“, z. B. „IT 2027: 0,5; 32 2028: 1“."
                      : "\(v) is not of the form “unit year: FTE”, e.g. “IT 2027: 0,5; 32 2028: 1”."
        case .unknownReference(.department):
            return de ? "\(v) ist keine Organisationseinheit dieser Kommune (Kürzel oder Name)." : "\(v) is no organisational unit of this municipality (code or name)."
        case .unknownReference(.strategyElement):
            return de ? "\(v) ist kein Handlungsfeld, Ziel oder Programm dieser Kommune (Kürzel oder Titel)."
                      : "\(v) is no field of action, goal or program of this municipality (code or title)."
        case .unknownReference(.project):
            return de ? "\(v) ist weder ein Projekt dieser Kommune noch eine Zeile dieser Datei (Kennung oder Titel)."
                      : "\(v) is neither a project of this municipality nor a row of this file (code or title)."
        case .duplicateCode(let first):
            return de ? "Die Kennung \(v) steht schon in Zeile \(first)." : "The code \(v) already appears in row \(first)."
        case .archivedProject:
            return de ? "Das Projekt \(v) ist archiviert; ein Import ändert es nicht. Bitte erst wiederherstellen oder die Zeile entfernen."
                      : "The project \(v) is archived; an import does not change it. Please restore it first or remove the row."
        case .field(let kind):
            let text = Strings.problem(FieldProblem(problem.column ?? "", kind), language)
            if kind == .required || problem.value == nil || problem.value?.isEmpty == true { return text }
            return "\(v): \(text)"
        }
    }

    private static func file(_ error: SpreadsheetTextError, _ de: Bool) -> String {
        switch error {
        case .tooLarge(let bytes, let limit):
            return de ? "Die Datei ist zu groß (\(megabytes(bytes)) MB, höchstens \(megabytes(limit)) MB)." : "The file is too large (\(megabytes(bytes)) MB, at most \(megabytes(limit)) MB)."
        case .workbook(let format):
            let name = format == .ods ? "OpenDocument-Tabelle (.ods)" : format == .xls ? "Excel-Arbeitsmappe (.xls)" : "Excel-Arbeitsmappe (.xlsx)"
            return de ? "Das ist eine \(name), keine CSV-Datei. Bitte in Excel „Datei › Speichern unter › CSV UTF-8 (durch Trennzeichen getrennt)“ wählen und diese Datei hochladen."
                      : "This is a workbook (\(format.rawValue)), not a CSV file. Please choose “File › Save as › CSV UTF-8 (comma delimited)” in Excel and upload that file."
        case .nulByte, .controlCharacters:
            return de ? "Die Datei ist keine Textdatei (CSV), sondern binär." : "The file is not a text (CSV) file but binary."
        case .malformedUTF8(let offset):
            return de ? "Die Datei ist als UTF-8 gekennzeichnet, enthält ab Byte \(offset) aber ungültige Zeichen." : "The file is marked as UTF-8 but has invalid characters from byte \(offset)."
        case .malformedUTF16(let offset):
            return de ? "Die Datei ist als UTF-16 gekennzeichnet, enthält ab Byte \(offset) aber ungültige Zeichen." : "The file is marked as UTF-16 but has invalid characters from byte \(offset)."
        }
    }

    private static func csv(_ error: CSVError, _ de: Bool) -> String {
        switch error {
        case .noHeader: return de ? "Die Datei ist leer: keine Kopfzeile gefunden." : "The file is empty: no header row found."
        case .unterminatedQuote:
            return de ? "Ein Anführungszeichen wird hier geöffnet und nie geschlossen; der ganze Rest der Datei wäre eine Zelle."
                      : "A quote opens here and is never closed; the whole rest of the file would be one cell."
        case .tooManyRows(let limit, _):
            return de ? "Zu viele Zeilen: höchstens \(limit) Projekte je Datei. Nichts wurde gelesen." : "Too many rows: at most \(limit) projects per file. Nothing was read."
        case .fieldTooLong(_, _, let length, let limit):
            return de ? "Eine Zelle ist zu lang (\(length) Zeichen, höchstens \(limit))." : "A cell is too long (\(length) characters, at most \(limit))."
        case .tooManyCells(_, let cells, let columns):
            return de ? "Die Zeile hat \(cells) Zellen, die Kopfzeile aber nur \(columns) Spalten." : "The row has \(cells) cells, but the header only \(columns) columns."
        }
    }

    private static func number(_ error: LocaleNumberError, _ v: String, _ de: Bool) -> String {
        switch error {
        case .empty, .notANumber: return de ? "\(v) ist keine Zahl (z. B. 1.234,56)." : "\(v) is not a number (e.g. 1234.56)."
        case .negative: return de ? "\(v) ist negativ; Kosten und Personal sind nie negativ." : "\(v) is negative; costs and staff are never negative."
        case .tooPrecise(_, let decimals): return de ? "\(v) hat mehr als \(decimals) Nachkommastellen." : "\(v) has more than \(decimals) decimal places."
        case .tooLarge: return de ? "\(v) ist zu groß." : "\(v) is too large."
        }
    }

    private static func date(_ error: CalendarDayError, _ v: String, _ de: Bool) -> String {
        switch error {
        case .empty, .unrecognised: return de ? "\(v) ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)." : "\(v) is not a date (DD.MM.YYYY or YYYY-MM-DD)."
        case .invalidDate: return de ? "\(v) ist kein gültiges Datum." : "\(v) is not a valid date."
        case .yearOutOfRange(_, let year, let range):
            return de ? "\(v): das Jahr \(year) liegt nicht zwischen \(range.lowerBound) und \(range.upperBound)." : "\(v): the year \(year) is not between \(range.lowerBound) and \(range.upperBound)."
        }
    }
}
