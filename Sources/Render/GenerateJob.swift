import Analysis
import Encoding
import Foundation
import Generation
import MIDIFile
import Models
import NeuralNet

/// `yamg generate`'s whole job: new music from a model as MIDI files, each optionally drawn as a piano roll and
/// rendered to WAV. The stream is the same ``TokenStream`` the daemon plays, driven here as fast as it goes.
public struct GenerateJob: Sendable {
    /// How a piece starts.
    public enum Primer: Sendable, Equatable {
        case none
        /// Continue the first `seconds` of a MIDI file.
        case file(String, seconds: Double)
        /// These pitches struck together.
        case notes([U7])
        /// A random window of a corpus's training tokens, fed as context without sounding.
        case randomWindow(corpus: String)

        /// Pitches from `60,64,67`, or nil when the text is not such a list of MIDI pitches.
        public static func pitches(_ text: String) -> [U7]? {
            let pitches = text.split(separator: ",").map { UInt8($0.trimmingCharacters(in: .whitespaces)).flatMap(U7.init(rawValue:)) }
            guard !pitches.isEmpty, pitches.allSatisfy({ $0 != nil }) else { return nil }
            return pitches.map { $0! }
        }
    }

    public var model: String
    /// The MIDI file to write; with `count` > 1, `out.mid` becomes `out-001.mid` ….
    public var output: String
    /// Seconds of music per file; nil with `tokens`: until that many tokens; neither: 60 s.
    public var seconds: Double?
    public var tokens: Int?
    public var controls = Controls()
    /// The first file's seed; file i uses `seed + i`.
    public var seed: UInt64 = 1
    public var count = 1
    public var primer = Primer.none
    /// General MIDI program of the part.
    public var program: U7 = 0
    public var limits = Decoder.Limits()
    /// Stop each file when the model ends its first piece.
    public var onePiece = false
    /// Also draw a piano roll / render audio to these paths (numbered like `output`).
    public var svg: String?
    public var wav: String?
    /// The soundfont for `wav` (nil: the usual search, ``Soundfont/locate(flag:configured:environment:repoFolders:systemPaths:)``).
    public var soundfont: String?

    public init(model: String, output: String) {
        self.model = model
        self.output = output
    }

    /// What was written for one file.
    public struct Output: Sendable {
        public var path: String
        public var notes: Int
        public var seconds: Double
        public var tokens: Int
        public var pieces: Int
        public var svg: String?
        public var wav: (path: String, stats: RenderStats)?
    }

    /// Every check of the request that needs no file: one line naming the flag and what is wrong.
    public func validate() throws(GenerateError) {
        func check(_ flag: String, _ value: Double, _ bounds: Bounds) throws(GenerateError) {
            do { _ = try bounds.check(value) } catch { throw .invalid("\(flag): \(error)") }
        }
        if let seconds { try check("--seconds", seconds, .positiveSeconds) }
        if let tokens { try check("--tokens", Double(tokens), .atLeastOne) }
        try check("--count", Double(count), .atLeastOne)
        try check("--max-polyphony", Double(limits.maxPolyphony), .atLeastOne)
        try check("--max-note-length", limits.maxNoteLength, .positiveSeconds)
        if case .file(_, let seconds) = primer { try check("--prime-seconds", seconds, .positiveSeconds) }
        if case .notes(let pitches) = primer, pitches.isEmpty { throw .invalid("--prime-notes must name at least one pitch") }
    }

