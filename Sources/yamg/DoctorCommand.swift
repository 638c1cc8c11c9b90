import ArgumentParser

/// `yamg doctor`: checks the machine (placeholder).
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doctor", abstract: "Check this machine for what yamg needs.")
    func run() throws { throw ValidationError("yamg doctor is not built yet") }
}
