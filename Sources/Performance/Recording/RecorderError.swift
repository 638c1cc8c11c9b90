/// Why a session could not be recorded; each description names the path and the reason.
public enum RecorderError: Error, Equatable, CustomStringConvertible {
    case folder(path: String, reason: String)
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .folder(let path, let reason): "cannot use \(path) for recordings: \(reason) (choose another with --record DIR)"
        case .write(let path, let reason): "cannot write the recording \(path): \(reason)"
        }
    }
}
