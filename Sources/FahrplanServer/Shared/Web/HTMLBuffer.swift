import FahrplanCore

/// The long, repeated parts of a page — table rows, long option lists, a report's sections — written as HTML in
/// Swift rather than looped over in Leaf. Leaf resolves every tag of every loop pass against a context encoded from
/// the whole page: in release profiles its serializer and encoder took 37 % of the committee report's request and of
/// the project list's (session 27 and 28), where one buffer written here costs about a hundredth of that. Every
/// text from people goes through `escaped` (as Leaf's `#()` would), so a title with markup stays text; templates
/// place the result with `#unsafeHTML`.
struct HTMLBuffer {
    private(set) var text = ""

    init(capacity: Int = 1_024) { text.reserveCapacity(capacity) }

    /// Markup written here (never people's text).
    mutating func raw(_ markup: String) { text += markup }

    /// People's text and formatted values: `& < > " '` escaped; control characters other than line breaks
    /// dropped (line breaks stay for `pre-line` blocks).
    mutating func escaped(_ value: String) { MarkupEscaping.append(value, to: &text, lineBreaks: .keep) }

    mutating func link(_ url: String, _ label: String) {
        raw("<a href=\""); escaped(url); raw("\">"); escaped(label); raw("</a>")
    }

    /// `<option>`s of a select, the chosen ones marked.
    mutating func options(_ options: [Option]) {
        for option in options {
            raw("<option value=\""); escaped(option.value); raw(option.selected ? "\" selected>" : "\">")
            escaped(option.label); raw("</option>")
        }
    }

    /// `<optgroup>`s with their options.
    mutating func optionGroups(_ groups: [OptionGroup]) {
        for group in groups {
            raw("<optgroup label=\""); escaped(group.label); raw("\">"); options(group.options); raw("</optgroup>")
        }
    }

    static func options(_ options: [Option]) -> String {
        var buffer = HTMLBuffer(capacity: options.count * 64)
        buffer.options(options)
        return buffer.text
    }

    static func optionGroups(_ groups: [OptionGroup]) -> String {
        var buffer = HTMLBuffer(capacity: groups.reduce(0) { $0 + 32 + $1.options.count * 64 })
        buffer.optionGroups(groups)
        return buffer.text
    }
}
