import MIDIFile

/// Notes → performance tokens: NOTE_ON/NOTE_OFF at times quantized to 10 ms, TIME_SHIFTs between them,
/// and a VELOCITY token before a note-on whose velocity bin differs from the last one.
///
/// Absolute times are quantized, not the gaps between events, so rounding never accumulates over a
/// long piece. A note shorter than 10 ms is lengthened to 10 ms (so its note-off cannot come first).
public enum PerformanceEncoder {
    public static let stepsPerSecond = 100.0
    public static let maxShiftSteps = 100
    public static let velocityBins = 32

    /// The bin of a MIDI velocity: 4 velocities per bin.
    public static func bin(ofVelocity v: UInt8) -> Int { min(velocityBins - 1, Int(v) / 4) }
    /// The velocity a bin decodes to: the middle of its range (2, 6, …, 126).
    public static func velocity(ofBin b: Int) -> UInt8 { UInt8(b * 4 + 2) }

    /// The tokens of `notes` (sorted or not; at most one sounding per pitch, as `PianoNotes` gives them).
    public static func encode(_ notes: [Note]) -> [Token] {
        // (step, order, pitch, velocity): note-offs (order 0) before note-ons (order 1) at the same step.
        var events: [(step: Int, order: Int, pitch: UInt8, velocity: UInt8)] = []
        events.reserveCapacity(notes.count * 2)
        let byPitch = notes.sorted { ($0.pitch, $0.start) < ($1.pitch, $1.start) }
        let step = { (t: Double) in Int((t * stepsPerSecond).rounded()) }
        for (i, n) in byPitch.enumerated() {
            let on = step(n.start)
            var off = max(on + 1, step(n.end))
            if i + 1 < byPitch.count, byPitch[i + 1].pitch == n.pitch {
                let next = step(byPitch[i + 1].start)
                if next <= on { continue }
                off = min(off, next)
            }
            events.append((on, 1, n.pitch, n.velocity))
            events.append((off, 0, n.pitch, 0))
        }
        events.sort { ($0.step, $0.order, $0.pitch) < ($1.step, $1.order, $1.pitch) }
        var tokens: [Token] = []
        tokens.reserveCapacity(events.count * 2)
        var now = 0
        var lastBin = -1
        for e in events {
            while e.step > now {
                let shift = min(maxShiftSteps, e.step - now)
                tokens.append(.timeShift(shift))
                now += shift
            }
            if e.order == 0 {
                tokens.append(.noteOff(e.pitch))
            } else {
                let b = bin(ofVelocity: e.velocity)
                if b != lastBin {
                    tokens.append(.velocity(velocity(ofBin: b)))
                    lastBin = b
                }
                tokens.append(.noteOn(e.pitch))
            }
        }
        return tokens
    }
}
