import Foundation
import Generation
import Logging
import MIDIFile
import Performance
import TestSupport
import Testing

/// The pure parts of control from a MIDI controller: how a CC value becomes a control's value, how the router
/// reaches ``LiveControls`` (and only it), and how a flood stays bounded and quiet.
@Suite struct MIDIControlTests {
    let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    @Test func ccValuesBecomeControlValuesOverTheKnobsRange() {
        let temperature = CCMapping(.control(.temperature), cc: 74)
        #expect(temperature.text(for: 0) == "0.1" && temperature.text(for: 127) == "2")
        let speed = CCMapping(.control(.speed), cc: 71)  // log curve: 1 in the middle
        #expect(speed.curve == .log && speed.text(for: 0) == "0.5" && speed.text(for: 127) == "2")
        #expect(abs(Double(speed.text(for: 64)!)! - 1) < 0.012)
        let dynamics = CCMapping(.control(.dynamics), cc: 1)
        #expect(dynamics.text(for: 0) == "-64" && dynamics.text(for: 127) == "64" && dynamics.text(for: 63) == "-1")
        let key = CCMapping(.control(.key), cc: 2)
        #expect(key.values == KeyChoice.names && key.text(for: 0) == "off" && key.text(for: 127) == KeyChoice.names.last)
        let steps = CCMapping(.control(.key), cc: 2, values: ["C", "G", "Am"])
        #expect([0, 42, 43, 85, 86, 127].map { steps.text(for: U7(clamping: $0))! } == ["C", "C", "G", "G", "Am", "Am"])
        // Every CC value of every control's default mapping is a value the control takes: 128 values × every key.
        var checked = 0
        for key in ControlKey.allCases {
            let mapping = CCMapping(.control(key), cc: 0)
            var controls = Controls()
            for value in 0...127 {
                #expect(throws: Never.self, "\(key) at CC \(value)") { try controls.set(key, text: mapping.text(for: U7(clamping: value))!) }
                checked += 1
            }
        }
        #expect(checked == ControlKey.allCases.count * 128)
        #expect(CCMapping(.action(.panic), cc: 1).text(for: 100) == nil)
    }

    @Test func theStandardMapAndChannels() {
        let map = MIDIControlMap.standard
        #expect(map.mapping(of: .control(.temperature))?.cc == 74 && map.mapping(of: .control(.speed))?.cc == 71)
        #expect(map.mapping(of: .action(.panic))?.cc == 120)
        #expect(map.mappings(channel: 5, cc: 74).map(\.target) == [.control(.temperature)], "any channel")
        var own = MIDIControlMap([CCMapping(.control(.temperature), cc: 10, channel: 2)])
        #expect(own.mappings(channel: 1, cc: 10).isEmpty && own.mappings(channel: 2, cc: 10).count == 1)
        own.set(CCMapping(.control(.temperature), cc: 11))
        #expect(own.mappings.count == 1 && own.mapping(of: .control(.temperature))?.cc == 11, "one line per target")
        #expect(MIDIControlTarget(name: "pause") == .control(.pause) && MIDIControlTarget(name: "paused") == .action(.paused))
        #expect(MIDIControlTarget(name: "tempo") == .control(.tempo) && MIDIControlTarget(name: "bpm") == nil)
    }

    @Test func theRouterGoesThroughLiveControlsAndActionsFireOnThePress() {
        let live = LiveControls(Controls())
        let router = MIDIControlRouter(map: MIDIControlMap([
            CCMapping(.control(.temperature), cc: 74),
            CCMapping(.action(.pauseToggle), cc: 20),
            CCMapping(.action(.paused), cc: 64),
            CCMapping(.action(.next), cc: 21),
        ]), live: live, logger: quiet)
        router.controlChange(channel: 1, cc: 74, value: 127, now: 0)
        #expect(live.controls.temperature == 2)
        router.controlChange(channel: 1, cc: 73, value: 0, now: 0)
        #expect(live.controls.temperature == 2, "an unmapped CC changes nothing")
        router.controlChange(channel: 1, cc: 20, value: 127, now: 0)
        #expect(live.isPaused)
        router.controlChange(channel: 1, cc: 20, value: 127, now: 0)
        #expect(live.isPaused, "a held button does not fire again")
        router.controlChange(channel: 1, cc: 20, value: 0, now: 0)
        router.controlChange(channel: 1, cc: 20, value: 127, now: 0)
        #expect(!live.isPaused, "the second press toggles back")
        router.controlChange(channel: 1, cc: 64, value: 100, now: 0)
        #expect(live.isPaused)
        router.controlChange(channel: 1, cc: 64, value: 10, now: 0)
        #expect(!live.isPaused, "a pedal let go plays on")
        #expect(router.received == 8 && router.applied == 5)
    }

