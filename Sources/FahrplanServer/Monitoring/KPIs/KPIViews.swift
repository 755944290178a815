import FahrplanCore

/// What the KPI templates render; labels are decided in `KPIPageBuilder`, so the templates stay simple.
struct KPIListPage: Encodable {
    struct Row: Encodable {
        var name: String
        var url: String
        var goal: String
        var unit: String
        var latest: String
        var progress: String
        var trend: String
        var stale: String?
    }

    var chrome: Chrome
    var heading: String
    var newURL: String?
    var rollupURL: String
    var rows: [Row]?
    var canManageAny: Bool
}

struct KPIFormPage: Encodable {
    struct Values: Encodable {
        var name = "", unit = "", baseline = "", baselineOn = "", target = "", targetOn = ""
        var version = ""
    }

    var chrome: Chrome
    var heading: String
    var action: String
    var cancelURL: String
    var values: Values
    var goals: [Option]
    var directions: [Option]
    var cadences: [Option]
    var owners: [Option]
    var projects: [Option]
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
}

struct KPIDetailPage: Encodable {
    struct Fact: Encodable {
        var label: String
        var value: String
    }

    struct Measurement: Encodable {
        var day: String
        var value: String
        var note: String
        var source: String
        var trend: String
    }

    struct Values: Encodable {
        var measuredOn = "", value = "", unit = "", note = ""
    }

    var chrome: Chrome
    var name: String
    var listURL: String
    var editURL: String?
    var goalURL: String
    var goalTitle: String
    var facts: [Fact]
    var progress: String
    var trend: String
    var stale: String?
    var chart: String
    var measurements: [Measurement]?
    var measurementAction: String?
    var uploadAction: String?
    var values: Values
    var problems: [ProblemLine]?
    var fieldErrors: [String: String]
    var notice: String?
}

struct KPIRollupPage: Encodable {
    struct Line: Encodable {
        var name: String
        var url: String?
        var progress: String
        var explanation: String
    }

    struct Field: Encodable {
        var line: Line
        var goals: [Line]
    }

    var chrome: Chrome
    var listURL: String
    var strategy: Line
    var fields: [Field]
}
