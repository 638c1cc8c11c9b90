import Testing

extension Tag {
    /// Takes more than a few seconds: training, FluidSynth in real time, the ALSA VM, a pass over all the shared
    /// data. Every test with this tag also has a `.timeLimit`, so that `make test` (the whole suite, release build)
    /// stays under 10 minutes on 2 cores; while iterating, run the suites you touch with `swift test --filter`.
    @Tag public static var slow: Self

    /// Boots the throw-away ALSA VM of `../shared/tools/alsa-vm` (a known issue, not a failure, where it cannot start).
    @Tag public static var alsaVM: Self
}
