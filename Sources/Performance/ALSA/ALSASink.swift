import CALSA
import Foundation
import MIDIFile
import Synchronization

/// Plays a performance on an ALSA sequencer port: client `yamg`, port `out`, as `aconnect -l` shows it.
///
/// Any DAW or synth can subscribe to `yamg:out` (or be connected with `connect`) and unsubscribe at any time;
/// events go to whoever is subscribed when they are due, and nobody listening is not an error.
/// Timing is the kernel's: every event is scheduled ahead on our own queue at its absolute real time, so our thread
/// waking late never changes when a note sounds — it only has to stay ahead by the lookahead.
public final class ALSASink: Sink {
    public let name: String
    /// Our client and port, e.g. 128 and 0 (`128:0`).
    public let client: Int32
    public let port: Int32
    /// The destinations subscribed at opening, as resolved ("14:0").
    public let connected: [String]

    private let sequencer: SequencerClient
    private let queue: Int32
    private var timeline: QueueTimeline?
    /// The events handed to the kernel queue in the last second and ahead: `silence` replays those that may have
    /// gone out while it cut the queue.
    private var queued: [TimedEvent] = []
    private var probe: SequencerProbe?
    private var input: SequencerInput?
    /// Reads what our writable ports receive (probe, `in`), started by the first of them.
    private var reader: SequencerReader?
    private let routes = Routes()
    private var closed = false

    /// Opens client `clientName` with port `portName` and a queue, and subscribes each of `connect` to the port:
    /// "CLIENT:PORT" ("128:0") or a client name ("Midi Through", "FLUID Synth"; the start of a name is enough).
    /// Throws `.noSequencer` without `/dev/snd/seq`, `.unknownDestination` (listing the writable ports) for a
    /// destination that names nothing.
    public init(clientName: String = "yamg", portName: String = "out", connect: [String] = []) throws(ALSAError) {
        let sequencer = try SequencerClient(name: clientName)
        self.sequencer = sequencer
        client = sequencer.id
        do throws(ALSAError) {
            port = try sequencer.createPort(
                name: portName, capabilities: SND_SEQ_PORT_CAP_READ | SND_SEQ_PORT_CAP_SUBS_READ,
                type: SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION)
            queue = try alsaCheck(snd_seq_alloc_named_queue(sequencer.seq, clientName), "snd_seq_alloc_named_queue")
            var resolved: [String] = []
            for destination in connect {
                guard let address = sequencer.address(of: destination) else {
                    throw ALSAError.unknownDestination(destination, available: sequencer.writablePorts())
                }
                let result = snd_seq_connect_to(sequencer.seq, port, Int32(address.client), Int32(address.port))
                guard result >= 0 else { throw ALSAError.cannotConnect(destination, code: result) }
                resolved.append("\(address.client):\(address.port)")
            }
            connected = resolved
        } catch {
            sequencer.close()
            throw error
        }
        name = "alsa \(clientName):\(portName) (\(client):\(port))"
    }

    deinit { close() }

    /// Starts the queue. Session time `now` is this instant; the queue's time 0 comes a moment later, and that
    /// moment is measured on `CLOCK_MONOTONIC` (the session clock's base) by reading the queue's time back.
    public func start(now: Double) throws(ALSAError) {
        let asked = QueueTimeline.monotonic()
        try alsaCheck(yamg_seq_start_queue(sequencer.seq, queue), "snd_seq_start_queue")
        try alsaCheck(snd_seq_drain_output(sequencer.seq), "snd_seq_drain_output")
        let status = try sequencer.queueStatus(queue)
        timeline = QueueTimeline(origin: now + (status.monotonic - asked) - status.time)
    }

