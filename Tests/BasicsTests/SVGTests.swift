import Basics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `XMLEscape`, `SVGElement` and `SVGDocument`: exact markup, and text that an XML parser reads back unchanged.
struct SVGTests {
    @Test func attributeEscaping() {
        #expect(XMLEscape.attribute(#"a & b < c > "d" 'e'"#) == "a &amp; b &lt; c &gt; &quot;d&quot; 'e'")
        #expect(XMLEscape.attribute("tab\tline\nreturn\r") == "tab&#9;line&#10;return&#13;")
        #expect(XMLEscape.attribute("#f2f2f2 100% rgb(1,2,255) é") == "#f2f2f2 100% rgb(1,2,255) é")
    }

    @Test func textEscaping() {
        #expect(XMLEscape.text(#"<b> & "q""#) == #"&lt;b&gt; &amp; "q""#)
        #expect(XMLEscape.text("two\nlines\r") == "two\nlines&#13;")
    }

    /// Control characters XML cannot carry become U+FFFD instead of making the file unreadable.
    @Test func controlCharactersAreReplaced() {
        #expect(XMLEscape.text("a\u{0}b\u{1B}c") == "a\u{FFFD}b\u{FFFD}c")
        #expect(XMLEscape.attribute("\u{1}") == "\u{FFFD}")
    }

    /// A title and an attribute full of markup characters survive a trip through an XML parser.
    @Test func parserReadsBackTheText() throws {
        let text = #"Bach & <Sons> "live" 'take 2'"# + "\tend\r\nnext"
        var svg = SVGDocument(width: 10, height: 10)
        svg.add(SVGElement("text", ["data-name": text], text: text))
        let document = try XMLDocument(data: Data(svg.markup.utf8))
        let element = try #require(document.rootElement()?.elements(forName: "text").first)
        // (FoundationXML's `attribute(forName:)` gave nil here on Linux although the attribute is there; look through them all.)
        #expect(element.attributes?.first { $0.name == "data-name" }?.stringValue == text)
        #expect(element.stringValue == text)
    }

    @Test func elementForms() {
        #expect(SVGElement("rect", ["x": "1", "fill": "white"]).markup == #"<rect x="1" fill="white"/>"#)
        #expect(SVGElement("text", ["y": "2"], text: "C4").markup == #"<text y="2">C4</text>"#)
        #expect(SVGElement("g", children: [SVGElement("a"), SVGElement("b")]).markup == "<g>\n<a/>\n<b/>\n</g>")
        #expect(SVGElement("g", children: []).markup == "<g>\n</g>")
    }

    /// Attributes come out in the order given (dictionaries would shuffle them, and the files would churn).
    @Test func attributeOrderIsKept() {
        let names = ["z", "a", "m", "b", "y", "c"]
        let element = SVGElement("e", ["z": "1", "a": "2", "m": "3", "b": "4", "y": "5", "c": "6"])
        #expect(element.attributes.map(\.name) == names)
        #expect(element.markup == #"<e z="1" a="2" m="3" b="4" y="5" c="6"/>"#)
    }

    @Test func documentLines() {
        var svg = SVGDocument(width: 720, height: 400, ["font-family": "sans-serif", "font-size": "12"])
        svg.add(SVGElement("title", text: "t"))
        svg.add(SVGElement("line"), SVGElement("text", text: "label"))
        #expect(svg.markup == """
            <svg xmlns="http://www.w3.org/2000/svg" width="720" height="400" font-family="sans-serif" font-size="12">
            <title>t</title>
            <line/><text>label</text>
            </svg>

            """)
    }
}
