import Encoding
import MIDIFile
import TestSupport
import Testing

/// decode(encode(notes)) on every piano file: the same pitches, onsets and offsets within one quantum
/// (10 ms, or one frame), velocities within one bin. The documented exceptions: a note shorter than a
/// quantum (lengthened to one, or merged with a neighbour of its pitch in the same frame). The caps are
/// lifted here; `DecoderTests` checks them.
@Suite struct EncodingRoundTripTests {
    static let noCaps = Decoder.Limits(maxPolyphony: 128, maxNoteLength: 1e9)
    static let pianoFiles = MIDIFileFinder.files(under: [TestPaths.shared("piano")])

    struct Outcome {
        var matched = 0
        var shortExceptions = 0
        var mismatches: [String] = []
    }

    /// Aligns expected and decoded notes pitch by pitch. Expected notes shorter than a quantum are the
    /// exception: they are set aside, and a decoded note at most a quantum long may be left unmatched
    /// (what remains of one, lengthened to a quantum).
    static func compare(_ expected: [Note], _ decoded: [Note], quantum: Double, velocityTolerance: Int?) -> Outcome {
        var outcome = Outcome()
        let tolerance = quantum + 1e-9
        let expectedByPitch = Dictionary(grouping: expected, by: \.pitch)
        let decodedByPitch = Dictionary(grouping: decoded, by: \.pitch)
        for pitch in Set(expectedByPitch.keys).union(decodedByPitch.keys) {
            let all = expectedByPitch[pitch] ?? []
            let a = all.filter { $0.duration >= quantum }.sorted { $0.start < $1.start }
            outcome.shortExceptions += all.count - a.count
            let b = (decodedByPitch[pitch] ?? []).sorted { $0.start < $1.start }
            var i = 0, j = 0
            while i < a.count || j < b.count {
                if i < a.count, j < b.count, abs(a[i].start - b[j].start) <= tolerance, abs(a[i].end - b[j].end) <= tolerance {
                    if let v = velocityTolerance, abs(Int(a[i].velocity) - Int(b[j].velocity)) > v {
                        outcome.mismatches.append("velocity \(a[i].velocity) → \(b[j].velocity) at \(a[i].start)")
                    }
                    outcome.matched += 1
                    i += 1; j += 1
                } else if j < b.count, b[j].duration <= tolerance {
                    j += 1
                } else {
                    let what = i < a.count ? "\(a[i].start)–\(a[i].end)" : "none"
                    let got = j < b.count ? "\(b[j].start)–\(b[j].end)" : "none"
                    outcome.mismatches.append("pitch \(pitch): expected \(what), decoded \(got)")
                    break
                }
            }
        }
        return outcome
    }

    @Test(.tags(.slow), .timeLimit(.minutes(5)), arguments: [EncodingParameters.Kind.performance, .combination])
    func everyPianoFile(kind: EncodingParameters.Kind) throws {
        #expect(Self.pianoFiles.count == 610)
        let parameters = EncodingParameters(kind: kind)
        var total = Outcome()
        for path in Self.pianoFiles {
            let file = try StandardMIDIFile(contentsOf: path)
            let expected = PianoNotes.extract(from: file)
            let tokens: [Token] = kind == .performance
                ? PerformanceEncoder.encode(expected)
                : CombinationEncoder.encode(expected, framesPerSecond: parameters.framesPerSecond).map { .frame($0) }
            let vocabulary = Vocabulary(tokens: Array(Set(tokens)))
            let ids = tokens.map { vocabulary.id(of: $0)! }
            let decoded = notes(from: Decoder.events(of: ids, vocabulary: vocabulary, parameters: parameters, limits: Self.noCaps))
            let outcome = Self.compare(expected, decoded, quantum: parameters.quantum,
                                       velocityTolerance: kind == .performance ? 2 : nil)
            #expect(outcome.mismatches.isEmpty, "\(path): \(outcome.mismatches.prefix(5))")
            total.matched += outcome.matched
            total.shortExceptions += outcome.shortExceptions
        }
        // The exceptions are rare: notes shorter than a quantum (0.1 % at 10 ms, 0.4 % at 1/24 s here).
        #expect(total.matched > 570_000)
        #expect(Double(total.shortExceptions) < 0.005 * Double(total.matched), "\(total.shortExceptions) short notes")
    }

    @Test func withoutAttackMarksReStruckNotesMerge() {
        let notes = [Note(pitch: 60, velocity: 80, start: 0, end: 0.5), Note(pitch: 60, velocity: 80, start: 0.5, end: 1)]
        let marked = CombinationEncoder.encode(notes, framesPerSecond: 24, attackMarks: true)
        let merged = CombinationEncoder.encode(notes, framesPerSecond: 24, attackMarks: false)
        #expect(marked.count == 24 && merged.count == 24)
        #expect(marked[12].name == "60*" && merged[12].name == "60")
        #expect(decodedNotes(marked).count == 2)
        #expect(decodedNotes(merged).count == 1)
    }
}

private func decodedNotes(_ frames: [Combination]) -> [Note] {
    let tokens = frames.map { Token.frame($0) }
    let vocabulary = Vocabulary(tokens: Array(Set(tokens)))
    return notes(from: Decoder.events(of: tokens.map { vocabulary.id(of: $0)! }, vocabulary: vocabulary,
                                      parameters: EncodingParameters(kind: .combination, attackMarks: false)))
}
