import Basics
import Foundation
import Generation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Performance
import ServiceLifecycle
import Synchronization

/// The control room: a local web page with a live piano roll and every control, its JSON API, the WebSocket of
/// events and Prometheus metrics, served beside a running performance.
///
/// It runs on SwiftNIO's threads, never on the performer's: it changes the music only through ``LiveControls``
/// (the requests the performer takes once per tick) and learns about it only from the ``EventHub`` and the
/// ``StatusBoard``, neither of which ever makes the performer wait.
public final class ControlRoom: Sendable {
    public let settings: ControlRoomSettings
    let link: PerformanceLink
    public let metrics: ControlRoomMetrics
    let policy: AccessPolicy
    let codes = OneTimeCodes()
    let limiter: RateLimiter
    let assets: WebAssets
    let recordings: RecordingLibrary
    let sampler = RateSampler()
    let logger: Logger
    /// The address the server bound, once it runs (the port is the system's pick when the settings say 0).
    let bound = Mutex<ListenAddress?>(nil)
    /// When the control room started (the uptime in the status).
    let started = ContinuousClock.now

    /// Checks the settings and reads the page's files; every error is one line for the user to fix.
    public init(settings: ControlRoomSettings, link: PerformanceLink, metrics: ControlRoomMetrics = ControlRoomMetrics(),
                logger: Logger) throws(ControlRoomError) {
        let token = try settings.checkedToken()
        self.settings = settings
        self.link = link
        self.metrics = metrics
        self.logger = logger
        policy = AccessPolicy(token: token, address: settings.address, extraHosts: settings.hosts)
        limiter = RateLimiter(rate: settings.writesPerSecond, burst: settings.writeBurst)
        assets = try WebAssets(folder: settings.webFolder)
        recordings = RecordingLibrary(folder: settings.recordings)
    }

    /// The token of this run.
    public var token: String { policy.token }

    /// The base URL, once the server runs.
    public var url: String? { bound.withLock { $0 }.map { "http://\($0)" } }

    /// A link that opens the page once (it trades the code for the token): what the log prints at start.
    public func loginLink() -> String? {
        url.map { "\($0)/?once=\(codes.issue())" }
    }

    /// The server as a service for the daemon's `ServiceGroup`; `onRunning` is called with the base URL once it
    /// listens. The runtime file (address and token for `yamg ctl`) exists while it runs.
    public func service(onRunning: @escaping @Sendable (String) -> Void = { _ in }) -> some Service {
        ControlRoomService(room: self, onRunning: onRunning)
    }

    func application(onRunning: @escaping @Sendable (String) -> Void) -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: AccessMiddleware(policy: policy, limiter: limiter, maxBody: settings.maxBody))
        addRoutes(to: router)
        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        addEventStream(to: webSocketRouter)
        let address = settings.address
        return Application(
            router: router,
            server: .http1WebSocketUpgrade(webSocketRouter: webSocketRouter, configuration: .init(
                http1: .init(idleTimeout: .seconds(60)),
                ws: .init(maxFrameSize: 4096, autoPing: .enabled(timePeriod: .seconds(30))))),
            configuration: .init(address: .hostname(address.bindHost, port: address.port), serverName: nil),
            onServerRunning: { [self] channel in
                let port = channel.localAddress?.port ?? address.port
                let actual = ListenAddress(host: address.host, port: port)
                bound.withLock { $0 = actual }
                policy.bound(port: port)
                onRunning("http://\(actual)")
            },
            logger: logger)
    }
}

/// Runs the server; writes the runtime file once it listens and removes it at the end.
struct ControlRoomService: Service {
    let room: ControlRoom
    let onRunning: @Sendable (String) -> Void

    func run() async throws {
        let written = Mutex<(RuntimeFile, String)?>(nil)
        let room = room, onRunning = onRunning
        let app = room.application { url in
            if let path = room.settings.runtimeFile {
                let file = RuntimeFile(url: url, token: room.token, pid: getpid())
                do {
                    try file.write(to: path)
                    written.withLock { $0 = (file, path) }
                } catch {
                    room.logger.warning("\(error); yamg ctl will need --url and --token")
                }
            }
            onRunning(url)
        }
        defer { if let (file, path) = written.withLock({ $0 }) { file.remove(from: path) } }
        do { try await app.run() } catch where room.url == nil {
            throw ControlRoomError.request("the control room cannot listen on \(room.settings.address) (is another program using it?): \(error)")
        }
    }
}

/// Tokens a second and CPU use, measured over at least a second between two looks (a status request).
final class RateSampler: Sendable {
    private struct Sample {
        var at = ContinuousClock.now
        var tokens = 0
        var cpu = ProcessStats.cpuSeconds()
        var tokensPerSecond = 0.0
        var cpuPercent = 0.0
    }

    private let state = Mutex(Sample())

    /// The latest rates, updated when a second or more has passed since the previous sample.
    func rates(tokens: Int) -> (tokensPerSecond: Double, cpuPercent: Double) {
        state.withLock { sample in
            let now = ContinuousClock.now
            let elapsed = now - sample.at
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if seconds >= 1 {
                let cpu = ProcessStats.cpuSeconds()
                sample.tokensPerSecond = Double(max(0, tokens - sample.tokens)) / seconds
                sample.cpuPercent = (cpu - sample.cpu) / seconds * 100
                (sample.at, sample.tokens, sample.cpu) = (now, tokens, cpu)
            }
            return (sample.tokensPerSecond, sample.cpuPercent)
        }
    }
}
