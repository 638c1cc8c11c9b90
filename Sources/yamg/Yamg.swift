import ArgumentParser

/// The `yamg` command: one subcommand per phase of the pipeline, each in its own file.
@main
struct Yamg: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "yamg",
        abstract: "Yet Another MIDI Generator: learn from your MIDI files, then play new music endlessly.",
        version: version,
        subcommands: [MIDICommand.self, PreprocessCommand.self, EncodeCommand.self, DecodeCommand.self,
                      CorpusCommand.self, TrainCommand.self, EvalCommand.self, GenerateCommand.self,
                      RenderCommand.self, ExportCommand.self, PerformCommand.self, CtlCommand.self, StatsCommand.self, DoctorCommand.self,
                      BenchCommand.self]
    )
}
