/// Text made safe to put inside XML (and so SVG) markup, so that a title or label with `&`, `<` or quotes in it
/// (a file name, say) still gives a well-formed file whose parser reads back exactly the text given.
public enum XMLEscape {
    /// Character data, between tags: `&`, `<`, `>` as entities, a carriage return as `&#13;` (a parser would
    /// turn a bare one into a line feed).
    public static func text(_ s: String) -> String {
        escape(s, quotes: false)
    }

    /// An attribute value written between double quotes: as `text`, plus `"` as `&quot;` and tab and line feed as
    /// character references (a parser turns bare ones into spaces).
    public static func attribute(_ s: String) -> String {
        escape(s, quotes: true)
    }

    /// Control characters other than tab, line feed and carriage return cannot appear in XML 1.0 at all, not even
    /// as references; they become U+FFFD so the file stays readable.
    private static func escape(_ s: String, quotes: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\r": out += "&#13;"
            case "\"" where quotes: out += "&quot;"
            case "\t" where quotes: out += "&#9;"
            case "\n" where quotes: out += "&#10;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
