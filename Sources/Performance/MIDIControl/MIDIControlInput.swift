import MIDIFile

/// The MIDI control parts as readers of the performer's input (``InputConsumer``): each takes the events of its
/// kind, on the performer's thread, and returns at once (a model loads on a thread of its own).

extension MIDIControlRouter: InputConsumer {
    public func take(_ event: InputEvent, now: Double) {
        guard case .control(let controller, let value) = event.kind else { return }
        controlChange(channel: Int(event.channel.rawValue) + 1, cc: controller, value: value, now: now)
    }
}

extension ClockSync: InputConsumer {
    public func take(_ event: InputEvent, now: Double) {
        switch event.kind {
        case .clock: pulse(at: event.time)
        case .start, .continue: start()
        case .stop: stop()
        default: break
        }
    }

    public func tick(now: Double) { check(now: now) }
}

extension ProgramChangeSwitcher: InputConsumer {
    public func take(_ event: InputEvent, now: Double) {
        if case .program(let program) = event.kind { programChange(program) }
    }
}
