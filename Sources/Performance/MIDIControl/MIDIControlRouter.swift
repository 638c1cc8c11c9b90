import Generation
import Logging
import MIDIFile
import Synchronization

/// Turns a controller's CC messages into control changes and actions through ``LiveControls``, the one way in that
/// the config reload and the control room take too (the same checks, the same one log line per change).
///
/// Nothing queues here: a control change replaces the value pending in ``LiveControls``, which the performer takes
/// once per tick, so a knob sending 1,000 messages a second costs 1,000 lock turns and the music sees the latest
/// value at its next token boundary. An action fires on the press (the value entering its range), not on every
/// message of a held button. Used from the one thread that reads the input port.
public final class MIDIControlRouter {
    public private(set) var map: MIDIControlMap
    /// Where a config reload leaves a new map (from another thread); it applies from the next message on.
    public let reload = MIDIControlMapHandoff()
    private let live: LiveControls
    private let logger: Logger
    /// The last value each mapping got, by index in `map.mappings`: an unchanged value does nothing.
    private var last: [U7?]
    /// Refusals (a value the control's check does not take), logged at most once a second.
    private var refusals = RateLimitedLog(interval: 1)
    /// CC messages handled, and how many changed a control or fired an action.
    public private(set) var received = 0
    public private(set) var applied = 0

    public init(map: MIDIControlMap, live: LiveControls, logger: Logger) {
        self.map = map
        self.live = live
        self.logger = logger
        last = Array(repeating: nil, count: map.mappings.count)
    }

    /// One CC message: `channel` 1–16, `now` in seconds (for the log's rate limit).
    public func controlChange(channel: Int, cc: U7, value: U7, now: Double) {
        received += 1
        if let new = reload.take() {
            map = new
            last = Array(repeating: nil, count: new.mappings.count)
        }
        for (index, mapping) in map.mappings.enumerated() where mapping.matches(channel: channel, cc: cc) {
            let previous = last[index]
            last[index] = value
            switch mapping.target {
            case .control(let key):
                guard previous != value, let text = mapping.text(for: value) else { continue }
                do {
                    try live.change(from: Self.source(cc: cc, channel: channel)) { (controls: inout Controls) throws(ControlError) in
                        try controls.set(key, text: text)
                    }
                    applied += 1
                } catch {
                    if let line = refusals.line("\(Self.source(cc: cc, channel: channel)): \(error)", now: now) { logger.warning("\(line)") }
                }
            case .action(let action):
                let pressed = mapping.pressed(value)
                let wasPressed = previous.map(mapping.pressed) ?? false
                // A range of every value (CC 120's All Sound Off) fires on each message; otherwise on entering it.
                let fires = pressed && (!wasPressed || mapping.range == 0...127)
                if fires || (action == .paused && wasPressed && !pressed) {
                    act(action, pressed: pressed)
                    applied += 1
                }
            }
        }
    }

    private func act(_ action: MIDIAction, pressed: Bool) {
        switch action {
        case .paused: pressed ? live.pause() : live.resume()
        case .pauseToggle: live.isPaused ? live.resume() : live.pause()
        case .resume: live.resume()
        case .panic: live.panic()
        case .next: live.next()
        }
    }

    /// "CC 74" or "CC 74/ch 2", as the control change's log line names its source.
    static func source(cc: U7, channel: Int) -> String { "CC \(cc.int)/ch \(channel)" }
}

/// A map handed from a config reload to the router's thread: one lock turn per CC message, like ``LiveControls``.
public final class MIDIControlMapHandoff: Sendable {
    private let pending = Mutex<MIDIControlMap?>(nil)

    public init() {}

    /// Replaces whatever map was waiting.
    public func put(_ map: MIDIControlMap) { pending.withLock { $0 = map } }

    func take() -> MIDIControlMap? { pending.withLock { map in defer { map = nil }; return map } }
}
