import CALSA
import Foundation

/// Why the ALSA sequencer could not be used; each description is one line a user can act on.
public enum ALSAError: Error, Equatable, CustomStringConvertible {
    /// `/dev/snd/seq` does not exist: the kernel has no sequencer loaded (or no sound support at all).
    case noSequencer
    /// `/dev/snd/seq` exists but this user may not open it.
    case permissionDenied
    /// A `--connect` destination names no port; `available` lists the writable ports ("14:0 Midi Through Port-0 (Midi Through)").
    case unknownDestination(String, available: [String])
    /// The destination exists but refused the subscription (not writable, or not subscribable).
    case cannotConnect(String, code: Int32)
    /// Any other failing call: `call` is what we tried ("snd_seq_create_port"), `code` the negative errno it returned.
    case failed(call: String, code: Int32)

    public var description: String {
        switch self {
        case .noSequencer:
            "no ALSA sequencer: /dev/snd/seq does not exist; fix: load the kernel module with `sudo modprobe snd-seq` "
                + "(list it in /etc/modules to keep it) and add yourself to group audio (`sudo usermod -aG audio $USER`)"
        case .permissionDenied:
            "permission denied opening /dev/snd/seq; fix: add yourself to group audio (`sudo usermod -aG audio $USER`), "
                + "then log in again"
        case .unknownDestination(let name, let available):
            "unknown ALSA destination \"\(name)\"; writable ports: "
                + (available.isEmpty ? "none" : available.joined(separator: ", "))
                + " (give CLIENT:PORT or a client name; `aconnect -o` lists them)"
        case .cannotConnect(let name, let code):
            "cannot connect to ALSA destination \"\(name)\": \(Self.text(code)) (is it a writable port? `aconnect -o` lists them)"
        case .failed(let call, let code):
            "ALSA sequencer: \(call) failed: \(Self.text(code))"
        }
    }

    /// The error for a failing `snd_seq_open`: the two common causes get their own advice.
    static func opening(code: Int32) -> ALSAError {
        switch -code {
        case ENOENT, ENODEV, ENXIO: .noSequencer
        case EACCES, EPERM: .permissionDenied
        default: .failed(call: "snd_seq_open", code: code)
        }
    }

    /// `snd_strerror`'s text for a negative error code.
    static func text(_ code: Int32) -> String {
        guard let message = snd_strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}

/// Returns `result` when it is not negative, else throws `.failed(call:code:)` (ALSA returns -errno on failure).
@discardableResult
func alsaCheck(_ result: Int32, _ call: @autoclosure () -> String) throws(ALSAError) -> Int32 {
    guard result >= 0 else { throw .failed(call: call(), code: result) }
    return result
}
