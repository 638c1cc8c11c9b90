import CALSA
import MIDIFile

/// `TimedEvent` ⇄ `snd_seq_event_t`: the channel messages YAMG sends, as the sequencer carries them.
extension TimedEvent {
    /// A cleared sequencer event holding this message, from `port` to its subscribers. The caller picks when:
    /// `yamg_seq_ev_schedule_real` (on a queue) or `yamg_seq_ev_set_direct` (now).
    func sequencerEvent(port: Int32) -> snd_seq_event_t {
        var event = snd_seq_event_t()
        yamg_seq_ev_clear(&event)
        yamg_seq_ev_set_source(&event, port)
        yamg_seq_ev_set_subs(&event)
        let channel = Int32(channel)
        switch kind {
        case .noteOn(let pitch, let velocity): yamg_seq_ev_set_noteon(&event, channel, Int32(pitch), Int32(velocity))
        case .noteOff(let pitch): yamg_seq_ev_set_noteoff(&event, channel, Int32(pitch), 0)
        case .control(let controller, let value):
            yamg_seq_ev_set_controller(&event, channel, Int32(controller), Int32(value))
        case .program(let program): yamg_seq_ev_set_pgmchange(&event, channel, Int32(program))
        }
        return event
    }

    /// The message of a received sequencer event at `time`; `nil` for anything but note on/off, controller and
    /// program change (a subscription or clock event, say).
    init?(_ event: UnsafePointer<snd_seq_event_t>, time: Double) {
        let type = yamg_seq_ev_type(event)
        let kind: Kind
        let channel: Int32
        switch type {
        case yamg_seq_event_noteon():
            kind = .noteOn(pitch: U7(truncating: yamg_seq_ev_note_key(event)), velocity: U7(truncating: yamg_seq_ev_note_velocity(event)))
            channel = yamg_seq_ev_note_channel(event)
        case yamg_seq_event_noteoff():
            kind = .noteOff(pitch: U7(truncating: yamg_seq_ev_note_key(event)))
            channel = yamg_seq_ev_note_channel(event)
        case yamg_seq_event_controller():
            kind = .control(controller: U7(truncating: yamg_seq_ev_control_param(event)),
                            value: U7(truncating: yamg_seq_ev_control_value(event)))
            channel = yamg_seq_ev_control_channel(event)
        case yamg_seq_event_pgmchange():
            kind = .program(U7(truncating: yamg_seq_ev_control_value(event)))
            channel = yamg_seq_ev_control_channel(event)
        default:
            return nil
        }
        self.init(time: time, kind, channel: U4(truncating: channel))
    }
}
