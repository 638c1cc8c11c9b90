import Basics

/// TOML spellings of the values `--print-config` writes and error messages quote.
enum TOMLText {
    /// A TOML basic string: `"…"` with `"`, `\` and control characters escaped, so any text reads back unchanged
    /// (a JSON string literal with control characters escaped is one).
    static func quoted(_ text: String) -> String { jsonString(text) }

    /// A finite number as a TOML float: Swift's shortest round-tripping spelling ("0.5", "1.0", "1e-05", "1e+16")
    /// is valid TOML and reads back to the same `Double`.
    static func number(_ value: Double) -> String { value.description }

    /// A bare key if the name allows one, else a quoted key.
    static func key(_ name: String) -> String {
        let bare = !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
        return bare ? name : quoted(name)
    }
}
