import ControlRoom
import Foundation
import Logging
import Performance
import Render
import ServiceLifecycle

/// `yamg perform` as one thing to start: the session (performer, sinks, recorder) and the services around it,
/// composed in a swift-service-lifecycle `ServiceGroup`.
///
/// - ``PerformerService`` plays; when the session ends by itself (`--seconds`, one piece) the group shuts down.
/// - ``ControlSignalsService``: SIGHUP starts a new recording, SIGUSR1 reloads the config (live controls apply at
///   once, through ``LiveControls``, like every other surface).
/// - With `http` set, the control room (web page, JSON API, WebSocket, /metrics) runs as one more service; it talks
///   to the performer only through ``LiveControls`` and what the performer publishes, never making it wait.
/// - The group's own signal handling turns SIGINT and SIGTERM into a graceful shutdown: the performer silences
///   every sink and finishes the recording.
/// - systemd: `READY=1` once every part is up, `WATCHDOG=1` from the performer's loop (a stuck loop stops the
///   pings, and systemd restarts the daemon), `STOPPING=1` at the end.
public final class PerformDaemon {
    public let session: Session
    public let reloader: ConfigReloader
    /// The control room, when `http` is set.
    public let controlRoom: ControlRoom?
    private let notifier: SystemdNotifier
    private let logger: Logger

    /// Builds the session (every error a user must fix comes from here, before a note plays).
    /// `reloader` re-reads the config on SIGUSR1.
    public init(settings: PerformSettings, reloader: ConfigReloader, soundfontOrigin: SettingOrigin, sendProgram: Bool,
                logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        // Until the signal service traps them, SIGHUP and SIGUSR1 (a `systemctl reload` right after READY) must not
        // end the process, which is their default action; the service's sequence receives them once it runs.
        for sig in [SIGHUP, SIGUSR1] { signal(sig, SIG_IGN) }
        // The control room's settings are checked first, so a bad one stops the start before a sound is made.
        let roomSettings = try settings.http.map { address throws(ControlRoomError) in
            try Self.controlRoomSettings(settings, address: address, environment: environment)
        }
        let metrics = roomSettings.map { _ in ControlRoomMetrics() }
        session = try Session(settings: settings, soundfontOrigin: soundfontOrigin, sendProgram: sendProgram,
                              meters: metrics ?? NoMeters(), logger: logger, environment: environment)
        let performer = session.performer
        controlRoom = try roomSettings.map { room throws(ControlRoomError) in
            let link = PerformanceLink(live: performer.live, events: performer.events, status: performer.status,
                                       loadModel: settings.models == nil ? nil : Session.streamLoader(settings))
            return try ControlRoom(settings: room, link: link, metrics: metrics!, logger: logger)
        }
        self.reloader = reloader
        self.logger = logger
        notifier = SystemdNotifier(environment: environment)
    }

    /// Plays until the session ends or a stop signal; returns what the session did.
    public func run() async throws -> Performer.Report {
        let performer = PerformerService(session.performer)
        let signals = ControlSignalsService(live: session.live, reloader: reloader,
                                            midiControls: session.midiControlReload, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: signals)]
        if let room = controlRoom {
            let logger = logger
            services.append(.init(service: room.service { _ in
                logger.info("control room: \(room.loginLink() ?? "?") (this link opens the page once; yamg ctl link prints another)")
            }, failureTerminationBehavior: .gracefullyShutdownGroup))
        }
        // A group shuts its services down one at a time, last first: the performer is last, so a stop signal
        // silences the music at once, whatever the other services still wait for (a client's open request), and
        // no other service is being waited on when the performer's own time runs out.
        services.append(.init(service: performer, successTerminationBehavior: .gracefullyShutdownGroup,
                              failureTerminationBehavior: .gracefullyShutdownGroup))
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint],
                                                      logger: logger)
        // A client that holds a request open must not hold the daemon's exit for long.
        configuration.maximumGracefulShutdownDuration = Self.shutdownLimit
        let group = ServiceGroup(configuration: configuration)
        startWatchdog()
        do { try notifier.ready(status: "playing") } catch { logger.warning("\(error)") }
        defer { try? notifier.stopping() }
        try await group.run()
        return try performer.report()
    }

    /// How long the services other than the performer get to finish after it has stopped, before they are cancelled.
    static let shutdownLimit = Duration.seconds(3)

    /// The control room's settings from the daemon's: the address, token and host names as configured, the page's
    /// files beside the binary, the recordings and models folders, the runtime file for `yamg ctl`.
    static func controlRoomSettings(_ settings: PerformSettings, address: String,
                                    environment: [String: String]) throws(ControlRoomError) -> ControlRoomSettings {
        let web = try WebFolder.locate()
        var room = ControlRoomSettings(address: try ListenAddress(parsing: address), token: settings.httpToken, webFolder: web)
        _ = try room.checkedToken()
        room.hosts = settings.httpHosts
        room.recordings = settings.sessionsDirectory(environment: environment)
        room.models = settings.models.map { NSString(string: $0).expandingTildeInPath }
        room.runtimeFile = RuntimeFile.path(environment: environment)
        return room
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
