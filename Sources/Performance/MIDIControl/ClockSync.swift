import Foundation
import Generation
import Logging

/// Carries out what a ``ClockFollower`` says, through ``LiveControls`` like every other surface: Start and Continue
/// play on, Stop pauses (every note ended: the performer's pause cuts), and the clock's tempo sets `speed` to
/// tempo ÷ `referenceBPM` (120 by default: a clock at 60 bpm plays at half speed), kept within speed's bounds.
/// Used from the one thread that reads the input port.
public final class ClockSync {
    public private(set) var follower = ClockFollower()
    public let referenceBPM: Double
    private let live: LiveControls
    private let logger: Logger

    public init(referenceBPM: Double, live: LiveControls, logger: Logger) {
        self.referenceBPM = referenceBPM
        self.live = live
        self.logger = logger
    }

    public func pulse(at time: Double) { perform(follower.pulse(at: time)) }
    public func start() { perform(follower.start()) }
    public func stop() { perform(follower.stop()) }
    /// Call at least a few times a second (also when nothing arrives), so a vanished clock is noticed.
    public func check(now: Double) { perform(follower.check(now: now)) }

    /// The speed a clock at `bpm` asks for, rounded to 4 decimals and kept within the control's bounds.
    public func speed(forTempo bpm: Double) -> Double {
        let bounds = ControlKey.speed.spec.bounds!
        return min(bounds.upper, max(bounds.lower, (bpm / referenceBPM * 10_000).rounded() / 10_000))
    }

    private func perform(_ action: ClockFollower.Action?) {
        switch action {
        case nil: break
        case .play: live.resume()
        case .stop: live.pause()
        case .tempo(let bpm):
            let speed = speed(forTempo: bpm)
            do {
                try live.change(from: "MIDI clock \(String(format: "%.1f", bpm)) bpm") { (controls: inout Controls) throws(ControlError) in
                    try controls.set(.speed, speed)
                }
            } catch {
                logger.warning("MIDI clock: \(error)")
            }
        case .vanished(let tempo):
            let kept = tempo.map { String(format: "%.1f bpm", $0) + " (speed \(Bounds.short(speed(forTempo: $0))))" } ?? "the speed"
            logger.warning("MIDI clock: no pulse for \(Int(follower.timeout)) s; keeping \(kept)")
        }
    }
}
