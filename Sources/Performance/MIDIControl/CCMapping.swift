import Foundation
import Generation
import MIDIFile

/// One knob or button of a MIDI controller: a control change number (on one channel, or any), what it drives, and
/// how its value 0–127 becomes that target's value.
///
/// - A number control (`temperature`) takes `range` from CC 0 to CC 127, in straight steps, or (``Curve/log``)
///   in equal ratios, which suits `speed`: 0.5 … 2 puts 1 in the middle.
/// - Any other control (`key`, `mode`, `register`) takes one of `values`, spread evenly over 0–127.
/// - An action fires when the value enters `range` (a button's press; `paused` also acts when it leaves it).
///
/// The value becomes text for ``Controls/set(_:text:)``, the one check every surface goes through.
public struct CCMapping: Sendable, Equatable {
    public enum Curve: String, Sendable, CaseIterable { case linear, log }

    public var target: MIDIControlTarget
    public var cc: U7
    /// 1–16, as controllers show it; nil: any channel.
    public var channel: Int?
    /// What CC 0 and CC 127 map to (number controls), or the CC values that count as pressed (actions).
    public var range: ClosedRange<Double>
    /// The steps a non-number control takes; empty for number controls and actions.
    public var values: [String]
    public var curve: Curve

    /// A mapping with `target`'s defaults (``defaultRange(of:)``, ``defaultValues(of:)``) for what is not given.
    public init(_ target: MIDIControlTarget, cc: U7, channel: Int? = nil, range: ClosedRange<Double>? = nil,
                values: [String]? = nil, curve: Curve? = nil) {
        self.target = target
        self.cc = cc
        self.channel = channel
        self.range = range ?? Self.defaultRange(of: target)
        self.values = values ?? Self.defaultValues(of: target)
        self.curve = curve ?? (target == .control(.speed) ? .log : .linear)
    }

    /// Whether a CC message on `channel` (1–16) with number `number` is this mapping's.
    public func matches(channel: Int, cc number: U7) -> Bool {
        number == cc && (self.channel == nil || self.channel == channel)
    }

    /// The control's value for a CC value, as text for ``Controls/set(_:text:)``; nil for an action.
    public func text(for value: U7) -> String? {
        guard case .control(let key) = target else { return nil }
        if !values.isEmpty {
            // Equal slices of 0…127: with 3 values, 0–42, 43–85, 86–127.
            return values[min(values.count - 1, value.int * values.count / 128)]
        }
        let fraction = Double(value.int) / 127
        var number = switch curve {
        case .linear: range.lowerBound + (range.upperBound - range.lowerBound) * fraction
        case .log: range.lowerBound * pow(range.upperBound / range.lowerBound, fraction)
        }
        if key.spec.kind == .integer { number = number.rounded() } else { number = (number * 10_000).rounded() / 10_000 }
        return Bounds.short(number)
    }

    /// Whether a CC value counts as pressed (inside `range`), for an action.
    public func pressed(_ value: U7) -> Bool { range.contains(Double(value.int)) }

    /// A knob's useful span of a number control: the table's bounds are the limits of what is allowed, not what a
    /// knob should sweep (a temperature of 5 is noise). Actions: pressed from 64 up, as a sustain pedal.
    public static func defaultRange(of target: MIDIControlTarget) -> ClosedRange<Double> {
        switch target {
        case .action: return 64...127
        case .control(let key):
            switch key.rawValue {
            case "speed": return 0.5...2
            case "temperature": return 0.1...2
            case "top-k": return 0...100
            case "top-p": return 0.05...1
            case "pause": return 0...30
            case "density": return 0...20
            case "polyphony": return 0...8
            default:
                guard let bounds = key.spec.bounds else { return 0...127 }
                let high = bounds.upper.isFinite ? bounds.upper : bounds.lower + 127
                // An open lower end (0 excluded) starts one step above it.
                let low = bounds.lowerOpen ? bounds.lower + (high - bounds.lower) / 127 : bounds.lower
                return low...high
            }
        }
    }

    /// The steps of a control that is not a number: its choices (`key`: off, auto and the 24 keys; `mode`), or, for
    /// `register`, every pitch then three-octave windows climbing from C1.
    public static func defaultValues(of target: MIDIControlTarget) -> [String] {
        guard case .control(let key) = target else { return [] }
        switch key.spec.kind {
        case .number, .integer: return []
        case .pitchRange: return ["C-1-G9", "C1-C4", "C2-C5", "C3-C6", "C4-C7", "C5-C8"]
        case .choice, .key: return key.spec.choices ?? []
        }
    }
}
