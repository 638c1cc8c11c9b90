import Logging
import Performance
import ServiceLifecycle
import UnixSignals

/// SIGHUP starts a new recording file; SIGUSR1 re-reads the config and applies its live controls and its
/// `[controls.midi]`. (SIGINT and SIGTERM are the service group's: they shut it down gracefully.)
struct ControlSignalsService: Service {
    let live: LiveControls
    let reloader: ConfigReloader
    let midiControls: MIDIControlMapHandoff?
    let logger: Logger

    func run() async throws {
        for await signal in await UnixSignalsSequence(trapping: .sighup, .sigusr1).cancelOnGracefulShutdown() {
            switch signal {
            case .sighup: live.rotate()
            case .sigusr1: reloader.reload(into: live, midiControls: midiControls, logger: logger)
            default: break
            }
        }
    }
}
