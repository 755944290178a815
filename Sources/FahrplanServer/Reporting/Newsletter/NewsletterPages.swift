extension MunicipalityPage {
    /// `/m/:m/newsletter/…`: the issues, a new draft, the Atom feed of published issues (members).
    enum NewslettersPage: String, FixedPages {
        case list = ""
        case new
        case feed = "feed.atom"
    }

    /// `/m/:m/newsletter/:newsletter/…`: one issue, its draft form, publishing, the e-mail renderings.
    enum NewsletterPage: String, FixedPages {
        case show = ""
        case edit, publish
        /// A self-contained HTML document with inline styles for mail clients.
        case html
        /// Plain text, lines of at most 72 characters.
        case txt
    }
}
