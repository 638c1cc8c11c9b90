import Encoding
import MIDIFile
import NeuralNet

/// Ways to start a piece other than from nothing.
public enum Primer {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The tokens of the first `seconds` of a MIDI file, in the model's encoding and vocabulary
    /// (a combination the model never saw becomes its nearest known one).
    public static func file(_ path: String, seconds: Double, vocabulary: Vocabulary, parameters: EncodingParameters) throws -> [Int] {
        let midi = try StandardMIDIFile(contentsOf: path)
        let notes = PianoNotes.extract(from: midi).filter { $0.start < seconds }.map { n -> Note in
            var n = n
            n.end = min(n.end, seconds)
            return n
        }
        guard !notes.isEmpty else { throw Failure(description: "\(path): no notes in its first \(seconds) s to prime with") }
        return NoteEncoder.ids(for: notes, parameters: parameters, vocabulary: vocabulary)
    }

    /// The original's "generate from a seed note": these pitches struck together after the piece start.
    public static func notes(_ pitches: [UInt8], vocabulary: Vocabulary, parameters: EncodingParameters) -> [Int] {
        let notes = pitches.map { Note(pitch: $0, velocity: 80, start: 0, end: 0.5) }
        return NoteEncoder.ids(for: notes, parameters: parameters, vocabulary: vocabulary)
    }

    /// A random window of `length` tokens from a token array (the original's "random window of the training data").
    public static func randomWindow(of tokens: [UInt32], length: Int, rng: inout RNG) -> [Int] {
        guard tokens.count > length else { return tokens.map(Int.init) }
        let start = rng.nextInt(tokens.count - length)
        return tokens[start..<start + length].map(Int.init)
    }
}
