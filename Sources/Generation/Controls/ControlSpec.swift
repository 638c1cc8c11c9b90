/// One row of the controls table.
public struct ControlSpec: Sendable {
    public enum Kind: String, Sendable, Equatable {
        /// A finite real number inside ``ControlSpec/bounds``.
        case number
        /// A whole number inside ``ControlSpec/bounds``.
        case integer
        /// One of ``ControlSpec/choices``.
        case choice
        /// A ``KeyChoice``: off, auto or a key name.
        case key
        /// A ``PitchRange``: `LOW-HIGH`.
        case pitchRange = "pitch-range"
    }

    public var kind: Kind
    /// The range of a number or integer; nil for the other kinds.
    public var bounds: Bounds?
    /// The words a choice takes, or the names a key takes (for pickers; a key also accepts other spellings).
    public var choices: [String]?
    public var defaultValue: ControlValue
    /// What the value counts, for help (`--speed <factor>`).
    public var unit: String
    /// One line, without range or default (``helpLine`` adds them).
    public var help: String

    init(kind: Kind, bounds: Bounds? = nil, default defaultValue: ControlValue, unit: String, choices: [String]? = nil, help: String) {
        self.kind = kind
        self.bounds = bounds
        self.choices = choices
        self.defaultValue = defaultValue
        self.unit = unit
        self.help = help
    }

    static func number(_ bounds: Bounds, default value: Double, unit: String, help: String) -> ControlSpec {
        ControlSpec(kind: .number, bounds: bounds, default: .number(value), unit: unit, help: help)
    }

    static func integer(_ bounds: Bounds, default value: Double, unit: String, help: String) -> ControlSpec {
        ControlSpec(kind: .integer, bounds: bounds, default: .number(value), unit: unit, help: help)
    }

    /// Whether the value is a number (``Kind/number`` or ``Kind/integer``).
    public var isNumeric: Bool { bounds != nil }

    /// The help with the range or the choices: "Sampling temperature: lower is safer, higher is wilder. In (0, 5]."
    public var helpLine: String {
        switch kind {
        case .number, .integer: help + " In \(bounds!)."
        case .choice: help + " One of " + choices!.joined(separator: ", ") + "."
        case .key, .pitchRange: help
        }
    }
}
