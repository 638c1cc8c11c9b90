import Dispatch
import Encoding
import MIDIFile
import NeuralNet

/// What steering costs a token, for `yamg bench generate`: the time of ``Steering/shape(_:into:time:)`` plus the
/// ``Steering/observe(_:)`` of what the token sounded, over rows of random logits, with every steering control on
/// (key C soft, register C2-C6, density 6, polyphony 4, dynamics −10, and the ``TempoHold`` measuring each note
/// struck) and with every one off. Before steering existed the sampler read the logits as they were, so the "on"
/// time is what steering adds to a token.
public struct SteeringBenchmark: Sendable {
    /// Mean microseconds per token, every steering control on.
    public var steeredMicroseconds: Double
    /// Mean microseconds per token, every steering control off (the logits still pass through the still bias).
    public var unsteeredMicroseconds: Double
    /// A sum of shaped logits, so that the timed work is used.
    public var checksum: Float = 0

    public static func run(vocabulary: Vocabulary, tokens: Int = 20_000) -> SteeringBenchmark {
        var on = Controls(), off = Controls()
        try! on.set(.key, text: "C")
        try! on.set(.register, text: "C2-C6")
        try! on.set(.density, 6)
        try! on.set(.polyphony, 4)
        try! on.set(.dynamics, -10)
        try! off.set(.key, text: "off")
        var result = SteeringBenchmark(steeredMicroseconds: 0, unsteeredMicroseconds: 0)
        // Taking turns in blocks, so a noisy machine weighs on both alike.
        let blocks = 10
        for block in 0..<blocks {
            let steered = time(Steering(vocabulary: vocabulary, controls: on), holdingTempo: true, tokens: tokens / blocks,
                               seed: UInt64(block))
            let unsteered = time(Steering(vocabulary: vocabulary, controls: off), holdingTempo: false, tokens: tokens / blocks,
                                 seed: UInt64(block))
            result.steeredMicroseconds += steered.microseconds
            result.unsteeredMicroseconds += unsteered.microseconds
            result.checksum += steered.checksum + unsteered.checksum
        }
        result.steeredMicroseconds /= Double(blocks)
        result.unsteeredMicroseconds /= Double(blocks)
        return result
    }

    /// Mean microseconds of shaping a row and observing a note every fourth token (a note-on, its note-off later).
    private static func time(_ steering: Steering, holdingTempo: Bool, tokens: Int, seed: UInt64)
        -> (microseconds: Double, checksum: Float) {
        var steering = steering
        var hold = TempoHold(), struck = 0.0
        let V = steering.vocabularySize
        var rng = RNG(seed: seed)
        let rows = 16
        let logits = (0..<rows * V).map { _ in rng.nextFloat() * 8 - 4 }
        var shaped = [Float](repeating: 0, count: V)
        var sink: Float = 0
        let start = DispatchTime.now().uptimeNanoseconds
        logits.withUnsafeBufferPointer { l in
            shaped.withUnsafeMutableBufferPointer { s in
                for i in 0..<tokens {
                    let time = Double(i) * 0.04
                    steering.shape(l.baseAddress! + (i % rows) * V, into: s.baseAddress!, time: time)
                    sink += s[i % V].isFinite ? s[i % V] : 0
                    if i % 4 == 0 {
                        let pitch = U7(clamping: 48 + i % 24)
                        let event = i % 8 == 0 ? TimedEvent(time: time, .noteOn(pitch: pitch, velocity: 80))
                            : TimedEvent(time: time, .noteOff(pitch: U7(clamping: 48 + (i - 4) % 24)))
                        steering.observe([event][...])
                        if holdingTempo && i % 8 == 0 {
                            struck += 0.1 + Double(i % 24) / 240  // intervals of 0.1-0.2 s: a pace that keeps changing
                            hold.onset(at: struck)
                            sink += Float(hold.stretch)
                        }
                    }
                }
            }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
        return (elapsed / Double(tokens), sink)
    }
}