    /// Writes every file, calling `written` after each and `progress` (seconds done, seconds in all) as it goes.
    public func run(progress: ((Int, Int) -> Void)? = nil, written: (Output) -> Void) throws {
        try validate()
        let renderer = try wav.map { _ in
            try WAVRenderer(soundfont: try Soundfont.locate(flag: soundfont, repoFolders: Soundfont.defaultRepoFolders),
                            program: program)
        }
        let (file, network) = try ModelFile.load(model)
        let vocabulary = try Vocabulary(names: file.vocabulary)
        let primerTokens = try tokens(of: primer, vocabulary: vocabulary, parameters: file.encoding)
        let corpus = try randomWindowCorpus(file)
        let limit = seconds ?? (tokens == nil ? 60 : .infinity)
        for index in 0..<count {
            var options = TokenStream.Options()
            options.onePiece = onePiece
            options.limits = limits
            let stream = try TokenStream(model: network, file: file, controls: controls, seed: seed &+ UInt64(index),
                                         options: options)
            var events: [TimedEvent] = []
            stream.startPiece(primer: primerTokens, into: &events)
            if let corpus { stream.warmUp(with: stream.randomWindow(of: corpus.train, length: network.hyper.seqLen)) }
            // Music time runs `speed` times as fast as the file's time.
            let musicLimit = limit * controls.speed
            while stream.time < musicLimit && !stream.finished && stream.tokensGenerated < (tokens ?? .max) {
                events += stream.generate(until: min(musicLimit, stream.time + 10),
                                          maxTokens: (tokens ?? .max) - stream.tokensGenerated)
                if limit.isFinite { progress?(Int(Double(index) * limit + stream.time / controls.speed), Int(limit * Double(count))) }
            }
            let musicEnd = stream.finished ? min(musicLimit, stream.time) : musicLimit  // one piece: the file ends with it
            events = musicEnd.isFinite ? events.cut(at: musicEnd) : events + stream.flush()
            if controls.speed != 1 { for i in events.indices { events[i].time /= controls.speed } }
            let end = musicEnd.isFinite ? musicEnd / controls.speed : nil
            written(try write(events, end: end, index: index, stream: stream, renderer: renderer))
        }
    }

    private func write(_ events: [TimedEvent], end: Double?, index: Int, stream: TokenStream,
                       renderer: WAVRenderer?) throws -> Output {
        let path = numbered(output, index)
        let midi = StandardMIDIFile(events: events, program: program, trackName: "yamg", endTime: end)
        do { try Data(midi.serialized()).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw GenerateError.cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
        let notes = midi.notes().notes
        var output = Output(path: path, notes: notes.count, seconds: midi.durationSeconds,
                            tokens: stream.tokensGenerated, pieces: stream.piecesStarted)
        if let svg {
            let svgPath = numbered(svg, index)
            try PianoRoll.svg(notes, title: (path as NSString).lastPathComponent)
                .write(toFile: svgPath, atomically: true, encoding: .utf8)
            output.svg = svgPath
        }
        if let wav, let renderer {
            let wavPath = numbered(wav, index)
            output.wav = (wavPath, try renderer.render(events, tail: 1.0, to: wavPath))
        }
        return output
    }

    private func tokens(of primer: Primer, vocabulary: Vocabulary, parameters: EncodingParameters) throws -> [Int] {
        switch primer {
        case .file(let path, let seconds): try Generation.Primer.file(path, seconds: seconds, vocabulary: vocabulary, parameters: parameters)
        case .notes(let pitches): Generation.Primer.notes(pitches.map(\.rawValue), vocabulary: vocabulary, parameters: parameters)
        case .none, .randomWindow: []
        }
    }

    private func randomWindowCorpus(_ file: ModelFile) throws -> Corpus? {
        guard case .randomWindow(let path) = primer else { return nil }
        let corpus = try Corpus(contentsOf: path)
        guard corpus.manifest.vocabulary == file.vocabulary else {
            throw GenerateError.invalid("--random-start: \(path) has another vocabulary than \(model)")
        }
        return corpus
    }

    /// The path of file `index`: as given for a single file; `out.mid` → `out-001.mid` … with `count` > 1.
    public func numbered(_ path: String, _ index: Int) -> String {
        guard count > 1 else { return path }
        let ext = (path as NSString).pathExtension, base = (path as NSString).deletingPathExtension
        return base + String(format: "-%03d", index + 1) + (ext.isEmpty ? "" : "." + ext)
    }
}

/// Why `yamg generate` cannot do what was asked; one line naming the flag or file.
public enum GenerateError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason) (does its folder exist?)"
        }
    }

}

