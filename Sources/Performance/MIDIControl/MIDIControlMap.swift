import Generation
import MIDIFile

/// The knobs and buttons of a MIDI controller: the `[controls.midi]` section of the config, or ``standard`` when
/// the section is absent. A target appears at most once; one knob may drive several targets.
public struct MIDIControlMap: Sendable, Equatable {
    public private(set) var mappings: [CCMapping]

    public init(_ mappings: [CCMapping] = []) {
        self.mappings = []
        for mapping in mappings { set(mapping) }
    }

    /// Adds `mapping`, replacing the target's earlier one.
    public mutating func set(_ mapping: CCMapping) {
        mappings.removeAll { $0.target == mapping.target }
        mappings.append(mapping)
    }

    public func mapping(of target: MIDIControlTarget) -> CCMapping? { mappings.first { $0.target == target } }

    /// The mappings a CC message on `channel` (1–16) drives.
    public func mappings(channel: Int, cc: U7) -> [CCMapping] { mappings.filter { $0.matches(channel: channel, cc: cc) } }

    /// The map used when the config has no `[controls.midi]`: the knobs Magenta's MIDI interface offers, on any
    /// channel — temperature on CC 74 (a synth's cutoff knob), tempo (`speed`) on CC 71 (resonance), the `mode` on
    /// CC 76 (when the performance has one), and panic on CC 120 (All Sound Off: every value fires).
    public static var standard: MIDIControlMap {
        var map = MIDIControlMap([
            CCMapping(.control(.temperature), cc: 74),
            CCMapping(.control(.speed), cc: 71),
        ])
        if let mode = ControlKey(rawValue: "mode") { map.set(CCMapping(.control(mode), cc: 76)) }
        map.set(CCMapping(.action(.panic), cc: 120, range: 0...127))
        return map
    }
}
