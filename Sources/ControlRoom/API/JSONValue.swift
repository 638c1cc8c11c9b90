import Basics

/// A JSON document built in code and written in one deterministic spelling (keys in the order given, numbers as
/// short as they read back: `0.5`, `40`), which is what the API's answers and the WebSocket's messages are.
enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
    static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    /// Seconds to the millisecond (event times), which keeps the stream short.
    static func seconds(_ value: Double) -> JSONValue { .number((value * 1000).rounded() / 1000) }

    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value): out += Self.number(value)
        case .string(let value): out += jsonString(value)
        case .array(let values):
            out += "["
            for (i, value) in values.enumerated() {
                if i > 0 { out += "," }
                value.write(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                out += jsonString(key)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    /// `40`, `0.5`, `1e-05`; JSON has no infinity or NaN: those are `null`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }
}
