import Foundation
import Generation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Performance

/// The routes of the page and the API (the README's "Control room" section documents each).
extension ControlRoom {
    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.get("/") { _, _ in self.asset("index.html") }
        router.get("/:file") { _, context in self.asset(context.parameters.get("file") ?? "") }
        router.get("/metrics") { _, _ in
            Responses.bytes(Data(self.metrics.text().utf8), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.post("/api/login") { request, context in try await self.login(request, context) }
        router.post("/api/links") { _, _ in
            Responses.json(.object([("url", .optional(self.loginLink()))]))
        }
        router.get("/api/state") { _, _ in Responses.json(self.state()) }
        router.patch("/api/controls") { request, context in try await self.patchControls(request, context) }
        router.post("/api/actions/:action") { request, context in try await self.action(request, context) }
        router.get("/api/recordings") { _, _ in Responses.json(self.recordingList()) }
        router.get("/api/recordings/:name") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let data = self.recordings.read(name) else { return Responses.error(.notFound, "no recording named '\(name)'") }
            return Responses.bytes(data, type: "audio/midi",
                                   headers: [.contentDisposition: "attachment; filename=\"\(name)\""])
        }
        router.get("/api/recordings/:name/notes") { _, context in
            let name = context.parameters.get("name") ?? ""
            guard let notes = self.recordings.notes(name) else { return Responses.error(.notFound, "no recording named '\(name)'") }
            return Responses.json(notes)
        }
        router.get("/api/events") { _, _ in
            Responses.error(.upgradeRequired, "this is a WebSocket: connect with Upgrade: websocket",
                            headers: [HTTPField.Name("Upgrade")!: "websocket"])
        }
    }

    func asset(_ name: String) -> Response {
        guard let asset = assets.files[name] else { return Responses.error(.notFound, "not found") }
        return Responses.bytes(asset.data, type: asset.type, headers: [.cacheControl: "no-cache"])
    }

    /// The body of a write, at most `maxBody` bytes (413 beyond, whatever Content-Length said).
    func body(_ request: Request) async -> Data? {
        guard let buffer = try? await request.body.collect(upTo: settings.maxBody) else { return nil }
        return Data(buffer: buffer)
    }

