/// Maps the stream's music time to session time at the current speed.
///
/// A speed change takes effect at the horizon (what is already scheduled keeps its times): the mapping is
/// re-anchored there, so the music neither jumps nor repeats.
struct Pace {
    private(set) var speed: Double
    private var sessionOrigin: Double
    private var musicOrigin: Double

    init(speed: Double, session: Double, music: Double) {
        self.speed = speed
        sessionOrigin = session
        musicOrigin = music
    }

    func sessionTime(music: Double) -> Double { sessionOrigin + (music - musicOrigin) / speed }
    func musicTime(session: Double) -> Double { musicOrigin + (session - sessionOrigin) * speed }

    /// Plays at `speed` from session time `session`, which is music time `music`.
    mutating func change(speed: Double, session: Double, music: Double) {
        self = Pace(speed: speed, session: session, music: music)
    }
}
