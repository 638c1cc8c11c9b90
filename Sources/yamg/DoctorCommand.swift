import ArgumentParser
import Foundation
import Diagnostics

/// `yamg doctor`: checks this machine for what yamg needs — ALSA sequencer, FluidSynth audio, soundfont, OpenBLAS,
/// the model, the config and recordings folder, systemd — one line each, with a fix under each problem.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check this machine for what yamg needs.",
        discussion: """
            One line per check (✓ ok, ! warning, ✗ failure; plain words when the output is not a terminal), a fix \
            under each problem, then a summary. Exit status 0 when nothing failed (warnings are fine), else 1.
            """)

    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: "The config file to check instead of the usual places (as yamg perform --config).") var config: String?
    @Option(help: "A model file to check instead of the configured or default one.") var model: String?

    func run() throws {
        let report = Doctor.run(.init(configFile: config, model: model, version: Yamg.version))
        if json {
            print(report.json(), terminator: "")
        } else {
            print("yamg \(Yamg.version) doctor")
            print(report.text(symbols: isatty(STDOUT_FILENO) == 1), terminator: "")
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
