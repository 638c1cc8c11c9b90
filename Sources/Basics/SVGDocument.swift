/// A whole SVG file: the root `<svg>` with its size and the attributes its elements inherit (fonts), then the
/// elements line by line. A line may hold a few elements that belong together (a tick and its label), which keeps
/// the file easy to read and diff.
public struct SVGDocument: Sendable {
    public var width: Int
    public var height: Int
    public var attributes: [(name: String, value: String)]
    /// The lines added so far, each ending in a newline.
    public private(set) var body = ""

    public init(width: Int, height: Int, _ attributes: KeyValuePairs<String, String> = [:]) {
        self.width = width
        self.height = height
        self.attributes = attributes.map { (name: $0.key, value: $0.value) }
    }

    /// Adds one line holding these elements side by side.
    public mutating func add(_ elements: SVGElement...) {
        add(elements)
    }

    /// Adds one line holding these elements side by side.
    public mutating func add(_ elements: [SVGElement]) {
        body += elements.map(\.markup).joined() + "\n"
    }

    /// The file's text, ending in a newline.
    public var markup: String {
        let root = [(name: "xmlns", value: "http://www.w3.org/2000/svg"), (name: "width", value: String(width)),
                    (name: "height", value: String(height))] + attributes
        return SVGElement.startTag("svg", root) + ">\n" + body + "</svg>\n"
    }
}
