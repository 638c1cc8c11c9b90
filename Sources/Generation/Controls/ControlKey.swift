/// Everything that may change while music plays, named as its flag (`--top-p`), config key (`top-p = 0.9`),
/// and (in later surfaces) MIDI CC target and HTTP field.
///
/// This is the one table of the live controls: each key's type, range, unit, help and default are in ``spec``.
/// Adding a control = a case here, its row in ``spec``, its flag in the CLI's `ControlOptions` (ArgumentParser declares
/// options statically; a test fails when one is missing), and the code that uses it.
public enum ControlKey: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case speed
    case temperature
    case topK = "top-k"
    case topP = "top-p"
    case pause

    public var description: String { rawValue }

    public var spec: ControlSpec {
        switch self {
        case .speed:
            ControlSpec(.number, .closed(0.1, 10), default: 1, unit: "factor",
                        help: "Tempo factor (2 plays twice as fast).")
        case .temperature:
            ControlSpec(.number, .aboveUpTo(0, 5), default: 1, unit: "t",
                        help: "Sampling temperature: lower is safer, higher is wilder.")
        case .topK:
            ControlSpec(.integer, .atLeast(0), default: 0, unit: "k",
                        help: "Sample only among the k most likely tokens; 0 = all.")
        case .topP:
            ControlSpec(.number, .aboveUpTo(0, 1), default: 1, unit: "p",
                        help: "Sample only among the most likely tokens that together hold this probability.")
        case .pause:
            ControlSpec(.number, .closed(0, 3600), default: 2, unit: "seconds",
                        help: "Seconds of silence between pieces.")
        }
    }
}

/// One row of the controls table.
public struct ControlSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A finite real number.
        case number
        /// A whole number.
        case integer
    }

    public var kind: Kind
    public var bounds: Bounds
    public var defaultValue: Double
    /// What the value counts, for help (`--speed <factor>`).
    public var unit: String
    /// One line, without range or default (``helpLine`` adds them).
    public var help: String

    init(_ kind: Kind, _ bounds: Bounds, default defaultValue: Double, unit: String, help: String) {
        self.kind = kind
        self.bounds = bounds
        self.defaultValue = defaultValue
        self.unit = unit
        self.help = help
    }

    /// The help with the range: "Sampling temperature: lower is safer, higher is wilder. In (0, 5]."
    public var helpLine: String { help + " In \(bounds)." }
}
