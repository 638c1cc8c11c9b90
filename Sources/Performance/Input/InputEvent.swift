import MIDIFile

/// One thing a musician's device sent in, decoded at the border: the ALSA reader (``SequencerInput``) turns each
/// sequencer event into one of these, stamps it with the session time it arrived, and hands it to the performer
/// through an ``InputQueue``. Nothing else of ALSA crosses into the performer.
///
/// How other consumers plug in: the performer drains the queue on its own thread once per tick (and at once when
/// the queue's bell rings), handles the notes itself (context, recording, `--thru`, the piano roll), then offers
/// every event, whatever its kind, to each ``InputConsumer`` in ``Performer/inputConsumers`` — a CC map turns
/// `.control` into ``LiveControls`` changes, a clock follower reads `.clock`/`.start`/`.stop`/`.continue`.
/// Consumers run on the timing path: they must return at once (no I/O, no waiting).
public struct InputEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A key struck (a note-on of velocity 0 arrives as `.noteOff`).
        case noteOn(pitch: U7, velocity: U7)
        case noteOff(pitch: U7)
        /// A controller (CC) change; CC 64 is the sustain pedal.
        case control(controller: U7, value: U7)
        case program(U7)
        /// MIDI clock (24 a quarter note) and the transport messages.
        case clock
        case start
        case stop
        case `continue`
        /// A system-exclusive message arrived and was dropped unread (yamg has no use for it); `bytes` long.
        case sysexDropped(bytes: Int)
    }

    /// Session seconds (the performer's clock) at which the event arrived.
    public var time: Double
    public var kind: Kind
    /// The MIDI channel of a channel message (0-15); 0 for the others.
    public var channel: U4

    public init(time: Double, _ kind: Kind, channel: U4 = 0) {
        self.time = time
        self.kind = kind
        self.channel = channel
    }

    /// The same message as a ``TimedEvent`` (notes, controllers, programs), for the recording, the watchers and
    /// `--thru`; nil for clock, transport and sysex.
    public var timedEvent: TimedEvent? {
        switch kind {
        case .noteOn(let pitch, let velocity): TimedEvent(time: time, .noteOn(pitch: pitch, velocity: velocity), channel: channel)
        case .noteOff(let pitch): TimedEvent(time: time, .noteOff(pitch: pitch), channel: channel)
        case .control(let controller, let value): TimedEvent(time: time, .control(controller: controller, value: value), channel: channel)
        case .program(let program): TimedEvent(time: time, .program(program), channel: channel)
        case .clock, .start, .stop, .continue, .sysexDropped: nil
        }
    }
}

/// Something that reads what the musician sends besides the notes the performer plays with (a CC map, MIDI-learn,
/// a clock follower). Called on the performer's thread for every input event, in arrival order, after the
/// performer has taken it; `now` is the session time of the tick. Must return at once.
public protocol InputConsumer: AnyObject {
    func take(_ event: InputEvent, now: Double)
    /// Called once per take, after its events (also when none came): for what notices silence (a clock gone).
    func tick(now: Double)
}

extension InputConsumer {
    public func tick(now: Double) {}
}
