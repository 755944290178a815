extension MunicipalityPage {
    /// `/m/:m/versions/…`: the list (GET; POST takes a version), the form, the comparison of two versions
    /// (`?from=&to=`, version ids) and what changed since the last version.
    enum StrategyVersionsPage: String, FixedPages {
        case list = ""
        case new, diff
        case sinceLast = "since-last"
    }

    /// `/m/:m/versions/:version`: one version's snapshot.
    enum StrategyVersionPage: String, FixedPages {
        case show = ""
    }
}

/// `/api/v1/strategy-versions/…` (`StrategyVersionAPIController`).
enum StrategyVersionsEndpoint: String, FixedPages {
    case list = ""
    case diff
    case sinceLast = "since-last"
}
