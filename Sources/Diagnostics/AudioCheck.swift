import Daemon
import Performance

/// `yamg doctor`'s FluidSynth audio check: which drivers this FluidSynth offers, and which of the usual ones
/// (PulseAudio, PipeWire, ALSA, plus the configured one) really open here.
///
/// JACK is probed only when it is the configured driver (opening it may start a JACK server); `file` always works.
enum AudioCheck {
    static let usual = [AudioDriver.pulseaudio, .pipewire, .alsa].map(\.rawValue)

    static func run(configured: AudioDriver) -> CheckResult {
        let offered = AudioDriverProbe.availableDrivers()
        let chosen = configured.rawValue
        let wanted = (usual + (configured == .file || usual.contains(chosen) ? [] : [chosen])).filter(offered.contains)
        let outcomes = wanted.map(AudioDriverProbe.probe)
        let working = outcomes.filter(\.opened).map(\.driver)
        let missing = usual.filter { !offered.contains($0) }

        var parts = outcomes.map { outcome in
            let name = outcome.driver + (outcome.driver == chosen ? " (configured)" : "")
            return outcome.opened ? "\(name) opens" : "\(name) does not open (\(outcome.problem!))"
        }
        if !missing.isEmpty { parts.append("\(missing.joined(separator: ", ")) not in this build") }
        let summary = parts.joined(separator: "; ")
        var details: [String: CheckDetail] = [
            "fluidsynth": .text(AudioDriverProbe.version), "offered": .list(offered), "configured": .text(chosen),
            "probed": .list(wanted), "working": .list(working),
        ]
        for outcome in outcomes where !outcome.opened { details["problem_\(outcome.driver)"] = .text(outcome.problem!) }
        func result(_ status: CheckStatus, _ message: String, fix: String? = nil) -> CheckResult {
            CheckResult(id: "audio", title: "audio", status: status,
                        message: "FluidSynth \(AudioDriverProbe.version): " + message, fix: fix, details: details)
        }

        if offered.isEmpty {
            return result(.fail, "this FluidSynth offers no audio driver",
                          fix: "reinstall libfluidsynth3 (sudo apt-get install --reinstall libfluidsynth3)")
        }
        if configured == .file || working.contains(chosen) {
            let note = configured == .file ? "file (configured) writes a WAV in real time; " : ""
            return result(.ok, note + summary)
        }
        if !offered.contains(chosen) {
            let choices = working.isEmpty ? "file" : working.joined(separator: ", ")
            return result(.warn, "the configured driver \(chosen) is not in this FluidSynth (it offers "
                              + offered.joined(separator: ", ") + "); " + summary,
                          fix: "set --audio-driver (audio-driver in the config) to one of: \(choices)")
        }
        if let other = working.first {
            return result(.warn, summary,
                          fix: "use --audio-driver \(other) (audio-driver = \"\(other)\" in the config)")
        }
        return result(.warn, "no sound on this machine: \(summary)",
                      fix: "start a sound server or give the machine a sound card; meanwhile render to a file: "
                          + "yamg perform MODEL --fluidsynth --audio-driver file --audio-file out.wav "
                          + "(make demo does that into demo/), or yamg generate MODEL -o out.mid --wav out.wav")
    }
}
