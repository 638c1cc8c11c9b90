import Foundation
import Performance

/// `yamg perform --learn NAME`: opens the yamg client's input port (subscribing `listen`), waits for the first CC
/// message, writes it as `NAME`'s line of `[controls.midi]` in the config file (``MIDILearn``) and returns what it
/// wrote; nil when `timeout` seconds pass without one.
public enum MIDILearnSession {
    public static func run(_ target: MIDIControlTarget, configPath: String, listen: [String], timeout: Double?,
                           announce: (String) -> Void) throws -> MIDILearn.Written? {
        let client = try ALSASink(connect: [])
        defer { client.close(waitingAtMost: 0) }
        let queue = InputQueue()
        let start = ContinuousClock.now
        let port = try client.enableInput(listen: listen, queue: queue) { seconds(since: start) }
        announce("move the knob for \(target) on a controller connected to yamg:in (\(client.client):\(port)) "
                 + (client.listening.isEmpty ? "(aconnect CONTROLLER yamg:in, or --listen)" : "(listening to \(client.listening.joined(separator: ", ")))")
                 + "; Ctrl-C gives up…")
        let deadline = timeout ?? .infinity
        while seconds(since: start) < deadline {
            _ = queue.bell.wait(milliseconds: 100)
            for event in queue.take().events {
                guard case .control(let controller, _) = event.kind else { continue }
                return try MIDILearn.write(target, cc: controller, channel: Int(event.channel.rawValue) + 1, to: configPath)
            }
        }
        return nil
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Where learning writes: `--config`, else the config file found, else the user's (`~/.config/yamg/yamg.toml`).
    public static func configPath(configFlag: String?, found: String?,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        guard let path = configFlag ?? found ?? ConfigFileSearch.candidates(environment: environment).first(where: { $0 != ConfigFileSearch.systemPath })
        else { return nil }
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
