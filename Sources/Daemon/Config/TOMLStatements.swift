/// The top-level statements of a TOML document with their line numbers, which TOMLKit does not report.
///
/// Used only on text TOMLKit has already parsed, so it can be lenient: it reads each statement's key (bare,
/// `"basic"` or `'literal'`, possibly dotted) or table header, and skips values — strings of all four kinds,
/// arrays and inline tables over several lines, comments — only to keep the line count right.
struct TOMLStatement: Equatable {
    enum Kind: Equatable {
        /// `name = value`; `dotted` for `name.more = value`, which makes `name` a table.
        case key(dotted: Bool)
        /// `[name…]` or `[[name…]]`.
        case tableHeader
    }

    /// The first segment of the key or header, unquoted.
    let name: String
    let kind: Kind
    /// 1-based.
    let line: Int
    /// Every segment of the key or header, unquoted (`[controls.midi]` is `["controls", "midi"]`).
    var path: [String] = []

    init(name: String, kind: Kind, line: Int, path: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.line = line
        self.path = path ?? [name]
    }

    static func scan(_ text: String) -> [TOMLStatement] {
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.statements()
    }
}

private struct Scanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    mutating func statements() -> [TOMLStatement] {
        var found: [TOMLStatement] = []
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): advance()
            case UInt8(ascii: "#"): skipLine()
            case UInt8(ascii: "["):
                let start = line
                while current == UInt8(ascii: "[") { advance() }
                skipBlanks()
                let segments = key()
                found.append(TOMLStatement(name: segments[0], kind: .tableHeader, line: start, path: segments))
                skipLine()
            default:
                let start = line
                let segments = key()
                found.append(TOMLStatement(name: segments[0], kind: .key(dotted: segments.count > 1), line: start, path: segments))
                skipBlanks()
                if current == UInt8(ascii: "=") { advance() }
                skipValue()
            }
        }
        return found
    }

    /// A key's segments (one for a plain key, more for a dotted one).
    mutating func key() -> [String] {
        var segments = [segment()]
        skipBlanks()
        while current == UInt8(ascii: ".") {
            advance()
            skipBlanks()
            segments.append(segment())
            skipBlanks()
        }
        return segments
    }

    mutating func segment() -> String {
        switch current {
        case UInt8(ascii: "\""): return basicString()
        case UInt8(ascii: "'"): return literalString()
        default:
            var name: [UInt8] = []
            while let byte = current, isBareKeyByte(byte) {
                name.append(byte)
                advance()
            }
            return String(decoding: name, as: UTF8.self)
        }
    }

    func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// Skips a value up to the end of its last line (arrays and inline tables may span lines).
    mutating func skipValue() {
        var depth = 0
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""): _ = basicString()
            case UInt8(ascii: "'"): _ = literalString()
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; advance()
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1; advance()
            case UInt8(ascii: "#"): skipLine(keepingNewline: true)
            case UInt8(ascii: "\n"):
                advance()
                if depth <= 0 { return }
            default: advance()
            }
        }
    }

    /// A `"…"` or `"""…"""` string starting at the current quote, decoded (escapes resolved) for keys.
    mutating func basicString() -> String {
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        if multiline { advance(); advance(); advance() } else { advance() }
        var out = ""
        var raw: [UInt8] = []
        func flush() { out += String(decoding: raw, as: UTF8.self); raw.removeAll() }
        while let byte = current {
            if byte == UInt8(ascii: "\\") {
                advance()
                guard let escaped = current else { break }
                flush()
                advance()
                switch escaped {
                case UInt8(ascii: "n"): out += "\n"
                case UInt8(ascii: "t"): out += "\t"
                case UInt8(ascii: "r"): out += "\r"
                case UInt8(ascii: "b"): out += "\u{08}"
                case UInt8(ascii: "f"): out += "\u{0C}"
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escaped == UInt8(ascii: "u") ? 4 : 8
                    var hex: [UInt8] = []
                    while hex.count < count, let digit = current { hex.append(digit); advance() }
                    if let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16),
                       let scalar = Unicode.Scalar(value) { out.unicodeScalars.append(scalar) }
                default: out += String(UnicodeScalar(escaped))  // \" \\ and a line-ending backslash's newline
                }
            } else if byte == UInt8(ascii: "\"") {
                if !multiline { advance(); break }
                if peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"") {
                    advance(); advance(); advance()
                    while current == UInt8(ascii: "\"") { advance() }  // """" or """"": quotes before the closing three
                    break
                }
                raw.append(byte); advance()
            } else {
                if byte == UInt8(ascii: "\n") && !multiline { break }
                raw.append(byte); advance()
            }
        }
        flush()
        return out
    }

    /// A `'…'` or `'''…'''` string (no escapes).
    mutating func literalString() -> String {
        let multiline = peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'")
        if multiline { advance(); advance(); advance() } else { advance() }
        var raw: [UInt8] = []
        while let byte = current {
            if byte == UInt8(ascii: "'") {
                if !multiline { advance(); break }
                if peek(1) == UInt8(ascii: "'") && peek(2) == UInt8(ascii: "'") {
                    advance(); advance(); advance()
                    while current == UInt8(ascii: "'") { advance() }
                    break
                }
            } else if byte == UInt8(ascii: "\n") && !multiline {
                break
            }
            raw.append(byte); advance()
        }
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func skipBlanks() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { advance() }
    }

    /// Skips to the next line; `keepingNewline` leaves the newline for the caller, which decides what it ends.
    mutating func skipLine(keepingNewline: Bool = false) {
        while let byte = current, byte != UInt8(ascii: "\n") { advance() }
        if !keepingNewline, current != nil { advance() }
    }
}
