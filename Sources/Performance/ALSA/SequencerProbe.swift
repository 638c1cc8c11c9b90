import CALSA
import Foundation
import MIDIFile
import Synchronization

/// Listens to what our own `out` port sends, stamped by the kernel at delivery, to measure timing
/// (`yamg bench perform`).
///
/// A second port of the sink's client, writable but hidden from other clients (`NO_EXPORT`), subscribed from `out`
/// and stamping each event with our queue's real time as the kernel delivers it (as `arecordmidi` stamps what it
/// records). A thread reads the events and keeps them with their stamps; those stamps, not the moment the thread
/// woke, are the delivery times, so the probe measures the kernel's timing, not ours.
final class SequencerProbe: Sendable {
    /// A received event, `event.time` = `delivered` = queue real time of delivery in seconds.
    struct Delivery: Sendable {
        var event: TimedEvent
        var delivered: Double
    }

    /// `snd_seq_t *`, shared with the sink, which writes while this thread reads (libasound keeps input and
    /// output buffers apart; alsa-vm's `seqtest` reads and writes one client from two threads too).
    private struct Handle: @unchecked Sendable { let seq: OpaquePointer }

    private let handle: Handle
    private let deliveries = Mutex<[Delivery]>([])
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Starts reading events that arrive at the client's input (the probe port is its only writable port).
    init(seq: OpaquePointer) {
        handle = Handle(seq: seq)
        let thread = Thread { [self] in read() }
        thread.name = "yamg alsa probe"
        thread.start()
    }

    /// What has arrived so far, in arrival order.
    var received: [Delivery] { deliveries.withLock { $0 } }

    /// Stops the reading thread and waits for it (before the client closes). Idempotent.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    private func read() {
        defer { finished.signal() }
        let seq = handle.seq
        var fds = [pollfd](repeating: pollfd(), count: 4)
        let count = Int(snd_seq_poll_descriptors(seq, &fds, UInt32(fds.count), Int16(POLLIN)))
        while true {
            // Once stopping, take what has arrived (the sink waited for its queue to empty) and leave.
            let stop = stopping.load(ordering: .acquiring)
            // In blocking mode a read waits for an event: read only what is buffered, or after poll says so.
            if snd_seq_event_input_pending(seq, 0) == 0 {
                guard poll(&fds, nfds_t(count), stop ? 0 : 50) > 0,
                      fds.prefix(count).contains(where: { $0.revents & Int16(POLLIN) != 0 }) else {
                    if stop { break }
                    continue
                }
            }
            var event: UnsafeMutablePointer<snd_seq_event_t>?
            let result = snd_seq_event_input(seq, &event)
            guard result >= 0, let event else { continue }  // -ENOSPC: the kernel's input queue overflowed; go on
            let stamp = yamg_seq_ev_is_real(event) != 0
                ? Double(yamg_seq_ev_sec(event)) + Double(yamg_seq_ev_nsec(event)) * 1e-9 : -1
            if let message = TimedEvent(event, time: stamp) {
                deliveries.withLock { $0.append(Delivery(event: message, delivered: stamp)) }
            }
        }
    }
}
