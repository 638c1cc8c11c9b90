import ArgumentParser

/// `yamg bench …`: speed measurements whose last line is `RESULT {json}`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed; the last line printed is RESULT {json}.",
        subcommands: [BenchParseCommand.self, BenchPreprocessCommand.self, BenchTrainCommand.self,
                      BenchGenerateCommand.self, BenchPerformCommand.self, BenchRespondCommand.self]
    )
}
