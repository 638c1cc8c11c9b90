import Analysis
import ArgumentParser
import Encoding
import Foundation
import Generation
import MIDIFile
import Models
import NeuralNet
import Performance

/// `yamg generate MODEL -o out.mid`: new music from a trained model, as MIDI (and a piano roll).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate music from a model: a MIDI file, optionally a piano-roll SVG.")

    @Argument(help: "The model file (.safetensors).") var model: String
    @Option(name: [.short, .customLong("output")], help: "The MIDI file to write (with --count N: out-001.mid …).") var output: String
    @Option(help: "Seconds of music.") var seconds: Double?
    @Option(help: "Sample this many tokens instead of --seconds.") var tokens: Int?
    @OptionGroup var sampling: SamplingOptions
    @Option(help: "Start by continuing the beginning of this MIDI file.") var prime: String?
    @Option(help: "How much of --prime to take, in seconds.") var primeSeconds = 5.0
    @Option(help: "Start from these notes, e.g. 60,64,67.") var primeNotes: String?
    @Option(help: "Start from a random window of this corpus's training tokens.") var randomStart: String?
    @Option(help: "General MIDI program of the part (0 = acoustic grand piano).") var program: UInt8 = 0
    @Option(help: "Also draw a piano roll to this SVG file.") var svg: String?
    @Option(help: "Also render audio to this WAV file (44.1 kHz stereo 16-bit) through FluidSynth.") var wav: String?
    @Option(help: "The soundfont for --wav (default: $YAMG_SOUNDFONT, the repo's soundfonts/, Debian's default-GM.sf2).")
    var soundfont: String?
    @Option(help: "Write N files, seeds --seed, --seed+1, …") var count = 1

    func validate() throws {
        try sampling.validate()
        if seconds == nil && tokens == nil { return }
        if let seconds, !(seconds > 0) { throw ValidationError("--seconds must be positive, got \(seconds)") }
        if let tokens, tokens < 1 { throw ValidationError("--tokens must be at least 1, got \(tokens)") }
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        guard [prime != nil, primeNotes != nil, randomStart != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("choose one of --prime, --prime-notes and --random-start")
        }
        guard (0...127).contains(program) else { throw ValidationError("--program must be 0…127, got \(program)") }
    }

    func run() throws {
        let renderer = try wav.map { _ in try WAVRenderer(soundfont: try Soundfont.locate(flag: soundfont, repoFolders: Soundfont.defaultRepoFolders), program: program) }
        let (file, network) = try ModelFile.load(model)
        let vocabulary = try Vocabulary(names: file.vocabulary)
        let limit = seconds ?? (tokens == nil ? 60 : .infinity)
        let progress = limit.isFinite && limit * Double(count) > 120 ? Progress("generating") : nil
        for index in 0..<count {
            let path = fileName(output, index)
            var sampler = sampling.sampler
            sampler.rng = RNG(seed: sampling.seed &+ UInt64(index))
            let stream = try TokenStream(model: network, file: file, sampler: sampler, options: sampling.streamOptions)
            var events: [TimedEvent] = []
            stream.startPiece(primer: try primerTokens(vocabulary, file.encoding), into: &events)
            if let randomStart {
                let corpus = try Corpus(contentsOf: randomStart)
                guard corpus.manifest.vocabulary == file.vocabulary else {
                    throw ValidationError("--random-start: \(randomStart) has another vocabulary than \(model)")
                }
                stream.warmUp(with: Primer.randomWindow(of: corpus.train, length: network.hyper.seqLen, rng: &sampler.rng))
            }
            while stream.time < limit && !stream.finished && stream.tokensGenerated < (tokens ?? .max) {
                let horizon = min(limit, stream.time + 10)
                events += stream.generate(until: horizon, maxTokens: (tokens ?? .max) - stream.tokensGenerated)
                progress?.update(Int(Double(index) * limit + stream.time), Int(limit * Double(count)))
            }
            let end = stream.finished ? min(limit, stream.time) : limit  // --one-piece: the file ends with the piece
            events = end.isFinite ? events.cut(at: end) : events + stream.flush()
            let midi = StandardMIDIFile(events: events, program: program, trackName: "yamg",
                                        endTime: end.isFinite ? end : nil)
            do { try Data(midi.serialized()).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
                printError("yamg generate: cannot write \(path): \((error as NSError).localizedDescription) (does its folder exist?)")
                throw ExitCode(1)
            }
            let notes = midi.notes().notes
            if let svg {
                let svgPath = fileName(svg, index)
                try PianoRoll.svg(notes, title: (path as NSString).lastPathComponent).write(toFile: svgPath, atomically: true, encoding: .utf8)
            }
            if let wav, let renderer {
                let wavPath = fileName(wav, index)
                let stats = try renderer.render(events, tail: 1.0, to: wavPath)
                print(String(format: "%@: %.1f s of audio (RMS %.3f)", wavPath, stats.seconds, stats.rms))
            }
            print("\(path): \(notes.count) notes, \(String(format: "%.1f", midi.durationSeconds)) s, \(stream.tokensGenerated) tokens, \(stream.piecesStarted) piece(s)")
        }
        progress?.finish()
    }

    func primerTokens(_ vocabulary: Vocabulary, _ parameters: EncodingParameters) throws -> [Int] {
        if let prime { return try Primer.file(prime, seconds: primeSeconds, vocabulary: vocabulary, parameters: parameters) }
        if let primeNotes {
            let pitches = primeNotes.split(separator: ",").map { UInt8($0.trimmingCharacters(in: .whitespaces)) }
            guard !pitches.isEmpty, pitches.allSatisfy({ $0 != nil && $0! <= 127 }) else {
                throw ValidationError("--prime-notes must be MIDI pitches 0…127 separated by commas, got '\(primeNotes)'")
            }
            return Primer.notes(pitches.map { $0! }, vocabulary: vocabulary, parameters: parameters)
        }
        return []
    }

    /// The path of file `index`: as given for a single file; `out.mid` → `out-001.mid` … with `--count`.
    func fileName(_ path: String, _ index: Int) -> String {
        guard count > 1 else { return path }
        let ext = (path as NSString).pathExtension, base = (path as NSString).deletingPathExtension
        return base + String(format: "-%03d", index + 1) + (ext.isEmpty ? "" : "." + ext)
    }
}

