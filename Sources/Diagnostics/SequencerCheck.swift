import Foundation
import Performance

/// `yamg doctor`'s ALSA check: can `yamg perform --alsa` open a sequencer client here?
///
/// It opens (and closes) a real client, as the sink does, so a permission problem or a missing module shows up
/// exactly as it would at `perform` time; when it opens, it lists the ports yamg could `--connect` to.
enum SequencerCheck {
    static let device = "/dev/snd/seq"

    static func run() -> CheckResult {
        func result(_ status: CheckStatus, _ message: String, fix: String? = nil,
                    _ details: [String: CheckDetail] = [:]) -> CheckResult {
            CheckResult(id: "alsa-sequencer", title: "ALSA sequencer", status: status, message: message, fix: fix,
                        details: details.merging(["device": .text(device)]) { a, _ in a })
        }
        do {
            let client = try SequencerClient(name: "yamg doctor")
            defer { client.close() }
            let ports = client.writablePorts()
            let listed = ports.isEmpty ? "no writable ports yet" : "ports to --connect to: " + ports.joined(separator: ", ")
            return result(.ok, "\(device) opens (client \(client.id)); \(listed)",
                          ["client": .integer(Int(client.id)), "writable_ports": .list(ports)])
        } catch .noSequencer {
            return result(.fail, "\(device) does not exist: \(kernelNote())", fix: "load snd-seq (sudo modprobe snd-seq; "
                          + "list it in /etc/modules to keep it)" + kernelAdvice(),
                          ["problem": .text("missing"), "kernel": .text(kernelRelease())])
        } catch .permissionDenied {
            return result(.fail, "\(device) exists but this user may not open it (permission denied)",
                          fix: "add your user to the audio group (sudo usermod -aG audio $USER), then log in again",
                          ["problem": .text("permission denied")])
        } catch {
            return result(.fail, "\(error)", fix: "check `aconnect -l` and the kernel log (dmesg | grep -i snd)",
                          ["problem": .text("\(error)")])
        }
    }

    /// Why the device may be missing, from what the kernel shows: sound present but no sequencer, or no sound at all.
    private static func kernelNote() -> String {
        if FileManager.default.fileExists(atPath: "/proc/asound") {
            return "the kernel has sound but no sequencer loaded"
        }
        return "this kernel shows no sound support at all (no /proc/asound)"
    }

    /// A kernel without loadable modules (no /proc/modules) cannot `modprobe`: it needs another kernel.
    private static func kernelAdvice() -> String {
        guard !FileManager.default.fileExists(atPath: "/proc/asound"),
              !FileManager.default.fileExists(atPath: "/proc/modules") else { return "" }
        return "; this kernel (\(kernelRelease())) cannot load modules, so run yamg on a machine or VM whose kernel "
            + "has sound (CONFIG_SND_SEQUENCER)"
    }

    static func kernelRelease() -> String {
        let data = FileHandle(forReadingAtPath: "/proc/sys/kernel/osrelease")?.readDataToEndOfFile() ?? Data()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown" : text
    }
}
