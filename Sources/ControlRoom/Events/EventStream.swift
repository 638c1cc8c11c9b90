import Foundation
import Hummingbird
import HummingbirdWebSocket
import Performance
import ServiceLifecycle

/// `GET /api/events`, the WebSocket: each text message is `{"now": T, "dropped": N, "events": [...]}` with the
/// events published since the previous message (``EventJSON`` spells each), sent every 50 ms when there are any
/// and once a second otherwise (so the page's clock stays right while nothing plays). The first message holds one
/// `hello` event with the recording and whether playing is paused.
///
/// Each client reads the ``EventHub`` with a cursor of its own; a client too slow to keep up misses the oldest
/// events (counted in `dropped` and in the metrics), and never holds up the performer or the other clients.
extension ControlRoom {
    func addEventStream(to router: Router<BasicWebSocketRequestContext>) {
        router.ws("/api/events") { request, _ in
            // Refused here, the request goes on to the HTTP router, whose checks answer 421, 403 or 401.
            guard self.policy.allowsHost(request.head.authority), self.policy.allowsOrigin(request.headers[.origin]) else {
                return .dontUpgrade
            }
            if self.policy.allowsToken(request.headers[.authorization]) { return .upgrade([:]) }
            if let offered = self.policy.allowsSubprotocol(request.headers[.secWebSocketProtocol]) {
                return .upgrade([.secWebSocketProtocol: offered])
            }
            return .dontUpgrade
        } onUpgrade: { inbound, outbound, _ in
            self.metrics.clientsChanged(by: 1)
            defer { self.metrics.clientsChanged(by: -1) }
            // A shutdown of the daemon ends every stream (the server waits for its connections to finish).
            try await cancelWhenGracefulShutdown {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // Reading what the client sends (nothing is expected) is what notices that it has gone.
                    group.addTask { for try await _ in inbound.messages(maxSize: 4096) {} }
                    group.addTask { try await self.stream(to: outbound) }
                    try await group.next()
                    group.cancelAll()
                }
            }
        }
    }

    private func stream(to outbound: WebSocketOutboundWriter) async throws {
        let hub = link.events
        var cursor = hub.cursor
        let status = link.status.current
        var hello: [(String, JSONValue)] = [("type", "hello"), ("paused", .bool(link.live.isPaused))]
        if let path = status.recording {
            hello += [("recording", .string((path as NSString).lastPathComponent)), ("recording_start", .seconds(status.recordingStart))]
        }
        try await outbound.write(.text(message(now: status.now, dropped: 0, events: [.object(hello)])))
        var quiet = 0
        var ended = false
        while !Task.isCancelled && !ended {
            try await Task.sleep(for: .milliseconds(50))
            ended = link.status.current.finished  // the session is over: send what is left, then close
            let batch = hub.read(after: cursor)
            cursor = batch.cursor
            if batch.dropped > 0 { metrics.webSocketDropped.increment(by: Int64(batch.dropped)) }
            let events = batch.events.compactMap(EventJSON.json)
            quiet += 1
            guard !events.isEmpty || batch.dropped > 0 || quiet >= 20 || ended else { continue }
            quiet = 0
            try await outbound.write(.text(message(now: link.status.current.now, dropped: batch.dropped, events: events)))
        }
    }

    private func message(now: Double, dropped: Int, events: [JSONValue]) -> String {
        JSONValue.object([("now", .seconds(now)), ("dropped", .int(dropped)), ("events", .array(events))]).text
    }
}