    /// 1,000 CC messages in a second between two token boundaries: one pending change, the latest value.
    @Test func aFloodOfCCIsCoalescedToTheLatestValue() {
        let live = LiveControls(Controls())
        let router = MIDIControlRouter(map: .standard, live: live, logger: quiet)
        for i in 0..<1000 { router.controlChange(channel: 1, cc: 74, value: U7(clamping: i % 128), now: Double(i) / 1000) }
        #expect(router.received == 1000)
        #expect(live.controls.text(.temperature) == CCMapping(.control(.temperature), cc: 74).text(for: U7(clamping: 999 % 128)))
    }

    @Test func aRateLimitedLogSaysTheFirstAndCountsTheRest() {
        var log = RateLimitedLog(interval: 1)
        #expect(log.line("x", now: 0) == "x")
        #expect((1...99).compactMap { log.line("x", now: Double($0) / 100) }.isEmpty)
        #expect(log.line("x", now: 1.0) == "x (and 99 more in the last 1 s)")
    }
}

/// Following a MIDI clock: 24 pulses per quarter note, timestamps that jitter, a clock that goes away.
@Suite struct ClockFollowerTests {
    /// Pulses at `bpm` from `start` for `seconds`, each moved by up to ±`jitter` seconds (a fixed pseudo-random
    /// sequence, so the test is the same every run); returns the tempos reported.
    func follow(_ follower: inout ClockFollower, bpm: Double, from start: Double, seconds: Double, jitter: Double,
                seed: UInt64 = 7) -> (tempos: [Double], pulses: Int) {
        var rng = SplitMix(seed)
        let interval = 60 / bpm / 24
        var tempos: [Double] = [], n = 0
        while Double(n) * interval < seconds {
            let t = start + Double(n) * interval + (rng.unit() * 2 - 1) * jitter
            if case .tempo(let bpm)? = follower.pulse(at: t) { tempos.append(bpm) }
            n += 1
        }
        return (tempos, n)
    }

    @Test func aSteadyClockGivesItsTempo() {
        var follower = ClockFollower()
        let (tempos, _) = follow(&follower, bpm: 90, from: 0, seconds: 4, jitter: 0)
        #expect(tempos.count == 1 && abs(tempos[0] - 90) < 1e-6, "\(tempos)")
    }

    /// ±3 ms on every pulse (a 120 bpm pulse is 20.8 ms apart): the tempo, hence the speed, stays within 2 %.
    @Test func aJitteringClockGivesASteadySpeed() {
        var worst = 0.0, reports = 0, pulses = 0
        for (seed, bpm) in [(1, 120.0), (2, 60), (3, 150), (4, 97)] as [(UInt64, Double)] {
            var follower = ClockFollower()
            let run = follow(&follower, bpm: bpm, from: 10, seconds: 30, jitter: 0.003, seed: seed)
            pulses += run.pulses
            reports += run.tempos.count
            #expect(!run.tempos.isEmpty)
            for tempo in run.tempos { worst = max(worst, abs(tempo / bpm - 1)) }
            #expect(run.tempos.count <= 8, "a steady clock is not re-reported every beat: \(run.tempos.count) at \(bpm) bpm")
        }
        #expect(worst < 0.02, "worst deviation \(worst * 100) %")
        #expect(pulses > 4 * 24 * 30, "ran over \(pulses) pulses, \(reports) reports")
    }

    @Test func aTempoChangeIsFollowedAndAVanishedClockKeepsItsTempo() {
        var follower = ClockFollower()
        _ = follow(&follower, bpm: 120, from: 0, seconds: 4, jitter: 0.001)
        let faster = follow(&follower, bpm: 140, from: 4, seconds: 4, jitter: 0.001)
        #expect(abs((faster.tempos.last ?? 0) / 140 - 1) < 0.01, "\(faster.tempos)")
        let last = follower.lastPulse!
        #expect(follower.check(now: last + 1) == nil)
        #expect(follower.check(now: last + 2.1) == .vanished(lastTempo: follower.tempo))
        #expect(follower.check(now: last + 5) == nil, "said once")
        #expect(abs(follower.tempo! / 140 - 1) < 0.01, "the last tempo holds")
        // It comes back slower: a fresh line, not one across the gap.
        let back = follow(&follower, bpm: 100, from: last + 10, seconds: 2, jitter: 0.001)
        #expect(abs((back.tempos.last ?? 0) / 100 - 1) < 0.01, "\(back.tempos)")
        #expect(follower.start() == .play && follower.stop() == .stop)
    }

    @Test func clockSyncSetsSpeedThroughLiveControls() {
        let live = LiveControls(Controls())
        let sync = ClockSync(referenceBPM: 120, live: live, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() })
        for n in 0..<200 { sync.pulse(at: Double(n) * 60 / 90 / 24) }
        #expect(live.controls.speed == 0.75)
        sync.stop()
        #expect(live.isPaused)
        sync.start()
        #expect(!live.isPaused)
        #expect(sync.speed(forTempo: 3000) == 10 && sync.speed(forTempo: 1) == 0.1, "kept within speed's bounds")
    }
}

/// A small deterministic generator for test jitter.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