    /// `POST /api/login {"code": "…"}`: trades a one-time code (from the link in the log) for the token.
    func login(_ request: Request, _ context: BasicWebSocketRequestContext) async throws -> Response {
        guard let data = await body(request) else { return Responses.error(.contentTooLarge, "request body over \(settings.maxBody) bytes") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let code = object["code"] as? String,
              codes.redeem(code) else {
            return Responses.error(.unauthorized, "this link was used or has expired: `yamg ctl link` prints a new one")
        }
        return Responses.json(.object([("token", .string(token))]))
    }

    /// `PATCH /api/controls`: any subset of the controls, checked as every surface checks them (400 with the
    /// same words otherwise); answers with every control's value.
    func patchControls(_ request: Request, _ context: BasicWebSocketRequestContext) async throws -> Response {
        guard let data = await body(request) else { return Responses.error(.contentTooLarge, "request body over \(settings.maxBody) bytes") }
        // Parsed and checked outside the lock the performer takes; then the named keys alone are set, so a change
        // from another surface in between is kept.
        var wanted = link.live.controls
        let keys: [ControlKey]
        do { keys = try ControlsJSON.apply(data, to: &wanted) } catch { return Responses.error(.badRequest, error.description) }
        do {
            try link.live.change(from: "http") { controls throws(ControlError) in
                for key in keys { try controls.set(key, text: wanted.text(key)) }
            }
        } catch {
            return Responses.error(.badRequest, error.description)
        }
        return Responses.json(.object([("controls", ControlsDescription.values(link.live.controls))]))
    }

    /// `POST /api/actions/{pause,resume,panic,next,rotate,model}`.
    func action(_ request: Request, _ context: BasicWebSocketRequestContext) async throws -> Response {
        let name = context.parameters.get("action") ?? ""
        let live = link.live
        switch name {
        case "pause": live.pause()
        case "resume": live.resume()
        case "panic": live.panic()
        case "next": live.next()
        case "rotate": live.rotate()
        case "model": return try await switchModel(request)
        default:
            return Responses.error(.notFound, "no action '\(name)': pause, resume, panic, next, rotate or model")
        }
        return Responses.json(.object([("done", .string(name))]))
    }

    /// `POST /api/actions/model {"name": "x.safetensors"}`: loads a model of the `--models` folder (on a thread of
    /// its own, not the performer's) and hands it to the performer, which plays it from its next tick.
    func switchModel(_ request: Request) async throws -> Response {
        guard let data = await body(request) else { return Responses.error(.contentTooLarge, "request body over \(settings.maxBody) bytes") }
        guard let catalog = ModelCatalog(folder: settings.models), let load = link.loadModel else {
            return Responses.error(.notFound, "no model folder: start yamg perform with --models DIR")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let name = object["name"] as? String else {
            return Responses.error(.badRequest, "expected {\"name\": \"MODEL.safetensors\"}, one of GET /api/state's models")
        }
        guard let path = catalog.path(of: name) else { return Responses.error(.notFound, "no model named '\(name)' in \(catalog.folder)") }
        let result: Result<StreamHandoff, any Error> = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Result { try load(path) }) }
            thread.name = "yamg model loader"
            thread.start()
        }
        switch result {
        case .success(let handoff):
            link.live.play(handoff)
            return Responses.json(.object([("done", "model"), ("name", .string(name))]))
        case .failure(let error):
            return Responses.error(.badRequest, "\(name): \(error)")
        }
    }

    func recordingList() -> JSONValue {
        let current = link.status.current.recording.map { ($0 as NSString).lastPathComponent }
        return .object([("recordings", .array(recordings.list().map { entry in
            .object([("name", .string(entry.name)), ("bytes", .int(entry.bytes)), ("modified", .seconds(entry.modified)),
                     ("current", .bool(entry.name == current))])
        }))])
    }

    /// `GET /api/state`: everything the page's status panel and widgets need.
    func state() -> JSONValue {
        let status = link.status.current
        let rates = sampler.rates(tokens: status.tokens)
        let uptime = ContinuousClock.now - started
        let models = ModelCatalog(folder: settings.models)?.names() ?? []
        var recording: JSONValue = .null
        if let path = status.recording {
            recording = .object([("name", .string((path as NSString).lastPathComponent)), ("path", .string(path)),
                                 ("start", .seconds(status.recordingStart))])
        }
        return .object([
            ("now", .seconds(status.now)),
            ("start", .seconds(status.start)),
            ("uptime", .seconds(Double(uptime.components.seconds))),
            ("paused", .bool(link.live.isPaused)),
            ("finished", .bool(status.finished)),
            ("model", .object([("path", .string(status.model)), ("name", .string((status.model as NSString).lastPathComponent)),
                               ("about", .string(status.modelInfo))])),
            ("models", .array(models.map { .string($0) })),
            ("sinks", .array(status.sinks.map { .object([("name", .string($0)), ("ok", true)]) }
                + status.failedSinks.map { .object([("name", .string($0)), ("ok", false)]) })),
            ("events", .int(status.events)),
            ("late_events", .int(status.lateEvents)),
            ("tokens", .int(status.tokens)),
            ("pieces", .int(status.pieces)),
            ("tokens_per_second", .number((rates.tokensPerSecond * 10).rounded() / 10)),
            ("cpu_percent", .number((rates.cpuPercent * 10).rounded() / 10)),
            ("recording", recording),
            ("websocket_clients", .int(metrics.clientCount)),
            ("controls", ControlsDescription.values(link.live.controls)),
            ("control_specs", ControlsDescription.specs()),
        ])
    }
}
