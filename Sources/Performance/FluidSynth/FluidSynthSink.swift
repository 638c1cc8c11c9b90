import CALSA
import CFluidSynth
import Foundation
import MIDIFile
import Render
import Synchronization

/// Why FluidSynth could not play; each description is one line a user can act on.
public enum FluidSynthError: Error, Equatable, CustomStringConvertible {
    case soundfont(path: String)
    case driver(name: String)
    case setup(String)

    public var description: String {
        switch self {
        case .soundfont(let path): "FluidSynth could not load the soundfont \(path) (is it an .sf2/.sf3 file?)"
        case .driver(let name):
            "FluidSynth could not open the '\(name)' audio driver (no sound server or device, or not in this FluidSynth build: "
                + "yamg doctor lists what works); "
                + "try another --audio-driver (pulseaudio, pipewire, alsa, jack), or --audio-driver file --audio-file out.wav "
                + "on a machine without sound"
        case .setup(let message): "FluidSynth: \(message)"
        }
    }
}

/// Plays events through libfluidsynth to an audio driver (pulseaudio, pipewire, alsa, jack, or `file`, which
/// renders a WAV in real time — for headless machines and tests).
///
/// Timing is FluidSynth's: events go to its sequencer stamped in the sequencer's clock, which counts the samples
/// the synth has rendered, so notes start on the audio's own timeline (within one 64-frame block) however late
/// our thread runs. Session time maps to sequencer ticks (ms) through an offset that follows the audio clock's
/// slow drift against the system clock.
public final class FluidSynthSink: Sink {
    public let name: String
    private let settings: OpaquePointer
    private let synth: OpaquePointer
    private let sequencer: OpaquePointer
    private let synthID: fluid_seq_id_t
    private let event: OpaquePointer
    private var driver: OpaquePointer?
    private let driverName: String
    /// Sequencer tick (ms) minus session milliseconds: the mapping from our clock to the audio's.
    private var offset = 0.0
    private var probe: DeliveryProbe?

    /// FluidSynth's log and libasound's error printer (its ALSA driver) would both write to our stderr; failures
    /// reach the user through our own errors instead.
    private static let quiet: Void = {
        yamg_fluid_set_quiet()
        yamg_alsa_silence_errors()
    }()

    /// Loads `soundfont` and prepares the synth; the audio starts in `start(now:)`.
    /// `audioFile` is the WAV the `file` driver writes.
    public init(soundfont: String, driver: String, audioFile: String? = nil, gain: Double = 0.5, program: U7 = 0,
                sampleRate: Double = 44100) throws(FluidSynthError) {
        _ = Self.quiet
        guard (0...10).contains(gain) else { throw .setup("gain \(gain) is outside 0–10") }
        guard Soundfont.isSoundfontFile(soundfont) else { throw .soundfont(path: soundfont) }
        guard let settings = new_fluid_settings() else { throw .setup("cannot create settings") }
        fluid_settings_setstr(settings, "audio.driver", driver)
        if let audioFile { fluid_settings_setstr(settings, "audio.file.name", audioFile) }
        fluid_settings_setnum(settings, "synth.gain", gain)
        fluid_settings_setnum(settings, "synth.sample-rate", sampleRate)
        fluid_settings_setint(settings, "synth.reverb.active", 1)
        // Chorus costs as much CPU as the voices of a piano part and is barely audible on one: off.
        fluid_settings_setint(settings, "synth.chorus.active", 0)
        // Load only the samples of the presets in use (a piano's, not all of a 148 MB General MIDI set).
        fluid_settings_setint(settings, "synth.dynamic-sample-loading", 1)
        guard let synth = new_fluid_synth(settings) else {
            delete_fluid_settings(settings)
            throw .setup("cannot create a synth")
        }
        guard fluid_synth_sfload(synth, soundfont, 1) != FLUID_FAILED else {
            delete_fluid_synth(synth)
            delete_fluid_settings(settings)
            throw .soundfont(path: soundfont)
        }
        for channel in Int32(0)..<16 where channel != 9 { fluid_synth_program_change(synth, channel, Int32(program)) }
        // The sequencer runs on the synth's sample clock (not the system timer): ticks follow the audio.
        let sequencer = new_fluid_sequencer2(0)!
        self.settings = settings
        self.synth = synth
        self.sequencer = sequencer
        self.synthID = fluid_sequencer_register_fluidsynth(sequencer, synth)
        self.event = new_fluid_event()!
        fluid_event_set_source(event, -1)
        fluid_event_set_dest(event, synthID)
        name = driver == "file" ? "fluidsynth (file \(audioFile ?? "fluidsynth.wav"))" : "fluidsynth (\(driver))"
        self.driverName = driver
    }

