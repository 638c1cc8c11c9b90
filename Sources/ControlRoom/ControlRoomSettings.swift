import Performance

/// What the control room needs to start: where to listen and who may talk to it, and the folders it shows.
public struct ControlRoomSettings: Sendable {
    public var address: ListenAddress
    /// The bearer token; nil: a fresh random one per start (only allowed on loopback).
    public var token: String?
    /// More `Host` names to answer to (a name this machine is reached by), beside localhost and the address.
    public var hosts: [String] = []
    /// The folder of the page's files (`web/` in the repository, `share/yamg/web` installed).
    public var webFolder: String
    /// The session recordings (nil: not recording).
    public var recordings: String?
    /// The folder of models the page may switch to (`--models`); nil: no picker.
    public var models: String?
    /// Where the address and token are written for `yamg ctl` (nil: nowhere).
    public var runtimeFile: String?
    /// The largest request body accepted (413 beyond).
    public var maxBody = 16 * 1024
    /// Writes (PATCH, POST) per second on average, and in a burst (429 beyond).
    public var writesPerSecond = 10.0
    public var writeBurst = 20.0

    public init(address: ListenAddress, token: String?, webFolder: String) {
        self.address = address
        self.token = token
        self.webFolder = webFolder
    }

    /// The token rules: beyond loopback one must be given; a given one must be long and plain.
    public func checkedToken() throws(ControlRoomError) -> String {
        guard let token else {
            guard address.isLoopback else { throw .tokenRequired(address) }
            return Secrets.randomToken()
        }
        if let problem = Self.tokenProblem(token) { throw .badToken(problem) }
        return token
    }

    /// The first of `candidates` that holds the page (`index.html`).
    public static func locateWebFolder(_ candidates: [String]) throws(ControlRoomError) -> String {
        try WebAssets.locate(candidates)
    }

    /// What is wrong with a given token, or nil: at least 32 characters of printable ASCII, no spaces or commas
    /// (it travels in a header and a WebSocket subprotocol).
    public static func tokenProblem(_ token: String) -> String? {
        guard token.count >= 32 else { return "at least 32 characters, got \(token.count)" }
        guard token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "," }) else {
            return "printable ASCII without spaces or commas only"
        }
        return nil
    }
}

/// The running performance as the control room sees it: only what may be touched from other threads.
public struct PerformanceLink: Sendable {
    public var live: LiveControls
    public var events: EventHub
    public var status: StatusBoard
    /// Loads a model file into a stream ready to play (off the performer's thread); nil: no model picker.
    public var loadModel: (@Sendable (String) throws -> StreamHandoff)?

    public init(live: LiveControls, events: EventHub, status: StatusBoard,
                loadModel: (@Sendable (String) throws -> StreamHandoff)? = nil) {
        self.live = live
        self.events = events
        self.status = status
        self.loadModel = loadModel
    }
}
