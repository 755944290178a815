/// A page part whose type the page does not know: a lower capability leaves a slot that a higher one fills
/// (e.g. the decisions shown on a project's profile), and templates see the part's own fields.
struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) { self.value = value }

    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
