import CFluidSynth
import Foundation
import MIDIFile

/// What a render produced: its length and level (over the float samples, before conversion to 16 bits).
public struct RenderStats: Sendable, Equatable {
    public var seconds: Double
    public var frames: Int
    /// Root mean square over both channels, in [-1, 1] units.
    public var rms: Double
    /// Largest absolute sample; above 1 means the WAV was clipped.
    public var peak: Double
}

/// Why a render failed; each description names the file or value at fault.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case soundfont(path: String)
    case synth(String)
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        case .soundfont(let path): "FluidSynth could not load the soundfont \(path) (is it an .sf2/.sf3 file?)"
        case .synth(let message): "FluidSynth: \(message)"
        case .write(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}

/// Renders timed MIDI events to a stereo 16-bit PCM WAV through FluidSynth, as fast as the CPU allows
/// (no audio driver: the synth is pulled for samples between events).
///
/// Each `render` builds and frees its own synth, so the value holds no C state and renders are independent;
/// the cost is loading the soundfont each time (0.2–0.45 s for FluidR3).
public struct WAVRenderer: Sendable {
    public let soundfont: String
    public let sampleRate: Double
    public let gain: Float
    /// The General MIDI program set on every channel the events use (the drum channel 10 keeps its kit).
    public let program: U7

    /// FluidSynth renders in blocks of this many frames and applies events only between blocks.
    static let blockFrames = 64

    // FluidSynth's log handlers are process-wide: set them once (a static `let` runs exactly once, thread-safely).
    private static let quiet: Void = yamg_fluid_set_quiet()

    /// Checks the parameters and that `soundfont` starts like an SF2/SF3 file; it is loaded by `render`.
    public init(soundfont: String, sampleRate: Double = 44100, gain: Float = 0.5, program: U7 = 0) throws(RenderError) {
        // FluidSynth's own ranges for synth.sample-rate and synth.gain; outside them it silently clamps.
        guard (8000...96000).contains(sampleRate) else { throw .invalid("sample rate \(sampleRate) is outside 8000–96000 Hz") }
        guard (0...10).contains(gain) else { throw .invalid("gain \(gain) is outside 0–10") }
        // Checking the RIFF form type here fails early on a wrong file, and keeps FluidSynth's DLS loader
        // (libinstpatch, which logs through glib, past our quiet log handler) from ever seeing it.
        guard Soundfont.isSoundfontFile(soundfont) else {
            throw .soundfont(path: soundfont)
        }
        self.soundfont = soundfont
        self.sampleRate = sampleRate
        self.gain = gain
        self.program = program
    }

