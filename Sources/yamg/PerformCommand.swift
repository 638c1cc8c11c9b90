import ArgumentParser

/// `yamg perform MODEL`: the live daemon (placeholder).
struct PerformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "perform", abstract: "Play endlessly from a model.")
    func run() throws { throw ValidationError("yamg perform is not built yet") }
}
