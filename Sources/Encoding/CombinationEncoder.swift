import MIDIFile

/// Notes → one combination per frame: the pitches sounding in it, each struck or held.
///
/// A note covers the frames from its rounded start to its rounded end (at least one frame). With
/// attack marks a pitch is struck in its first frame, so a re-struck key stays two notes; without
/// them (the original design) consecutive notes of a pitch merge into one.
public enum CombinationEncoder {
    public static func encode(_ notes: [Note], framesPerSecond fps: Double, attackMarks: Bool = true) -> [Combination] {
        var spans: [(on: Int, off: Int, pitch: UInt8)] = []
        spans.reserveCapacity(notes.count)
        var frameCount = 0
        for n in notes {
            let on = Int((n.start * fps).rounded())
            let off = max(on + 1, Int((n.end * fps).rounded()))
            spans.append((on, off, n.pitch))
            frameCount = max(frameCount, off)
        }
        var frames = [Combination](repeating: .silence, count: frameCount)
        frames.withUnsafeMutableBufferPointer { frames in
            for s in spans {
                let bit: UInt128 = 1 << UInt128(s.pitch)
                for f in s.on..<s.off { frames[f].sounding |= bit }
                if attackMarks { frames[s.on].struck |= bit }
            }
        }
        return frames
    }
}
