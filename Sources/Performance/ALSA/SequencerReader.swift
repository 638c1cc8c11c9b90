import CALSA
import Foundation
import Synchronization

/// The one thread that reads our client's input: every event any of our writable ports receives (the timing
/// probe's, the musician's on `in`, the system's announcements) comes through one `snd_seq_t`, so one reader
/// takes them all and hands each to `handle`, which routes it by its destination port. `handle` runs on this
/// thread and must not block: it decodes and pushes into a bounded queue.
final class SequencerReader: Sendable {
    /// `snd_seq_t *`, shared with the sink, which writes while this thread reads (libasound keeps input and
    /// output buffers apart; alsa-vm's `seqtest` reads and writes one client from two threads too).
    private struct Handle: @unchecked Sendable { let seq: OpaquePointer }

    private let handle: Handle
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Events the kernel dropped because our input buffer was full (`-ENOSPC` on a read).
    let overflows = Atomic<Int>(0)

    init(seq: OpaquePointer, name: String, handle route: @escaping @Sendable (UnsafeMutablePointer<snd_seq_event_t>) -> Void) {
        handle = Handle(seq: seq)
        let thread = Thread { [self] in read(route) }
        thread.name = name
        thread.start()
    }

    /// Stops the reading thread and waits for it (before the client closes). Idempotent.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    private func read(_ route: (UnsafeMutablePointer<snd_seq_event_t>) -> Void) {
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
            if result == -ENOSPC { overflows.add(1, ordering: .relaxed) }
            guard result >= 0, let event else { continue }  // -ENOSPC: the kernel's input queue overflowed; go on
            route(event)
        }
    }
}
