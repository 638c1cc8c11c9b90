/// One element of an SVG picture: a name, attributes in the order given, and text, child elements or nothing.
/// Values are escaped when written, so callers pass plain text; numbers are formatted by the caller, who knows
/// the precision the picture needs.
public struct SVGElement: Sendable {
    public enum Content: Sendable {
        /// `<name …/>`
        case empty
        /// `<name …>text</name>`
        case text(String)
        /// `<name …>`, each child on its own line, `</name>`
        case children([SVGElement])
    }

    public var name: String
    public var attributes: [(name: String, value: String)]
    public var content: Content

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], content: Content = .empty) {
        self.name = name
        self.attributes = attributes.map { (name: $0.key, value: $0.value) }
        self.content = content
    }

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
        self.init(name, attributes, content: .text(text))
    }

    public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [SVGElement]) {
        self.init(name, attributes, content: .children(children))
    }

    /// The element as markup, without a trailing newline.
    public var markup: String {
        let start = Self.startTag(name, attributes)
        switch content {
        case .empty: return start + "/>"
        case .text(let text): return start + ">" + XMLEscape.text(text) + "</\(name)>"
        case .children(let children): return start + ">\n" + children.map { $0.markup + "\n" }.joined() + "</\(name)>"
        }
    }

    /// `<name a="…" b="…"`, left open for `>` or `/>`.
    static func startTag(_ name: String, _ attributes: [(name: String, value: String)]) -> String {
        "<" + name + attributes.map { " \($0.name)=\"\(XMLEscape.attribute($0.value))\"" }.joined()
    }
}
