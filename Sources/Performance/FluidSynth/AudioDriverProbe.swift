import CFluidSynth
import Foundation

/// What this machine's FluidSynth offers for live audio, and whether a driver really opens.
///
/// `yamg doctor` uses it to tell, before `yamg perform --fluidsynth` is started, which `--audio-driver` will work.
/// A probe opens the driver for a moment with a synth that has no soundfont (silence), then closes it.
public enum AudioDriverProbe {
    /// The outcome of opening one driver: nil `problem` when it opened.
    public struct Outcome: Sendable, Equatable {
        public var driver: String
        /// FluidSynth's own words for why it did not open (its last error log line), or a generic reason.
        public var problem: String?
        public var opened: Bool { problem == nil }
    }

    /// FluidSynth's version ("2.3.1").
    public static var version: String { String(cString: fluid_version_str()) }

    /// The audio drivers this build of libfluidsynth was compiled with (the options of `audio.driver`), sorted.
    public static func availableDrivers() -> [String] {
        guard let settings = new_fluid_settings() else { return [] }
        defer { delete_fluid_settings(settings) }
        let names = NameList()
        withExtendedLifetime(names) {
            fluid_settings_foreach_option(settings, "audio.driver", Unmanaged.passUnretained(names).toOpaque()) { data, _, option in
                guard let data, let option else { return }
                Unmanaged<NameList>.fromOpaque(data).takeUnretainedValue().names.append(String(cString: option))
            }
        }
        return names.names.sorted()
    }

    /// The driver FluidSynth picks when none is set (`pulseaudio` on Debian's build).
    public static func defaultDriver() -> String? {
        guard let settings = new_fluid_settings() else { return nil }
        defer { delete_fluid_settings(settings) }
        var value: UnsafeMutablePointer<CChar>?
        guard fluid_settings_getstr_default(settings, "audio.driver", &value) == FLUID_OK, let value else { return nil }
        return String(cString: value)
    }

    /// Opens `driver` with a silent synth and closes it again. FluidSynth's log is captured meanwhile, so the
    /// outcome carries its reason ("Failed to create PulseAudio connection"); afterwards the log is quiet again,
    /// as the sinks keep it.
    public static func probe(_ driver: String) -> Outcome {
        let log = NameList()
        let context = Unmanaged.passUnretained(log).toOpaque()
        for level in FLUID_PANIC.rawValue...FLUID_WARN.rawValue {
            fluid_set_log_function(Int32(level), { _, message, data in
                guard let data, let message else { return }
                Unmanaged<NameList>.fromOpaque(data).takeUnretainedValue().names.append(String(cString: message))
            }, context)
        }
        defer { yamg_fluid_set_quiet() }
        return withExtendedLifetime(log) { () -> Outcome in
            guard let settings = new_fluid_settings() else { return Outcome(driver: driver, problem: "cannot create settings") }
            defer { delete_fluid_settings(settings) }
            guard fluid_settings_setstr(settings, "audio.driver", driver) == FLUID_OK else {
                return Outcome(driver: driver, problem: "not compiled into this FluidSynth")
            }
            guard let synth = new_fluid_synth(settings) else { return Outcome(driver: driver, problem: "cannot create a synth") }
            defer { delete_fluid_synth(synth) }
            guard let opened = new_fluid_audio_driver(settings, synth) else {
                let reason = log.names.last { !$0.isEmpty } ?? "it did not open"
                return Outcome(driver: driver, problem: reason.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            delete_fluid_audio_driver(opened)
            return Outcome(driver: driver, problem: nil)
        }
    }

    /// Strings collected by a C callback through its `void *data`.
    private final class NameList {
        var names: [String] = []
    }
}
