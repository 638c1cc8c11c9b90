import Foundation

/// A JSON string literal; control characters (and DEL) escaped, everything else as is. It is also a valid TOML
/// basic string, which is how the config printer uses it.
///
/// One spelling for every JSON this project prints by hand (`yamg midi dump --json`, `yamg stats --json`,
/// `yamg encode --json`) and for the quoted strings of `yamg perform --print-config`.
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
