extension String {
    /// The text on one line, for a message that quotes what a user or a peer sent: control characters (newlines,
    /// tabs, escape sequences) are written as Swift escapes (`\n`, `\t`, `\u{1B}`), so the message stays one line
    /// and shows what was sent.
    public var oneLine: String {
        var out = ""
        out.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            guard scalar.properties.generalCategory == .control else { out.unicodeScalars.append(scalar); continue }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }
}
