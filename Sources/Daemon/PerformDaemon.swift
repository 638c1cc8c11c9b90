import Foundation
import Logging
import Performance
import ServiceLifecycle

/// `yamg perform` as one thing to start: the session (performer, sinks, recorder) and the services around it,
/// composed in a swift-service-lifecycle `ServiceGroup`.
///
/// - ``PerformerService`` plays; when the session ends by itself (`--seconds`, one piece) the group shuts down.
/// - ``ControlSignalsService``: SIGHUP starts a new recording, SIGUSR1 reloads the config (live controls apply at
///   once, through ``LiveControls``, like every other surface).
/// - The group's own signal handling turns SIGINT and SIGTERM into a graceful shutdown: the performer silences
///   every sink and finishes the recording.
/// - systemd: `READY=1` once every part is up, `WATCHDOG=1` from the performer's loop (a stuck loop stops the
///   pings, and systemd restarts the daemon), `STOPPING=1` at the end.
public final class PerformDaemon {
    public let session: Session
    public let reloader: ConfigReloader
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// Builds the session (every error a user must fix comes from here, before a note plays).
    /// `reloader` re-reads the config on SIGUSR1.
    public init(settings: PerformSettings, reloader: ConfigReloader, soundfontOrigin: SettingOrigin, sendProgram: Bool,
                logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        // Until the signal service traps them, SIGHUP and SIGUSR1 (a `systemctl reload` right after READY) must not
        // end the process, which is their default action; the service's sequence receives them once it runs.
        for sig in [SIGHUP, SIGUSR1] { signal(sig, SIG_IGN) }
        session = try Session(settings: settings, soundfontOrigin: soundfontOrigin, sendProgram: sendProgram,
                              logger: logger, environment: environment)
        self.reloader = reloader
        self.logger = logger
        notifier = SystemdNotifier(environment: environment)
    }

    /// Plays until the session ends or a stop signal; returns what the session did.
    public func run() async throws -> Performer.Report {
        let performer = PerformerService(session.performer)
        let signals = ControlSignalsService(live: session.live, reloader: reloader, logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [
                .init(service: performer, successTerminationBehavior: .gracefullyShutdownGroup,
                      failureTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: signals),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        startWatchdog()
        do { try notifier.ready(status: "playing") } catch { logger.warning("\(error)") }
        defer { try? notifier.stopping() }
        try await group.run()
        return try performer.report()
    }

    /// Pings systemd's watchdog from the performer's own loop, at half the timeout.
    private func startWatchdog() {
        guard let ping = notifier.watchdogPingInterval else { return }
        let interval = Double(ping.components.seconds) + Double(ping.components.attoseconds) * 1e-18
        let notifier = notifier, logger = logger
        var next = 0.0
        session.performer.onTick = { now in
            guard now >= next else { return }
            next = now + interval
            do { try notifier.watchdog() } catch { logger.warning("\(error)") }
        }
    }
}
