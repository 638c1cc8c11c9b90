import CALSA
import Foundation
import MIDIFile
import Synchronization

/// Listens to what our own `out` port sends, stamped by the kernel at delivery, to measure timing
/// (`yamg bench perform`).
///
/// A second port of the sink's client, writable but hidden from other clients (`NO_EXPORT`), subscribed from `out`
/// and stamping each event with our queue's real time as the kernel delivers it (as `arecordmidi` stamps what it
/// records). The client's ``SequencerReader`` hands it what arrives on that port; those stamps, not the moment the
/// thread woke, are the delivery times, so the probe measures the kernel's timing, not ours.
final class SequencerProbe: Sendable {
    /// A received event, `event.time` = `delivered` = queue real time of delivery in seconds.
    struct Delivery: Sendable {
        var event: TimedEvent
        var delivered: Double
    }

    private let deliveries = Mutex<[Delivery]>([])

    init() {}

    /// What has arrived so far, in arrival order.
    var received: [Delivery] { deliveries.withLock { $0 } }

    /// Keeps `event` with its stamp (on the reader's thread).
    func take(_ event: UnsafePointer<snd_seq_event_t>) {
        let stamp = yamg_seq_ev_is_real(event) != 0
            ? Double(yamg_seq_ev_sec(event)) + Double(yamg_seq_ev_nsec(event)) * 1e-9 : -1
        if let message = TimedEvent(event, time: stamp) {
            deliveries.withLock { $0.append(Delivery(event: message, delivered: stamp)) }
        }
    }
}