/// Sampling and guard flags, shared by `generate`, `bench generate` and (later) `perform`.
struct SamplingOptions: ParsableArguments {
    @Option(help: "Sampling temperature (lower: safer, higher: wilder).") var temperature: Float = 1.0
    @Option(help: "Sample only among the K most likely tokens (0: all).") var topK = 0
    @Option(help: "Sample only among the most likely tokens covering probability P (1: all).") var topP: Float = 1
    @Option(help: "Random seed: the same model, flags and seed give the same music.") var seed: UInt64 = 1
    @Option(help: "At most this many notes sound at once.") var maxPolyphony = 24
    @Option(help: "No note sounds longer than this many seconds.") var maxNoteLength = 8.0
    @Option(help: "Seconds of silence between pieces.") var pause = 2.0
    @Flag(help: "Stop when the model ends its first piece.") var onePiece = false

    func validate() throws {
        guard temperature > 0 else { throw ValidationError("--temperature must be positive, got \(temperature)") }
        guard topK >= 0 else { throw ValidationError("--top-k must be 0 or more, got \(topK)") }
        guard topP > 0 && topP <= 1 else { throw ValidationError("--top-p must be in (0, 1], got \(topP)") }
        guard maxPolyphony >= 1 else { throw ValidationError("--max-polyphony must be at least 1, got \(maxPolyphony)") }
        guard maxNoteLength > 0 else { throw ValidationError("--max-note-length must be positive, got \(maxNoteLength)") }
        guard pause >= 0 else { throw ValidationError("--pause must be 0 or more, got \(pause)") }
    }

    var sampler: Sampler { Sampler(temperature: temperature, topK: topK, topP: topP, seed: seed) }

    var streamOptions: TokenStream.Options {
        var o = TokenStream.Options()
        o.onePiece = onePiece
        o.pauseBetweenPieces = pause
        o.limits = Decoder.Limits(maxPolyphony: maxPolyphony, maxNoteLength: maxNoteLength)
        return o
    }
}
