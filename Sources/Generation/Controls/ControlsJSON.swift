import Basics
import Foundation

/// Controls as a JSON object, the shape of the control room's `PATCH /api/controls`: any subset of the keys of the
/// table, each a number or a string (`{"temperature": 0.8, "top-k": 40}`; `"0.8"` works too). Every value becomes
/// text and goes through ``Controls/set(_:text:)``, the check every other surface uses, so a bad value is refused
/// with the same words as a flag or a config line: `key 'temperature': 0 is not in (0, 5]`.
public enum ControlsJSON {
    /// Applies the controls in `json` to `controls`, all or none: on an error `controls` is left as it was.
    /// Returns the keys the object named, in the order of the table.
    public static func apply(_ json: Data, to controls: inout Controls) throws(ControlsJSONError) -> [ControlKey] {
        let object: [String: Value]
        do {
            object = try JSONDecoder().decode([String: Value].self, from: json)
        } catch {
            throw .notAnObject
        }
        var changed = controls
        var keys: [ControlKey] = []
        for name in object.keys.sorted() {
            guard let key = ControlKey(rawValue: name) else { throw .unknownKey(name) }
            switch object[name]! {
            case .text(let text):
                do { try changed.set(key, text: text) } catch { throw .invalid(error) }
            case .other(let kind):
                throw .invalid(ControlError(key: key, reason: "expected a number or a string, got \(kind)"))
            }
            keys.append(key)
        }
        controls = changed
        return ControlKey.allCases.filter(keys.contains)
    }

    /// One value of the object, as the text a user would type, or the JSON kind it wrongly is.
    enum Value: Decodable {
        case text(String)
        case other(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .other("null")
            } else if let flag = try? container.decode(Bool.self) {
                self = .other(String(flag))
            } else if let whole = try? container.decode(Int.self) {
                self = .text(String(whole))
            } else if let number = try? container.decode(Double.self) {
                self = .text(Bounds.short(number))
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if (try? container.decode([Value].self)) != nil {
                self = .other("a list")
            } else {
                self = .other("an object")
            }
        }
    }
}

/// Why a JSON object of controls was refused; one line.
public enum ControlsJSONError: Error, Equatable, CustomStringConvertible {
    /// Not JSON, or JSON but not an object.
    case notAnObject
    case unknownKey(String)
    /// A known key with a value its check refuses (``ControlError``'s own words).
    case invalid(ControlError)

    public var description: String {
        switch self {
        case .notAnObject:
            "expected a JSON object of controls, like {\"temperature\": 0.8}"
        case .unknownKey(let name):
            "unknown control '\(String(name.prefix(64)).oneLine)'; the controls are "
                + ControlKey.allCases.map(\.rawValue).joined(separator: ", ")
        case .invalid(let error):
            error.description
        }
    }
}
