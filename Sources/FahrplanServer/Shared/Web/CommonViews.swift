import Foundation

// View pieces that pages of every capability share.

struct Option: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

struct HistoryPage: Encodable {
    var chrome: Chrome
    var heading: String
    var backURL: String?
    var entries: [AuditEntryView]
    var olderURL: String?
}

struct AuditEntryView: Encodable {
    var when: String
    var whenISO: String
    var who: String
    var action: String
    var item: String
    var itemURL: String?
    var changes: [Change]

    struct Change: Encodable {
        var field: String
        var old: String
        var new: String
    }
}
