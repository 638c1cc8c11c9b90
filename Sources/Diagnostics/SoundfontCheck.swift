import Foundation
import Render

/// `yamg doctor`'s soundfont check: the file FluidSynth would render with (`--fluidsynth`, `generate --wav`),
/// found exactly as `perform` finds it, and whether it looks like an SF2/SF3.
enum SoundfontCheck {
    static func run(configured: String?, environment: [String: String]) -> CheckResult {
        let path: String
        do {
            path = try Soundfont.locate(flag: nil, configured: configured, environment: environment,
                                        repoFolders: Soundfont.defaultRepoFolders)
        } catch {
            let fix: String? = switch error {
            case .notFound: "sudo apt-get install fluid-soundfont-gm, or set YAMG_SOUNDFONT=FILE (soundfont = \"FILE\" in the config)"
            case .missing(let source, _): "correct the path given by \(source)"
            }
            return CheckResult(id: "soundfont", title: "soundfont", status: .fail, message: "\(error)", fix: fix,
                               details: ["error": .text("\(error)")])
        }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let size = (try? FileManager.default.attributesOfItem(atPath: resolved)[.size] as? Int) ?? 0
        let shown = resolved == path ? path : "\(path) → \(resolved)"
        let details: [String: CheckDetail] = ["path": .text(path), "resolved": .text(resolved), "bytes": .integer(size)]
        guard Soundfont.isSoundfontFile(path) else {
            return CheckResult(id: "soundfont", title: "soundfont", status: .fail,
                               message: "\(shown) is not an SF2/SF3 soundfont (no RIFF sfbk header)",
                               fix: "point YAMG_SOUNDFONT (soundfont = in the config) at an .sf2 or .sf3 file", details: details)
        }
        return CheckResult(id: "soundfont", title: "soundfont", status: .ok,
                           message: "\(shown) (\(String(format: "%.1f", Double(size) / 1_000_000)) MB)", details: details)
    }
}
