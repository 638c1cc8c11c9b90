import Foundation
import MIDIFile
import Performance

/// The WebSocket's spelling of ``PerformanceEvent``s (the README's `GET /api/events` lists each shape).
enum EventJSON {
    static func json(_ event: PerformanceEvent) -> JSONValue? {
        switch event {
        case .sent(let events): notes("sent", events)
        case .received(let events): notes("received", events)
        case .controls(let source, let changes):
            .object([("type", "controls"), ("source", .string(source)), ("changes", .array(changes.map {
                .object([("key", .string($0.key)), ("old", .string($0.old)), ("new", .string($0.new))])
            }))])
        case .piece(let number, let time): .object([("type", "piece"), ("number", .int(number)), ("t", .seconds(time))])
        case .recording(let path, let start):
            .object([("type", "recording"), ("name", .string((path as NSString).lastPathComponent)), ("start", .seconds(start))])
        case .cut(let time, let reason): .object([("type", "cut"), ("t", .seconds(time)), ("reason", .string(reason))])
        case .paused(let paused, let time): .object([("type", "paused"), ("paused", .bool(paused)), ("t", .seconds(time))])
        case .model(let path, let time):
            .object([("type", "model"), ("name", .string((path as NSString).lastPathComponent)), ("t", .seconds(time))])
        case .warning(let message): .object([("type", "warning"), ("message", .string(message))])
        }
    }

    /// Note-ons and note-offs with their session times; other events (program, controllers) are left out.
    private static func notes(_ type: String, _ events: [TimedEvent]) -> JSONValue? {
        let notes: [JSONValue] = events.compactMap { event in
            switch event.kind {
            case .noteOn(let pitch, let velocity):
                .object([("t", .seconds(event.time)), ("on", .int(Int(pitch))), ("v", .int(Int(velocity))), ("ch", .int(Int(event.channel)))])
            case .noteOff(let pitch):
                .object([("t", .seconds(event.time)), ("off", .int(Int(pitch))), ("ch", .int(Int(event.channel)))])
            default: nil
            }
        }
        return notes.isEmpty ? nil : .object([("type", .string(type)), ("notes", .array(notes))])
    }
}
