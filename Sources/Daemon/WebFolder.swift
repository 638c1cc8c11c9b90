import ControlRoom
import Render

/// Where the control room's page is: `web/` in the repository (a build run from it), else `share/yamg/web` beside
/// an installed binary (`make install` puts it there), else the usual prefix's.
public enum WebFolder {
    public static func locate() throws(ControlRoomError) -> String {
        var candidates = ProjectFolders.candidates("web")
        let usual = "/usr/local/share/yamg/web"
        if !candidates.contains(usual) { candidates.append(usual) }
        return try ControlRoomSettings.locateWebFolder(candidates)
    }
}
