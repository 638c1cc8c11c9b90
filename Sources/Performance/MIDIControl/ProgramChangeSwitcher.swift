import Foundation
import Logging
import MIDIFile
import Synchronization

/// MIDI Program Change N plays the Nth model of the `--models` folder (N from 0, in sorted file order — the
/// control room's list), from the next piece on: the folder is read and the model loaded on a thread of its own,
/// then it waits in ``LiveControls/playAtPieceEnd(_:)`` for the piece playing to end, so the music never waits.
///
/// A number past the end of the list is logged once (per number) and ignored. Changes arriving while a model
/// loads are not queued: the latest wins once the load in progress is done.
public final class ProgramChangeSwitcher: Sendable {
    public typealias Loader = @Sendable (String) throws -> StreamHandoff

    private struct State {
        /// The program asked for last and not yet being loaded.
        var wanted: Int?
        var loading = false
        var warned: Set<Int> = []
    }

    public let catalog: ModelCatalog
    private let load: Loader
    private let live: LiveControls
    private let logger: Logger
    private let state = Mutex(State())

    public init(catalog: ModelCatalog, load: @escaping Loader, live: LiveControls, logger: Logger) {
        self.catalog = catalog
        self.load = load
        self.live = live
        self.logger = logger
    }

    /// A Program Change message (any channel). Returns at once.
    public func programChange(_ program: U7) {
        let startLoader = state.withLock { state in
            state.wanted = program.int
            defer { state.loading = true }
            return !state.loading
        }
        if startLoader {
            let thread = Thread { [self] in loadWanted() }
            thread.name = "yamg model loader"
            thread.start()
        }
    }

    /// Whether a load is in progress or asked for (tests wait on it).
    public var isBusy: Bool { state.withLock { $0.loading } }

    private func loadWanted() {
        while let program = state.withLock({ state in
            defer { state.wanted = nil }
            if state.wanted == nil { state.loading = false }
            return state.wanted
        }) {
            let names = catalog.names()
            guard program < names.count else {
                if state.withLock({ $0.warned.insert(program).inserted }) {
                    let count = names.count
                    logger.warning("program change \(program): no such model; \(catalog.folder) has \(count) (programs 0-\(max(0, count - 1)), sorted by name); ignored")
                }
                continue
            }
            let path = catalog.folder + "/" + names[program]
            do {
                let handoff = try load(path)
                live.playAtPieceEnd(handoff)
                logger.info("program change \(program): \(path) plays from the next piece")
            } catch {
                logger.error("program change \(program): \(path): \(error)")
            }
        }
    }
}
