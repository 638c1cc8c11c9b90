import ArgumentParser

/// `yamg stats FILE.mid…`: music statistics (placeholder until the Analysis module lands).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Music statistics of MIDI files.")
    func run() throws { throw ValidationError("yamg stats is not built yet") }
}
