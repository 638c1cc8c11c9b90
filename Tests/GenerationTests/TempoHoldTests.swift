import Foundation
import Generation
import MIDIFile
import Testing

/// `tempo hold`: the pace measure on its own, and what it does to the shipped model's pieces (which otherwise drift
/// to one pulse). The decoder's stretched clock: DecoderTests.
@Suite struct TempoHoldTests {
    /// Onsets every `interval` seconds from `start`, `count` of them.
    static func onsets(from start: Double, every interval: Double, count: Int) -> [Double] {
        (0..<count).map { start + Double($0) * interval }
    }

    /// Onsets every `interval` seconds after `time` into `hold`; returns the last time and every stretch on the way.
    static func play(_ hold: inout TempoHold, after time: Double, every interval: Double, count: Int) -> (Double, [Double]) {
        var t = time, stretches: [Double] = []
        for _ in 0..<count {
            t += interval
            hold.onset(at: t)
            stretches.append(hold.stretch)
        }
        return (t, stretches)
    }

    @Test func theOpeningSetsThePaceAndTheRecentOnesTheStretch() {
        var hold = TempoHold()
        let opening = Self.onsets(from: 0, every: 0.44, count: TempoHold.openingIntervals + 1)
        for (i, t) in opening.enumerated() {
            #expect(hold.pace == nil || i == opening.count - 1)
            hold.onset(at: t)
            hold.onset(at: t)  // a chord's second note: the same onset
        }
        #expect(abs(hold.pace! - 0.44) < 1e-9 && hold.stretch == 1)
        // The model rushes to a 0.25 s pulse: the clock eases (no jump) to 0.44 / 0.25 = 1.76 times slower.
        var (t, rushing) = Self.play(&hold, after: opening.last!, every: 0.25, count: 80)
        #expect(zip([1] + rushing, rushing).allSatisfy { $1 >= $0 && $1 - $0 < 0.15 }, "\(rushing)")
        #expect(abs(hold.stretch - 0.44 / 0.25) < 1e-3)
        // Back at the opening's pace: back to 1.
        (t, _) = Self.play(&hold, after: t, every: 0.44, count: 40)
        #expect(abs(hold.stretch - 1) < 1e-3)
        // Far faster, and far slower: held within the bounds.
        (t, rushing) = Self.play(&hold, after: t, every: 0.05, count: 400)
        #expect(abs(hold.stretch - TempoHold.maxStretch) < 1e-3 && rushing.allSatisfy { $0 <= TempoHold.maxStretch })
        let (_, dragging) = Self.play(&hold, after: t, every: 3, count: 20)
        #expect(abs(hold.stretch - 1 / TempoHold.maxStretch) < 1e-3 && dragging.allSatisfy { $0 >= 1 / TempoHold.maxStretch })
        hold.startPiece()
        #expect(hold.pace == nil && hold.stretch == 1)
    }

    /// Median time between distinct onsets of `events` (note-ons) from `start` to `end` (played seconds).
    static func medianInterval(_ events: [TimedEvent], from start: Double = 0, to end: Double = .infinity,
                               first count: Int = .max) -> Double? {
        var times: [Double] = []
        for e in events where e.isNoteOn && e.time >= start && e.time < end {
            if let last = times.last, e.time - last < 1e-6 { continue }
            times.append(e.time)
        }
        times = Array(times.prefix(count))
        guard times.count > 4 else { return nil }
        var intervals = zip(times, times.dropFirst()).map { $1 - $0 }
        intervals.sort()
        return intervals[intervals.count / 2]
    }

    /// The shipped model's pieces of a minute or more: with `tempo free` the pace 30-60 s in strays from the
    /// opening's (the drift this control exists for); with `hold` it stays near it. Same seeds, same tokens.
    @Test func theShippedModelsPiecesKeepTheirOpeningsPace() throws {
        let shipped = SteeringTests.shipped
        var drift: [TempoChoice: [Double]] = [.hold: [], .free: []]
        for seed in UInt64(1)...48 {
            for choice in [TempoChoice.hold, .free] {
                var controls = Controls()
                try controls.set(.tempo, text: choice.rawValue)
                var options = TokenStream.Options()
                options.onePiece = true
                let stream = try TokenStream(model: shipped.model, file: shipped.file, controls: controls, seed: seed,
                                             options: options)
                let events = stream.generate(until: 60)
                guard stream.time >= 60, let opening = Self.medianInterval(events, first: TempoHold.openingIntervals + 1),
                      let late = Self.medianInterval(events, from: 30, to: 60) else { continue }
                drift[choice]!.append(abs(log(late / opening)))
            }
        }
        let hold = drift[.hold]!, free = drift[.free]!
        #expect(hold.count >= 16 && free.count >= 16, "pieces of a minute: \(hold.count) held, \(free.count) free")
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(max(1, x.count)) }
        let within = { (x: [Double]) in Double(x.filter { $0 < log(1.25) }.count) / Double(max(1, x.count)) }
        #expect(mean(hold) < 0.5 * mean(free), "mean |log(late/opening)|: hold \(mean(hold)), free \(mean(free))")
        #expect(within(hold) >= 0.75, "held pieces within 25 % of the opening's pace: \(within(hold))")
        #expect(within(free) < within(hold), "free: \(within(free)), hold: \(within(hold))")
    }
    /// In `respond` the player's phrase sets the pace of the answer: answers to a phrase of 20 notes 0.45 s apart stay
    /// nearer that pace with the hold than the model's own timing does (the shipped model, the same seeds).
    @Test func anAnswerKeepsThePlayersPace() throws {
        let shipped = SteeringTests.shipped
        let pace = 0.45, scale: [UInt8] = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62]
        var phrase: [TimedEvent] = []
        for i in 0..<20 {
            let pitch = U7(truncating: scale[i % scale.count])
            phrase.append(TimedEvent(time: 100 + Double(i) * pace, .noteOn(pitch: pitch, velocity: 80)))
            phrase.append(TimedEvent(time: 100 + Double(i) * pace + 0.3, .noteOff(pitch: pitch)))
        }
        var distance: [TempoChoice: [Double]] = [.hold: [], .free: []]
        for seed in UInt64(1)...16 {
            for choice in [TempoChoice.hold, .free] {
                var controls = Controls()
                try controls.set(.tempo, text: choice.rawValue)
                try controls.set(.mode, text: "respond")
                var options = TokenStream.Options()
                options.onePiece = true
                let stream = try TokenStream(model: shipped.model, file: shipped.file, controls: controls, seed: seed,
                                             options: options)
                stream.answer(phrase, end: phrase.last!.time, now: phrase.last!.time + 0.5)
                let start = stream.time
                let answer = stream.generate(until: start + 20)
                guard let interval = Self.medianInterval(answer) else { continue }
                distance[choice]!.append(abs(log(interval / pace)))
            }
        }
        let hold = distance[.hold]!, free = distance[.free]!
        #expect(hold.count >= 12 && free.count >= 12, "answers: \(hold.count) held, \(free.count) free")
        let mean = { (x: [Double]) in x.reduce(0, +) / Double(max(1, x.count)) }
        #expect(mean(hold) < log(1.25), "held answers' mean |log(pace ratio)|: \(mean(hold)), free \(mean(free))")
        #expect(mean(hold) < 0.75 * mean(free), "held \(mean(hold)), free \(mean(free))")
    }
}