    /// Queues each event at its session time on our queue and hands the batch to the kernel.
    /// Blocks only if the kernel holds 2000 of our events already (far more than seconds of lookahead).
    public func schedule(_ events: [TimedEvent], now: Double) throws(ALSAError) {
        guard let timeline else { preconditionFailure("ALSASink.schedule before start") }
        for event in events {
            var message = event.sequencerEvent(port: port)
            let at = timeline.queueTime(event.time)
            yamg_seq_ev_schedule_real(&message, queue, at.seconds, at.nanoseconds)
            try alsaCheck(snd_seq_event_output(sequencer.seq, &message), "snd_seq_event_output")
        }
        try alsaCheck(snd_seq_drain_output(sequencer.seq), "snd_seq_drain_output")
        queued.removeFirst(queued.prefix { $0.time < now - 1 }.count)
        queued += events
    }

    /// Removes our events still waiting in the queue, then sends at once a note-off for each note left sounding
    /// (`sounding`, and any note-on that went out while we were cutting) and CC 123 (all notes off) on `channels`.
    ///
    /// The queue keeps running while we cut it: a note-on due a moment after `now` may go out before the cut and
    /// lose its note-off with it. Replaying the queued events between `now` and the cut on top of `sounding`
    /// (``SoundingNotes/mayStillSound(after:surelySentBy:)``) finds those notes too.
    public func silence(sounding: [TimedEvent], channels: [U4], now: Double) throws(ALSAError) {
        guard let timeline else { return }  // never started: nothing was sent
        let before = try sequencer.queueStatus(queue).time
        var remove: OpaquePointer?
        try alsaCheck(snd_seq_remove_events_malloc(&remove), "snd_seq_remove_events_malloc")
        defer { snd_seq_remove_events_free(remove) }
        snd_seq_remove_events_set_condition(remove, UInt32(SND_SEQ_REMOVE_OUTPUT))
        snd_seq_remove_events_set_queue(remove, queue)
        try alsaCheck(snd_seq_remove_events(sequencer.seq, remove), "snd_seq_remove_events")
        let after = try sequencer.queueStatus(queue).time
        // The queue's clock can pass an event's time a moment before the kernel dispatches it (a busy machine
        // defers the dispatch), so a note-off counts as surely sent only 50 ms behind that clock: a note-off
        // too many is harmless, a lost one hangs a note.
        let maybeSent = timeline.sessionTime(after)
        let offs = SoundingNotes(after: sounding)
            .mayStillSound(after: queued.filter { $0.time >= now && $0.time <= maybeSent },
                           surelySentBy: timeline.sessionTime(before) - 0.05)
            .noteOffs(at: now)
        queued.removeAll()
        let allChannels = Set(channels).union(offs.map(\.channel)).sorted()
        try sendNow(offs + allChannels.map { TimedEvent(time: now, .control(controller: 123, value: 0), channel: $0) })
    }

    /// Sends `events` at once, one write each. A subscriber that stopped reading (its input full) or just left
    /// makes the kernel report an error for an event the other subscribers did get, and stop the rest of that
    /// write: so each event goes alone, and those errors are not ours.
    private func sendNow(_ events: [TimedEvent]) throws(ALSAError) {
        var failure: Int32?
        for event in events {
            var message = event.sequencerEvent(port: port)
            yamg_seq_ev_set_direct(&message)
            let result = snd_seq_event_output_direct(sequencer.seq, &message)
            if result < 0, ![EAGAIN, ENOSPC, ENOMEM, ENOENT].contains(-result) { failure = failure ?? result }
        }
        if let failure { throw .failed(call: "snd_seq_event_output_direct", code: failure) }
    }

    /// Waits until the queue has sent what it holds (at most `limit` seconds), then stops and frees the queue and
    /// closes the client. Idempotent.
    public func close() { close(waitingAtMost: 10) }

    /// `close()` with a bound on the wait for queued events.
    public func close(waitingAtMost limit: Double) {
        guard !closed else { return }
        closed = true
        let seq = sequencer.seq
        _ = snd_seq_drain_output(seq)
        if timeline != nil {
            let deadline = QueueTimeline.monotonic() + limit
            while let status = try? sequencer.queueStatus(queue), status.events > 0, QueueTimeline.monotonic() < deadline {
                usleep(5_000)
            }
            _ = yamg_seq_stop_queue(seq, queue)
            _ = snd_seq_drain_output(seq)
        }
        reader?.stop()
        _ = snd_seq_free_queue(seq, queue)
        sequencer.close()
    }