    /// Renders `events` (sorted here by time; equal times keep their order) and `tail` seconds after the last one
    /// into a WAV at `path`, written atomically through `path + ".tmp"`.
    ///
    /// Each event lands on the 64-frame block boundary nearest its time (±0.73 ms at 44.1 kHz): FluidSynth cannot
    /// start a voice inside a block, and rounding (rather than waiting for the next block) keeps the error unbiased.
    public func render(_ events: [TimedEvent], tail: Double = 1.0, to path: String) throws(RenderError) -> RenderStats {
        guard tail >= 0, tail.isFinite else { throw .invalid("tail \(tail) must be a finite number of seconds ≥ 0") }
        guard events.allSatisfy({ $0.time.isFinite }) else { throw .invalid("an event has a non-finite time") }
        let ordered = events.enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        let end = max(0, ordered.last?.time ?? 0) + tail
        let totalFrames = Int((end * sampleRate).rounded())
        guard totalFrames <= (Int(UInt32.max) - 36) / 4 else { throw .invalid("\(end) s is too long for a WAV file") }

        let temporary = path + ".tmp"
        do throws(RenderError) {
            var output = try WAVStream(path: temporary, sampleRate: Int(sampleRate))
            let stats = try withSynth { synth throws(RenderError) in
                try renderFrames(ordered, totalFrames: totalFrames, synth: synth, into: &output)
            }
            try output.finish()
            guard rename(temporary, path) == 0 else {
                throw RenderError.write(path: path, reason: String(cString: strerror(errno)))
            }
            return stats
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Runs `body` with a fresh synth holding the soundfont; frees the synth and its settings however `body` ends.
    private func withSynth<T>(_ body: (OpaquePointer) throws(RenderError) -> T) throws(RenderError) -> T {
        Self.quiet
        guard let settings = new_fluid_settings() else { throw .synth("cannot create settings") }
        defer { delete_fluid_settings(settings) }
        // lock-memory would mlock the whole soundfont (148 MB for FluidR3): pointless offline, and often refused.
        guard fluid_settings_setnum(settings, "synth.sample-rate", sampleRate) == FLUID_OK,
              fluid_settings_setnum(settings, "synth.gain", Double(gain)) == FLUID_OK,
              fluid_settings_setint(settings, "synth.lock-memory", 0) == FLUID_OK
        else { throw .synth("cannot apply settings") }
        guard let synth = new_fluid_synth(settings) else { throw .synth("cannot create a synthesizer") }
        defer { delete_fluid_synth(synth) }
        guard fluid_synth_sfload(synth, soundfont, 1) != FLUID_FAILED else { throw .soundfont(path: soundfont) }
        return try body(synth)
    }

    private func renderFrames(_ events: [TimedEvent], totalFrames: Int, synth: OpaquePointer,
                              into output: inout WAVStream) throws(RenderError) -> RenderStats {
        for channel in Set(events.map(\.channel)) where channel != 9 {
            fluid_synth_program_change(synth, Int32(channel), Int32(program))
        }
        let chunkFrames = 4096
        var buffer = [Float](repeating: 0, count: chunkFrames * 2)
        var rendered = 0, sumOfSquares = 0.0, peak: Float = 0

        func render(until frame: Int) throws(RenderError) {
            while rendered < frame {
                let count = min(chunkFrames, frame - rendered)
                try buffer.withUnsafeMutableBufferPointer { (samples) throws(RenderError) in
                    // Interleaved stereo: left at even indices, right at odd ones, as the WAV stores them.
                    fluid_synth_write_float(synth, Int32(count), samples.baseAddress, 0, 2, samples.baseAddress, 1, 2)
                    let block = UnsafeBufferPointer(rebasing: samples[0..<(count * 2)])
                    for sample in block {
                        sumOfSquares += Double(sample * sample)
                        peak = max(peak, abs(sample))
                    }
                    try output.append(block)
                }
                rendered += count
            }
        }

        let block = Double(Self.blockFrames)
        for event in events {
            let frame = Int((max(0, event.time) * sampleRate / block).rounded()) * Self.blockFrames
            try render(until: min(frame, totalFrames))
            // Return codes are ignored: a note-off for a note not sounding, or a channel above 16, fails harmlessly.
            let channel = Int32(event.channel)
            switch event.kind {
            case .noteOn(let pitch, let velocity): fluid_synth_noteon(synth, channel, Int32(pitch), Int32(velocity))
            case .noteOff(let pitch): fluid_synth_noteoff(synth, channel, Int32(pitch))
            case .control(let controller, let value): fluid_synth_cc(synth, channel, Int32(controller), Int32(value))
            case .program(let program): fluid_synth_program_change(synth, channel, Int32(program))
            }
        }
        try render(until: totalFrames)
        let samples = Double(max(1, totalFrames * 2))
        return RenderStats(seconds: Double(totalFrames) / sampleRate, frames: totalFrames,
                           rms: (sumOfSquares / samples).squareRoot(), peak: Double(peak))
    }
}

/// A 16-bit stereo PCM WAV written as it is rendered: a placeholder header first, the real sizes at `finish`.
private struct WAVStream {
    let path: String
    let handle: FileHandle
    let sampleRate: Int
    var frames = 0

    init(path: String, sampleRate: Int) throws(RenderError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw .write(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        self.handle = handle
        self.sampleRate = sampleRate
        try write(header())
    }

    /// Appends interleaved stereo floats, clamped to [-1, 1] and scaled by 32767 (symmetric; no dither, so silence
    /// stays exactly 0).
    mutating func append(_ samples: UnsafeBufferPointer<Float>) throws(RenderError) {
        let pcm = samples.map { Int16((min(1, max(-1, $0)) * 32767).rounded()).littleEndian }
        try write(pcm.withUnsafeBytes { Data($0) })
        frames += samples.count / 2
    }

    func finish() throws(RenderError) {
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: header())
            try handle.close()
        } catch {
            throw .write(path: path, reason: "\(error)")
        }
    }

    private func write(_ data: Data) throws(RenderError) {
        do { try handle.write(contentsOf: data) } catch { throw .write(path: path, reason: "\(error)") }
    }

    /// The 44-byte RIFF/WAVE header: a `fmt ` chunk (PCM, 2 channels, 16 bits) and the `data` chunk's size.
    private func header() -> Data {
        let dataBytes = UInt32(frames * 4)
        var bytes = Data()
        func put(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }
        func put32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        func put16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        put("RIFF"); put32(36 + dataBytes); put("WAVE")
        put("fmt "); put32(16); put16(1); put16(2); put32(UInt32(sampleRate)); put32(UInt32(sampleRate * 4)); put16(4); put16(16)
        put("data"); put32(dataBytes)
        return bytes
    }
}
