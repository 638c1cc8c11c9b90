import CALSA
import Foundation

/// An open ALSA sequencer client (`snd_seq_t`): the handle and the few calls YAMG makes on it.
///
/// It owns the handle and closes it once. It knows nothing about sessions or notes; `ALSASink` builds on it.
public final class SequencerClient {
    /// The `snd_seq_t *`; `nil` once closed.
    private(set) var handle: OpaquePointer?
    /// The client number the kernel gave us (128 and up for user clients).
    public let id: Int32
    let name: String

    /// Opens a client named `name` for output and input (input: the timing probe).
    ///
    /// `outputPool` is the number of events the kernel may hold for us (scheduled and not yet sent): with the
    /// default 500 a dense second of lookahead could make our writes block; the kernel allows at most 2000.
    public init(name: String, outputPool: Int = 2000, inputPool: Int = 1000) throws(ALSAError) {
        yamg_alsa_silence_errors()
        var seq: OpaquePointer?
        let opened = snd_seq_open(&seq, "default", SND_SEQ_OPEN_DUPLEX, 0)
        guard opened >= 0, let seq else {
            // -ENOENT when the kernel has no sequencer; the device file decides it whatever code libasound gives.
            if !FileManager.default.fileExists(atPath: "/dev/snd/seq") { throw .noSequencer }
            throw ALSAError.opening(code: opened)
        }
        handle = seq
        self.name = name
        id = snd_seq_client_id(seq)
        do throws(ALSAError) {
            try alsaCheck(snd_seq_set_client_name(seq, name), "snd_seq_set_client_name(\(name))")
            // ~28 bytes an event: room for a whole pool of events, so a batch is written in one go.
            try alsaCheck(snd_seq_set_output_buffer_size(seq, outputPool * 32), "snd_seq_set_output_buffer_size")
            try alsaCheck(snd_seq_set_input_buffer_size(seq, inputPool * 32), "snd_seq_set_input_buffer_size")
            try alsaCheck(snd_seq_set_client_pool_output(seq, outputPool), "snd_seq_set_client_pool_output(\(outputPool))")
            try alsaCheck(snd_seq_set_client_pool_input(seq, inputPool), "snd_seq_set_client_pool_input(\(inputPool))")
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// The open handle (a closed client is a programming error).
    var seq: OpaquePointer {
        guard let handle else { preconditionFailure("ALSA sequencer client \(name) used after close") }
        return handle
    }

    /// Creates a port and returns its number. `timestampQueue`: stamp every event the port receives with that
    /// queue's real time at delivery (what `arecordmidi` does), so arrival times come from the kernel.
    func createPort(name: String, capabilities: Int32, type: Int32, timestampQueue: Int32? = nil) throws(ALSAError) -> Int32 {
        var info: OpaquePointer?
        try alsaCheck(snd_seq_port_info_malloc(&info), "snd_seq_port_info_malloc")
        defer { snd_seq_port_info_free(info) }
        snd_seq_port_info_set_name(info, name)
        snd_seq_port_info_set_capability(info, UInt32(capabilities))
        snd_seq_port_info_set_type(info, UInt32(type))
        snd_seq_port_info_set_midi_channels(info, 16)
        if let timestampQueue {
            snd_seq_port_info_set_timestamping(info, 1)
            snd_seq_port_info_set_timestamp_real(info, 1)
            snd_seq_port_info_set_timestamp_queue(info, timestampQueue)
        }
        try alsaCheck(snd_seq_create_port(seq, info), "snd_seq_create_port(\(name))")
        return snd_seq_port_info_get_port(info)
    }

    /// The address `text` names: "128:0", "14" (port 0), or a client name such as "Midi Through" or "FLUID Synth"
    /// (libasound's `snd_seq_parse_address`, which matches a name by its start). `nil` when nothing matches.
    func address(of text: String) -> snd_seq_addr_t? {
        var address = snd_seq_addr_t()
        guard snd_seq_parse_address(seq, &address, text) >= 0 else { return nil }
        return address
    }

    /// Every other client's port that can be subscribed to for writing, as "14:0 Midi Through [Midi Through Port-0]".
    public func writablePorts() -> [String] {
        var client: OpaquePointer?, port: OpaquePointer?
        guard snd_seq_client_info_malloc(&client) >= 0 else { return [] }
        defer { snd_seq_client_info_free(client) }
        guard snd_seq_port_info_malloc(&port) >= 0 else { return [] }
        defer { snd_seq_port_info_free(port) }
        let wanted = UInt32(SND_SEQ_PORT_CAP_WRITE | SND_SEQ_PORT_CAP_SUBS_WRITE)
        var found: [String] = []
        snd_seq_client_info_set_client(client, -1)
        while snd_seq_query_next_client(seq, client) >= 0 {
            let number = snd_seq_client_info_get_client(client)
            guard number != id else { continue }
            let clientName = String(cString: snd_seq_client_info_get_name(client))
            snd_seq_port_info_set_client(port, number)
            snd_seq_port_info_set_port(port, -1)
            while snd_seq_query_next_port(seq, port) >= 0 {
                let caps = snd_seq_port_info_get_capability(port)
                guard caps & wanted == wanted, caps & UInt32(SND_SEQ_PORT_CAP_NO_EXPORT) == 0 else { continue }
                let portName = String(cString: snd_seq_port_info_get_name(port))
                found.append("\(number):\(snd_seq_port_info_get_port(port)) \(clientName) [\(portName)]")
            }
        }
        return found
    }

    /// The real time of `queue` in seconds, how many events wait in it, and `CLOCK_MONOTONIC` (seconds) at the
    /// moment the kernel read that time (the middle of the call).
    func queueStatus(_ queue: Int32) throws(ALSAError) -> (time: Double, events: Int, monotonic: Double) {
        var status: OpaquePointer?
        try alsaCheck(snd_seq_queue_status_malloc(&status), "snd_seq_queue_status_malloc")
        defer { snd_seq_queue_status_free(status) }
        let before = MonotonicClock.monotonic()
        try alsaCheck(snd_seq_get_queue_status(seq, queue, status), "snd_seq_get_queue_status")
        let after = MonotonicClock.monotonic()
        let real = snd_seq_queue_status_get_real_time(status)!.pointee
        return (Double(real.tv_sec) + Double(real.tv_nsec) * 1e-9, Int(snd_seq_queue_status_get_events(status)),
                (before + after) / 2)
    }

    /// Closes the client: the kernel drops its ports, subscriptions, queues and anything still queued. Idempotent.
    public func close() {
        guard let handle else { return }
        snd_seq_close(handle)
        self.handle = nil
    }
}
