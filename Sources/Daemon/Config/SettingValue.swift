import TOMLKit

/// Why a value cannot go into a setting ("1.5 is not in (0, 1]", "expected a number, got \"x\""); ``ConfigError`` adds where it came from.
struct InvalidValue: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A value on its way into a setting: the text of a flag, or a value read from a TOML file.
///
/// Flags and files meet here so that both go through the same checks: a flag's text is parsed into the type the key
/// wants (`"1.5"` becomes 1.5), a file's value must already have that type (`top-p = "1.5"` is an error, as TOML
/// typed it a string). A file's integer is accepted where a number is wanted (`gain = 1`).
enum SettingValue: Sendable, Equatable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SettingValue])
    /// A table, date or time, by its name ("a table"): no key takes one.
    case other(String)

    init(_ toml: TOMLValueConvertible) {
        switch toml.type {
        case .bool: self = .bool(toml.bool ?? false)
        case .int: self = .int(toml.int ?? 0)
        case .double: self = .double(toml.double ?? 0)
        case .string: self = .string(toml.string ?? "")
        case .array: self = .array((toml.array.map { Array($0) } ?? []).map { SettingValue($0) })
        case .table: self = .other("a table")
        case .date: self = .other("a date")
        case .time: self = .other("a time")
        case .dateTime: self = .other("a date-time")
        }
    }

    /// The value as the user wrote it, for "got …": TOML's spelling for a file's value, the quoted text of a flag.
    var shown: String {
        switch self {
        case .text(let text): TOMLText.quoted(text)
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .double(let value): TOMLText.number(value)
        case .string(let value): TOMLText.quoted(value)
        case .array(let values): "[" + values.map(\.shown).joined(separator: ", ") + "]"
        case .other(let name): name
        }
    }

    func bool() throws(InvalidValue) -> Bool {
        switch self {
        case .bool(let value): return value
        case .text("true"): return true
        case .text("false"): return false
        default: throw InvalidValue("expected true or false, got \(shown)")
        }
    }

    func integer() throws(InvalidValue) -> Int {
        switch self {
        case .int(let value): return value
        case .text(let text): if let value = Int(text) { return value }
        default: break
        }
        throw InvalidValue("expected an integer, got \(shown)")
    }

    /// A finite number: `nan` and `inf` are never a sensible setting.
    func number() throws(InvalidValue) -> Double {
        let value: Double?
        switch self {
        case .int(let int): value = Double(int)
        case .double(let double): value = double
        case .text(let text): value = Double(text)
        default: value = nil
        }
        guard let value, value.isFinite else { throw InvalidValue("expected a number, got \(shown)") }
        return value
    }

    /// A non-empty string.
    func string() throws(InvalidValue) -> String {
        switch self {
        case .text(let text), .string(let text):
            guard !text.isEmpty else { throw InvalidValue("must not be empty") }
            return text
        default: throw InvalidValue("expected a string, got \(shown)")
        }
    }

    /// One of `choices` (by their raw values).
    func choice<C: CaseIterable & RawRepresentable>(_: C.Type) throws(InvalidValue) -> C where C.RawValue == String {
        let names = C.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .text(let text) = self.asText, let value = C(rawValue: text) else {
            throw InvalidValue("must be one of \(names), got \(shown)")
        }
        return value
    }

    /// A 64-bit unsigned integer: a file's integer (TOML integers stop at 2^63 - 1) or, for larger values, a
    /// string of digits (`seed = "18446744073709551615"`).
    func unsigned64() throws(InvalidValue) -> UInt64 {
        switch self {
        case .int(let value) where value >= 0: return UInt64(value)
        case .int: throw InvalidValue("must be 0 or more, got \(shown)")
        case .text(let text), .string(let text):
            if let value = UInt64(text) { return value }
        default: break
        }
        throw InvalidValue("expected an integer from 0 to \(UInt64.max), got \(shown)")
    }

    /// A list of strings: a file's array of strings or a single string, or a flag's text (one element).
    func stringList() throws(InvalidValue) -> [String] {
        switch self {
        case .text, .string: return [try string()]
        case .array(let values):
            var strings: [String] = []
            for value in values {
                guard case .string(let string) = value else {
                    throw InvalidValue("expected an array of strings, got \(shown)")
                }
                strings.append(string)
            }
            return strings
        default: throw InvalidValue("expected a string or an array of strings, got \(shown)")
        }
    }

    /// A file's string as a flag's text, so that choices read the same from both.
    private var asText: SettingValue {
        if case .string(let string) = self { return .text(string) }
        return self
    }
}
