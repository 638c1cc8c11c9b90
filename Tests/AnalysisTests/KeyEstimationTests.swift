import Analysis
import Foundation
import MIDIFile
import TestSupport
import Testing

/// Key names and signatures, and the Krumhansl–Schmuckler estimate against the key signatures the chorales carry.
struct KeyEstimationTests {
    @Test func namesAndSignatures() throws {
        #expect(MusicalKey(name: "Ebm")?.sharps == -6 && MusicalKey(name: "d#m") == MusicalKey(name: "Ebm"))
        #expect(MusicalKey(name: "F#")?.name == "F#" && MusicalKey(name: "Gb")?.name == "F#")
        #expect(MusicalKey(name: "Bb")?.name == "Bb" && MusicalKey(name: "A#")?.name == "Bb")
        #expect(MusicalKey(name: "H#") == nil && MusicalKey(name: "") == nil && MusicalKey(name: "Cmm") == nil)
        for key in MusicalKey.all {
            #expect(MusicalKey(name: key.name) == key, "\(key.name)")
            #expect(MusicalKey(sharps: key.sharps, minor: key.mode == .minor) == key, "\(key.name)")
            #expect(key.relative.relative == key && key.relative.sharps == key.sharps)
        }
        #expect(MusicalKey.all.count == 24)
        // C major: C D E F G A B; A minor: its natural minor plus the raised seventh (G#).
        #expect(MusicalKey(name: "C")!.scale == 0b1010_1011_0101)
        #expect((0..<12).filter { MusicalKey(name: "Am")!.contains(pitchClass: $0) } == [0, 2, 4, 5, 7, 8, 9, 11])
    }

    /// A scale played evenly is estimated as its key.
    @Test func estimatesAScale() {
        for key in MusicalKey.all where key.mode == .major {
            let steps = [0, 2, 4, 5, 7, 9, 11, 12, 7, 4, 0]
            let notes = steps.enumerated().map { i, s in
                Note(pitch: UInt8(60 + key.tonic + s), velocity: 80, start: Double(i), end: Double(i) + (s % 12 == 0 ? 2 : 1))
            }
            #expect(MusicalKey.estimate(notes: notes) == key, "\(key.name): \(String(describing: MusicalKey.estimate(notes: notes)))")
        }
        #expect(MusicalKey.estimate(pitchClassWeights: Array(repeating: 1, count: 12)) == nil)
    }

    /// The chorales' first key-signature meta event against the estimate from their notes (duration-weighted):
    /// the estimate must agree with at least 80 % of them. How many of the others it reads as the relative
    /// major/minor (same signature, other mode) is reported, not counted as agreement.
    @Test func agreesWithTheChoralesKeySignatures() throws {
        let files = MIDIFileFinder.files(under: [TestPaths.shared("piano/bach")])
        var compared = 0, exact = 0, relative = 0, other: [String] = []
        for path in files {
            let midi = try StandardMIDIFile(contentsOf: path)
            var signature: MusicalKey?
            for track in midi.tracks where signature == nil {
                for event in track.events {
                    if case .keySignature(let sharps, let minor)? = track.meta(event) {
                        signature = MusicalKey(sharps: Int(sharps), minor: minor)
                        break
                    }
                }
            }
            guard let signature, let estimate = MusicalKey.estimate(notes: midi.notes().notes) else { continue }
            compared += 1
            if estimate == signature { exact += 1 } else if estimate == signature.relative { relative += 1 } else {
                other.append("\((path as NSString).lastPathComponent): \(signature.name) read as \(estimate.name)")
            }
        }
        #expect(compared >= 300, "only \(compared) chorales with a key signature")
        let share = Double(exact) / Double(max(1, compared))
        print("key estimation: \(exact) of \(compared) chorales agree with their key signature (\(String(format: "%.1f", share * 100)) %); "
              + "\(relative) more read as the relative key; \(other.count) otherwise: \(other.prefix(8).joined(separator: "; "))")
        #expect(share >= 0.8, "\(exact) of \(compared) agree; \(relative) relative; others: \(other.prefix(10))")
    }
}