    deinit {
        close()
        delete_fluid_event(event)
        delete_fluid_sequencer(sequencer)
        delete_fluid_synth(synth)
        delete_fluid_settings(settings)
    }

    public func start(now: Double) throws {
        guard driver == nil else { return }
        guard let made = new_fluid_audio_driver(settings, synth) else { throw FluidSynthError.driver(name: driverName) }
        driver = made
        offset = Double(fluid_sequencer_get_tick(sequencer)) - now * 1000
    }

    public func schedule(_ events: [TimedEvent], now: Double) throws {
        follow(now: now)
        for e in events {
            switch e.kind {
            case .noteOn(let pitch, let velocity):
                fluid_event_noteon(event, Int32(e.channel), Int16(pitch), Int16(velocity))
            case .noteOff(let pitch):
                fluid_event_noteoff(event, Int32(e.channel), Int16(pitch))
            case .control(let controller, let value):
                fluid_event_control_change(event, Int32(e.channel), Int16(controller), Int32(value))
            case .program(let program):
                fluid_event_program_change(event, Int32(e.channel), Int32(program))
            }
            let tick = UInt32(max(0, (e.time * 1000 + offset).rounded()))
            guard fluid_sequencer_send_at(sequencer, event, tick, 1) == FLUID_OK else {
                throw FluidSynthError.setup("the sequencer refused an event")
            }
            if let probe {
                fluid_event_set_dest(event, probe.id)
                fluid_sequencer_send_at(sequencer, event, tick, 1)
                fluid_event_set_dest(event, synthID)
                probe.scheduled(tick: tick)
            }
        }
    }

    /// Moves the offset a little toward the measured one: the sequencer clock advances in 64-frame steps
    /// (1.45 ms at 44.1 kHz), so one reading is noisy, but the average tracks the audio clock's drift.
    private func follow(now: Double) {
        let measured = Double(fluid_sequencer_get_tick(sequencer)) - now * 1000
        let error = measured - offset
        offset += abs(error) > 50 ? error : 0.02 * error  // a jump (a stalled audio device) is taken at once
    }

    public func silence(sounding: [TimedEvent], channels: [U4], now: Double) throws {
        fluid_sequencer_remove_events(sequencer, -1, synthID, -1)
        for note in sounding {
            if case .noteOn(let pitch, _) = note.kind { fluid_synth_noteoff(synth, Int32(note.channel), Int32(pitch)) }
        }
        for channel in channels { fluid_synth_cc(synth, Int32(channel), 123, 0) }
    }

    /// Lets the audio run a moment so the note-offs' release is heard (and written), then frees everything.
    public func close() {
        guard let driver else { return }
        usleep(150_000)
        delete_fluid_audio_driver(driver)
        self.driver = nil
    }

    /// Measures when FluidSynth's sequencer delivers each event (for `yamg bench perform`): a copy of every event
    /// scheduled from now on also goes to a probe client that notes the sequencer's clock when it fires.
    public func enableProbe() {
        guard probe == nil else { return }
        let made = DeliveryProbe()
        made.id = fluid_sequencer_register_client(sequencer, "probe", { _, _, sequencer, data in
            let probe = Unmanaged<DeliveryProbe>.fromOpaque(data!).takeUnretainedValue()
            probe.delivered(tick: fluid_sequencer_get_tick(sequencer))
        }, Unmanaged.passUnretained(made).toOpaque())
        probe = made
    }

    /// Scheduled and delivered sequencer ticks (ms) of each probed event, in order of delivery.
    public func probeResults() -> [(scheduled: UInt32, delivered: UInt32)] { probe?.results() ?? [] }
}

/// The probe client's record: ticks asked for and ticks at which the sequencer fired (on the audio thread).
final class DeliveryProbe: @unchecked Sendable {  // `id` is set once before the first event
    var id: fluid_seq_id_t = -1
    private let ticks = Mutex<(scheduled: [UInt32], delivered: [UInt32])>(([], []))

    func scheduled(tick: UInt32) { ticks.withLock { $0.scheduled.append(tick) } }
    func delivered(tick: UInt32) { ticks.withLock { $0.delivered.append(tick) } }

    /// Pairs in order: the sequencer fires events of equal time in the order they were sent.
    func results() -> [(scheduled: UInt32, delivered: UInt32)] {
        ticks.withLock { t in
            let scheduled = t.scheduled.sorted()
            return zip(scheduled, t.delivered).map { ($0, $1) }
        }
    }
}