    // MARK: Input

    /// Adds port `in` (writable and subscribable: `aconnect KEYBOARD yamg:in`), subscribes each of `listen`
    /// ("CLIENT:PORT" or a client name, as for `connect`; one not there yet is subscribed when it appears) and
    /// starts pushing what arrives into `queue`, stamped with `clock` (session seconds). Returns the port number.
    @discardableResult
    public func enableInput(listen: [String], queue: InputQueue, clock: @escaping @Sendable () -> Double) throws(ALSAError) -> Int32 {
        if let input { return input.port }
        let inPort = try sequencer.createPort(
            name: "in", capabilities: SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE,
            type: SND_SEQ_PORT_TYPE_MIDI_GENERIC | SND_SEQ_PORT_TYPE_APPLICATION)
        let input = SequencerInput(seq: sequencer.seq, port: inPort, listen: listen, queue: queue, clock: clock)
        self.input = input
        routes.withLock { $0.input = input }
        startReader()
        return inPort
    }

    /// The `--listen` targets subscribed now ("Midi Through (14:0)").
    public var listening: [String] { input?.subscribed ?? [] }

    /// Events the kernel dropped because our input buffer was full.
    public var inputOverflows: Int { reader?.overflows.load(ordering: .relaxed) ?? 0 }

    /// Where the reader sends what each port receives.
    private final class Routes: Sendable {
        struct Table: @unchecked Sendable {
            var probe: (port: Int32, probe: SequencerProbe)?
            var input: SequencerInput?
        }
        let table = Mutex(Table())
        func withLock<T>(_ body: (inout Table) -> T) -> T { table.withLock { body(&$0) } }
    }

    private func startReader() {
        guard reader == nil else { return }
        let routes = routes
        reader = SequencerReader(seq: sequencer.seq, name: "yamg alsa input") { event in
            let (probe, input) = routes.withLock { ($0.probe, $0.input) }
            if let probe, yamg_seq_ev_dest_port(event) == probe.port { probe.probe.take(event) } else { input?.take(event) }
        }
    }

    // MARK: Timing probe

    /// Adds the hidden port `probe`, stamping what it receives with our queue's real time, subscribes it to `out`
    /// and starts reading it. Call before `start` so no event is missed.
    ///
    /// What it measures is the queue's own timing: the queue ticks every millisecond (ALSA's default), so an event
    /// goes out up to 1 ms after its time, the same for all events of a regular grid. The stamps are queue time,
    /// which cannot show a timer interrupt that came late (the queue clock lags with it).
    public func enableProbe() throws(ALSAError) {
        guard probe == nil else { return }
        let probePort = try sequencer.createPort(
            name: "probe",
            capabilities: SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE | SND_SEQ_PORT_CAP_NO_EXPORT,
            type: SND_SEQ_PORT_TYPE_APPLICATION, timestampQueue: queue)
        try alsaCheck(snd_seq_connect_to(sequencer.seq, port, client, probePort), "snd_seq_connect_to(probe)")
        let probe = SequencerProbe()
        self.probe = probe
        routes.withLock { $0.probe = (probePort, probe) }
        startReader()
    }

    /// What the probe received so far (also after `close`), in order: each event with the session time the kernel
    /// delivered it (`event.time` is that time too). Note on/off, controllers and program changes, `silence`'s too.
    public func probeDeliveries() -> [(event: TimedEvent, delivered: Double)] {
        guard let probe, let timeline else { return [] }
        return probe.received.map { delivery in
            let delivered = timeline.sessionTime(delivery.delivered)
            var event = delivery.event
            event.time = delivered
            return (event, delivered)
        }
    }
}
