import Basics
import Foundation
import Testing

/// `jsonString`: the exact spellings (the JSON outputs and the TOML printer depend on them) and that any text
/// reads back unchanged.
struct JSONStringTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"C:\path"#, #""C:\\path""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("del\u{7F}", #""del\u007f""#),
        ("/", #""/""#),  // not escaped
        ("é ♩ 🎹 \u{80} \u{2028}", "\"é ♩ 🎹 \u{80} \u{2028}\""),  // non-ASCII, C1 controls and U+2028 as they are
    ])
    func spelling(text: String, literal: String) {
        #expect(jsonString(text) == literal)
    }

    /// Every ASCII character, some non-ASCII, and a combining sequence: a JSON parser gives back the same text.
    @Test func readsBackUnchanged() throws {
        let ascii = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        for text in [ascii, "é ♩ 🎹 \u{80}\u{9F} \u{2028}\u{2029} e\u{301}", ""] {
            let decoded = try JSONDecoder().decode([String].self, from: Data(("[" + jsonString(text) + "]").utf8))
            #expect(decoded == [text])
        }
    }
}
