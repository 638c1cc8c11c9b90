import Basics
import CALSA
import Foundation
import Generation
import Logging
import MIDIFile
import Models
import NeuralNet
import Synchronization

/// `yamg bench respond`: how fast yamg hears a player and answers, with a simulated player on a thread of its own.
///
/// First `accompany` for a while: the player strikes a note every 125 ms, each held 100 ms, and the performer times
/// each note-on from its arrival to its token being in the model's state. Then `respond` (a live mode change): the
/// player plays phrases of 8 notes and waits; the performer times each call's end to the first answering note.
/// `host`: the player pushes into the input queue as the ALSA reader does. `alsa` (needs /dev/snd/seq, e.g. in
/// ../shared/tools/alsa-vm): the player is a second sequencer client sending to `yamg:in`, the whole ALSA path.
public enum RespondBenchmark {
    public enum Path: String, Sendable, CaseIterable {
        case host
        case alsa
    }

    public struct Result: Sendable {
        /// Seconds, sorted.
        public var contextLatencies: [Double]
        public var answerLatencies: [Double]
        public var respondAfter: Double
        public var lateEvents: Int
        public var events: Int
        public var notesPlayed: Int

        public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
        }
    }

    /// `seconds` of accompany, then `phrases` calls answered in respond.
    public static func run(model: String, path: Path, seconds: Double, phrases: Int, respondAfter: Double,
                           threads: Int, seed: UInt64) throws -> Result {
        Parallel.generate(on: threads)
        let (file, network) = try ModelFile.load(model)
        var controls = Controls()
        try controls.set(.mode, text: "accompany")
        try controls.set(.respondAfter, respondAfter)
        try controls.set(.respondLength, 1.5)
        let stream = try TokenStream(model: network, file: file, controls: controls, seed: seed)
        let clock = MonotonicClock()
        let queue = InputQueue()
        var sinks: [Sink] = []
        let send: @Sendable (InputEvent.Kind) -> Void
        var player: SequencerClient?
        switch path {
        case .host:
            send = { kind in queue.push(InputEvent(time: clock.now(), kind)) }
        case .alsa:
            let alsa = try ALSASink()
            let inPort = try alsa.enableInput(listen: [], queue: queue) { clock.now() }
            sinks.append(alsa)
            let client = try SequencerClient(name: "yamg-bench-player")
            let port = try client.createPort(name: "keys", capabilities: SND_SEQ_PORT_CAP_READ | SND_SEQ_PORT_CAP_SUBS_READ,
                                             type: SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION)
            try alsaCheck(snd_seq_connect_to(client.seq, port, alsa.client, inPort), "snd_seq_connect_to(yamg:in)")
            player = client
            let handle = PlayerHandle(seq: client.seq, port: port)
            send = { kind in handle.send(kind) }
        }
        var options = Performer.Options()
        options.seconds = seconds + Double(phrases) * (2.0 + respondAfter + 2.0) + 1
        options.measureInput = true
        options.lookahead = 0.5
        let performer = Performer(stream: stream, sinks: sinks, recorder: nil, clock: clock, options: options, input: queue,
                                  logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() })
        let live = performer.live
        let played = Atomic<Int>(0)
        let thread = Thread {
            var rng = RNG(seed: seed)
            func note(_ at: Double, length: Double) {
                clock.sleep(until: at)
                let pitch = U7(truncating: 55 + rng.nextInt(24))
                send(.noteOn(pitch: pitch, velocity: 80))
                played.add(1, ordering: .relaxed)
                clock.sleep(until: at + length)
                send(.noteOff(pitch: pitch))
            }
            var t = 0.5
            while t < seconds { note(t, length: 0.1); t += 0.125 }
            try? live.change(from: "bench") { try $0.set(.mode, text: "respond") }
            t += 0.5
            for _ in 0..<phrases {
                for _ in 0..<8 { note(t, length: 0.2); t += 0.25 }
                t += respondAfter + 2.0
            }
        }
        thread.start()
        let report = try performer.run()
        withExtendedLifetime(player) {}
        return Result(contextLatencies: report.contextLatencies.sorted(), answerLatencies: report.answerLatencies.sorted(),
                      respondAfter: respondAfter, lateEvents: report.lateEvents, events: report.events,
                      notesPlayed: played.load(ordering: .relaxed))
    }

    /// The simulated player's client and port, sending at once (direct) to its subscriber, yamg:in.
    private struct PlayerHandle: @unchecked Sendable {
        let seq: OpaquePointer
        let port: Int32

        func send(_ kind: InputEvent.Kind) {
            let timed: TimedEvent? = switch kind {
            case .noteOn(let pitch, let velocity): TimedEvent(time: 0, .noteOn(pitch: pitch, velocity: velocity))
            case .noteOff(let pitch): TimedEvent(time: 0, .noteOff(pitch: pitch))
            default: nil
            }
            guard var event = timed?.sequencerEvent(port: port) else { return }
            yamg_seq_ev_set_direct(&event)
            _ = snd_seq_event_output_direct(seq, &event)
        }
    }
}
