import ArgumentParser
import Encoding
import Generation
import MIDIFile
import Render

/// `yamg generate MODEL -o out.mid`: new music from a trained model, as MIDI (and a piano roll, and audio).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate music from a model: a MIDI file, optionally a piano-roll SVG.")

    @Argument(help: "The model file (.safetensors).") var model: String
    @Option(name: [.short, .customLong("output")], help: "The MIDI file to write (with --count N: out-001.mid …).") var output: String
    @Option(help: "Seconds of music.") var seconds: Double?
    @Option(help: "Sample this many tokens instead of --seconds.") var tokens: Int?
    @OptionGroup(title: "Live controls") var controls: ControlOptions
    @Option(help: "Random seed: the same model, flags and seed give the same music.") var seed: UInt64 = 1
    @Option(help: "At most this many notes sound at once.") var maxPolyphony = 24
    @Option(help: "No note sounds longer than this many seconds.") var maxNoteLength = Decoder.Limits().maxNoteLength
    @Flag(help: "Stop when the model ends its first piece.") var onePiece = false
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

    /// Every flag checked before the model loads.
    func validate() throws {
        let job = try job()
        do { try job.validate() } catch { throw ValidationError(error.description) }
    }

    func run() throws {
        let job = try job()
        let progress = job.seconds.map { $0 * Double(count) > 120 } ?? (tokens == nil && count > 2) ? Progress("generating") : nil
        do {
            try job.run(progress: { progress?.update($0, $1) }) { file in
                if let wav = file.wav {
                    print(String(format: "%@: %.1f s of audio (RMS %.3f)", wav.path, wav.stats.seconds, wav.stats.rms))
                }
                print("\(file.path): \(file.notes) notes, \(String(format: "%.1f", file.seconds)) s, \(file.tokens) tokens, \(file.pieces) piece(s)")
            }
        } catch let error as GenerateError {
            printError("yamg generate: \(error)")
            throw ExitCode(1)
        }
        progress?.finish()
    }

    /// The request the flags describe.
    func job() throws -> GenerateJob {
        var job = GenerateJob(model: model, output: output)
        job.seconds = seconds
        job.tokens = tokens
        job.controls = try controls.controls()
        job.seed = seed
        job.count = count
        guard let program = U7(exactly: program) else {
            throw ValidationError("--program: \(OutOfBounds(value: Double(program), bounds: .program))")
        }
        job.program = program
        job.limits = Decoder.Limits(maxPolyphony: maxPolyphony, maxNoteLength: maxNoteLength)
        job.onePiece = onePiece
        (job.svg, job.wav, job.soundfont) = (svg, wav, soundfont)
        switch (prime, primeNotes, randomStart) {
        case (nil, nil, nil): break
        case (let path?, nil, nil): job.primer = .file(path, seconds: primeSeconds)
        case (nil, let text?, nil):
            guard let pitches = GenerateJob.Primer.pitches(text) else {
                throw ValidationError("--prime-notes must be MIDI pitches 0…127 separated by commas, got '\(text)'")
            }
            job.primer = .notes(pitches)
        case (nil, nil, let corpus?): job.primer = .randomWindow(corpus: corpus)
        default: throw ValidationError("choose one of --prime, --prime-notes and --random-start")
        }
        return job
    }
}
