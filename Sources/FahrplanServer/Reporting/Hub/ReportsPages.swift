extension MunicipalityPage {
    /// `/m/:m/reports/…`: the reports hub and the committee report (page, print view, DOCX download).
    enum ReportsPage: String, FixedPages {
        case overview = ""
        case committee
        case committeePrint = "committee/print"
        case committeeDOCX = "committee/docx"
    }
}
