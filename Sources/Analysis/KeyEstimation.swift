import MIDIFile

extension MusicalKey {
    /// Krumhansl and Kessler's probe-tone ratings (1982): how well each pitch class, counted from the tonic, fits a
    /// major or a minor key.
    static let majorProfile: [Double] = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88]
    static let minorProfile: [Double] = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17]

    /// The key whose profile correlates best with `weights`, twelve numbers by pitch class (C first), such as how
    /// long each pitch class sounded — the Krumhansl–Schmuckler algorithm. Nil when the weights are all equal
    /// (nothing played, or all twelve alike).
    public static func estimate(pitchClassWeights weights: [Double]) -> MusicalKey? {
        precondition(weights.count == 12, "twelve pitch-class weights")
        var best: (key: MusicalKey, r: Double)?
        for key in all {
            let profile = key.mode == .major ? majorProfile : minorProfile
            let r = correlation(weights, (0..<12).map { profile[(($0 - key.tonic) % 12 + 12) % 12] })
            if let r, r > best?.r ?? -.infinity { best = (key, r) }
        }
        return best?.key
    }

    /// The key of `notes`, each pitch class weighted by how long it sounds.
    public static func estimate(notes: [Note]) -> MusicalKey? {
        var weights = [Double](repeating: 0, count: 12)
        for n in notes { weights[Int(n.pitch) % 12] += max(0, n.end - n.start) }
        return estimate(pitchClassWeights: weights)
    }

    private static func correlation(_ x: [Double], _ y: [Double]) -> Double? {
        let mx = x.reduce(0, +) / 12, my = y.reduce(0, +) / 12
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<12 {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        guard sxx > 0 && syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
