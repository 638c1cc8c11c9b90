import Foundation

/// The page's files, read once at start from the web folder into memory and served by name: nothing on disk is
/// opened per request, and no request path can name anything else.
struct WebAssets: Sendable {
    struct Asset: Sendable {
        var data: Data
        var type: String
    }

    let files: [String: Asset]

    static let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "css": "text/css; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
                        "ico": "image/x-icon"]

    /// Every file of `folder` (not its subfolders) with a known type; `index.html` must be among them.
    init(folder: String) throws(ControlRoomError) {
        var files: [String: Asset] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let type = Self.types[(name as NSString).pathExtension],
                  let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            files[name] = Asset(data: data, type: type)
        }
        guard files["index.html"] != nil else { throw .noWebFolder([folder]) }
        self.files = files
    }

    /// The first of `candidates` that holds the page.
    static func locate(_ candidates: [String]) throws(ControlRoomError) -> String {
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/index.html") }) else {
            throw .noWebFolder(candidates)
        }
        return found
    }
}
