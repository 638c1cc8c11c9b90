import Encoding
import MIDIFile
import TestSupport
import Testing

/// `NoteEncoder`, the one notes → tokens switch that `yamg encode`, the preprocessor and primers share:
/// it gives what the encoders give when called directly, as those three places did before.
@Suite struct NoteEncoderTests {
    static let fixture = TestPaths.fixture
    static let notes = PianoNotes.extract(from: try! StandardMIDIFile(contentsOf: fixture))

    @Test func performanceTokensAreThePerformanceEncoders() {
        let tokens = NoteEncoder.tokens(for: Self.notes, parameters: .init(kind: .performance))
        #expect(tokens == PerformanceEncoder.encode(Self.notes))
        // The chorale's 219 notes, 3 doubling a pitch already held (one key, one string).
        #expect(tokens.filter { if case .noteOn = $0 { true } else { false } }.count == 216)
    }

    @Test(arguments: [(24.0, true), (24.0, false), (10.0, true)])
    func combinationTokensFollowTheParameters(fps: Double, attackMarks: Bool) {
        let parameters = EncodingParameters(kind: .combination, framesPerSecond: fps, attackMarks: attackMarks)
        let tokens = NoteEncoder.tokens(for: Self.notes, parameters: parameters)
        let direct = CombinationEncoder.encode(Self.notes, framesPerSecond: fps, attackMarks: attackMarks)
        #expect(tokens == direct.map { .frame($0) })
        #expect(tokens.compactMap(\.frame) == direct)
    }

    @Test func idsInTheFixedPerformanceVocabulary() {
        let parameters = EncodingParameters(kind: .performance)
        let ids = NoteEncoder.ids(for: Self.notes, parameters: parameters, vocabulary: .performance)
        #expect(ids.map { Vocabulary.performance.tokens[$0] } == PerformanceEncoder.encode(Self.notes))
    }

    @Test func aCombinationTheVocabularyLacksBecomesItsNearest() throws {
        let parameters = EncodingParameters(kind: .combination)
        let frames = CombinationEncoder.encode(Self.notes, framesPerSecond: 24)
        // A vocabulary of the piece's first ten distinct frames only.
        var kept: [Combination] = []
        for f in frames where !kept.contains(f) && kept.count < 10 { kept.append(f) }
        let vocabulary = Vocabulary.combination(kept)
        let ids = NoteEncoder.ids(for: Self.notes, parameters: parameters, vocabulary: vocabulary)
        #expect(ids.count == frames.count)
        for (id, frame) in zip(ids, frames) {
            let token = vocabulary.tokens[id]
            if let own = vocabulary.id(of: .frame(frame)) { #expect(id == own) } else { #expect(token != .frame(frame)) }
        }
    }

    @Test func aPieceIsTheFilesNotesBetweenMarkers() throws {
        let pedal = TestPaths.sharedData + "/edge/damper-pedal-cc64--jazzsoft.mid"
        let file = try StandardMIDIFile(contentsOf: pedal)
        let parameters = EncodingParameters(kind: .performance)
        let piece = NoteEncoder.piece(of: file, parameters: parameters)
        #expect(piece.first == .pieceStart && piece.last == .pieceEnd)
        #expect(Array(piece.dropFirst().dropLast()) == PerformanceEncoder.encode(PianoNotes.extract(from: file)))
        let dry = NoteEncoder.piece(of: file, parameters: parameters, sustain: false)
        #expect(dry != piece, "the pedal holds notes longer, so the time shifts differ")
    }
}
