/// FluidSynth's audio drivers that `yamg perform --fluidsynth` offers (FluidSynth's own names for them).
public enum AudioDriver: String, CaseIterable, Sendable {
    /// The desktop default: PulseAudio, and PipeWire through its pipewire-pulse server, which every PipeWire desktop runs.
    case pulseaudio
    /// PipeWire's own API.
    case pipewire
    /// ALSA straight to the sound card: the choice for a system service, which no desktop sound server serves.
    case alsa
    /// JACK, for a studio setup.
    case jack
    /// A WAV file written in real time (`audio-file`): a headless machine, a test.
    case file
}
