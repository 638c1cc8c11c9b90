import CALSA
import Foundation
import MIDIFile
import Synchronization

/// The musician's way in: port `in` of client `yamg` (writable and subscribable, so `aconnect KEYBOARD yamg:in`
/// works too), the keyboards `--listen` names subscribed to it, and the decoding of what arrives into
/// ``InputEvent``s pushed into an ``InputQueue``.
///
/// Devices come and go while it plays: a `--listen` target that is not there yet is subscribed when the system
/// announces a new port that it names; one that vanishes is logged once (a notice, not an error) and subscribed
/// again when it comes back. Everything here runs on the client's ``SequencerReader`` thread and never blocks:
/// decode, push (dropped and counted when the queue is full), done.
final class SequencerInput: Sendable {
    /// One `--listen` target: as the user wrote it, and the port it is subscribed to now (nil: not there).
    private struct Target {
        var text: String
        var address: (client: Int32, port: Int32)?
    }

    private struct Handle: @unchecked Sendable { let seq: OpaquePointer }

    let port: Int32
    let queue: InputQueue
    private let handle: Handle
    private let clock: @Sendable () -> Double
    private let targets: Mutex<[Target]>

    /// Subscribes each of `listen` that exists now to `port` (and the system's announcements, so the others are
    /// subscribed when they appear). `clock` gives the session time an event arrived.
    init(seq: OpaquePointer, port: Int32, listen: [String], queue: InputQueue, clock: @escaping @Sendable () -> Double) {
        handle = Handle(seq: seq)
        self.port = port
        self.queue = queue
        self.clock = clock
        targets = Mutex(listen.map { Target(text: $0) })
        if !listen.isEmpty {
            _ = snd_seq_connect_from(seq, port, yamg_seq_client_system(), yamg_seq_port_system_announce())
        }
        subscribeMissing(first: true)
    }

    /// The targets subscribed now, as "NAME (client:port)".
    var subscribed: [String] {
        targets.withLock { $0.compactMap { t in t.address.map { "\(t.text) (\($0.client):\($0.port))" } } }
    }

    /// Routes one event that arrived at `in` (on the reader's thread).
    func take(_ event: UnsafePointer<snd_seq_event_t>) {
        let type = yamg_seq_ev_type(event)
        if yamg_seq_ev_source_client(event) == yamg_seq_client_system() {
            switch type {
            case yamg_seq_event_port_start(), yamg_seq_event_client_start(): subscribeMissing(first: false)
            case yamg_seq_event_port_exit(), yamg_seq_event_client_exit():
                let client = Int32(yamg_seq_ev_addr_client(event)), port = Int32(yamg_seq_ev_addr_port(event))
                vanished(client: client, port: type == yamg_seq_event_client_exit() ? nil : port)
            default: break
            }
            return
        }
        if let input = Self.decode(event, time: clock()) { queue.push(input) }
    }

    /// An ALSA event as an ``InputEvent``, or nil for what a musician's input does not carry (subscriptions, …).
    static func decode(_ event: UnsafePointer<snd_seq_event_t>, time: Double) -> InputEvent? {
        let type = yamg_seq_ev_type(event)
        switch type {
        case yamg_seq_event_noteon(), yamg_seq_event_noteoff():
            let pitch = U7(truncating: yamg_seq_ev_note_key(event)), velocity = U7(truncating: yamg_seq_ev_note_velocity(event))
            let channel = U4(truncating: yamg_seq_ev_note_channel(event))
            let on = type == yamg_seq_event_noteon() && velocity > 0
            return InputEvent(time: time, on ? .noteOn(pitch: pitch, velocity: velocity) : .noteOff(pitch: pitch), channel: channel)
        case yamg_seq_event_controller():
            return InputEvent(time: time, .control(controller: U7(truncating: yamg_seq_ev_control_param(event)),
                                                   value: U7(truncating: yamg_seq_ev_control_value(event))),
                              channel: U4(truncating: yamg_seq_ev_control_channel(event)))
        case yamg_seq_event_pgmchange():
            return InputEvent(time: time, .program(U7(truncating: yamg_seq_ev_control_value(event))),
                              channel: U4(truncating: yamg_seq_ev_control_channel(event)))
        case yamg_seq_event_clock(): return InputEvent(time: time, .clock)
        case yamg_seq_event_start(): return InputEvent(time: time, .start)
        case yamg_seq_event_stop(): return InputEvent(time: time, .stop)
        case yamg_seq_event_continue(): return InputEvent(time: time, .continue)
        case yamg_seq_event_sysex(): return InputEvent(time: time, .sysexDropped(bytes: Int(yamg_seq_ev_ext_len(event))))
        default: return nil
        }
    }

    /// Subscribes every target that is not subscribed and names a port that exists now.
    private func subscribeMissing(first: Bool) {
        let seq = handle.seq
        targets.withLock { targets in
            for i in targets.indices where targets[i].address == nil {
                var address = snd_seq_addr_t()
                guard snd_seq_parse_address(seq, &address, targets[i].text) >= 0 else {
                    if first { queue.notice("listen \(targets[i].text): not there yet; subscribed when it appears") }
                    continue
                }
                let result = snd_seq_connect_from(seq, port, Int32(address.client), Int32(address.port))
                // A number ("129:0") parses whether or not that client exists yet: the kernel refuses it then.
                if [EINVAL, ENOENT, ENXIO, ENODEV].contains(-result) {
                    if first { queue.notice("listen \(targets[i].text): not there yet; subscribed when it appears") }
                    continue
                }
                // -EBUSY: already subscribed (someone ran aconnect): it plays into `in` all the same.
                guard result >= 0 || result == -EBUSY else {
                    queue.notice("listen \(targets[i].text): cannot subscribe: \(ALSAError.text(result))")
                    continue
                }
                targets[i].address = (Int32(address.client), Int32(address.port))
                queue.notice("listening to \(targets[i].text) (\(address.client):\(address.port))")
            }
        }
    }

    /// A client (`port` nil) or port left: its targets are logged once and wait for it to come back.
    private func vanished(client: Int32, port: Int32?) {
        targets.withLock { targets in
            for i in targets.indices {
                guard let address = targets[i].address, address.client == client, port == nil || address.port == port else { continue }
                targets[i].address = nil
                queue.notice("listen \(targets[i].text) (\(address.client):\(address.port)) is gone; "
                             + "subscribed again when it comes back")
            }
        }
    }
}
