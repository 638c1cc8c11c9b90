import Synchronization

/// The secrets of the control room: the bearer token of a run, and one-time login codes.
enum Secrets {
    /// 32 random bytes as 64 hex digits, from the system's cryptographic generator (getrandom on Linux).
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    /// Compares in time that does not depend on where the strings first differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}

/// Codes that each open the page once (the link the log prints, as Jupyter does): the page trades a code for the
/// token and the code is gone. A code not used within `lifetime` seconds expires.
final class OneTimeCodes: Sendable {
    private let codes = Mutex<[String: ContinuousClock.Instant]>([:])
    let lifetime: Duration

    init(lifetime: Duration = .seconds(3600)) { self.lifetime = lifetime }

    /// A new code.
    func issue() -> String {
        let code = Secrets.randomToken()
        let expires = ContinuousClock.now + lifetime
        codes.withLock { codes in
            codes = codes.filter { $0.value > .now }
            if codes.count < 64 { codes[code] = expires }
        }
        return code
    }

    /// Whether `code` is valid; it is used up either way.
    func redeem(_ code: String) -> Bool {
        codes.withLock { codes in
            guard let match = codes.keys.first(where: { Secrets.equal($0, code) }) else { return false }
            let expires = codes.removeValue(forKey: match)!
            return expires > .now
        }
    }
}
