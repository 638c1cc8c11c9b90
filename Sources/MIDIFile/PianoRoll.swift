import Foundation

/// A piano-roll picture of notes as SVG: time runs right, pitch up, one rectangle per note shaded by
/// velocity, with a time axis in seconds and a label on every C.
public enum PianoRoll {
    public static func svg(_ notes: [Note], title: String = "", pixelsPerSecond: Double = 40, rowHeight: Double = 6) -> String {
        let low = Int(notes.map(\.pitch).min() ?? 60) - 2, high = Int(notes.map(\.pitch).max() ?? 72) + 2
        let seconds = max(1, notes.map(\.end).max() ?? 1)
        let left = 44.0, top = 28.0, bottom = 30.0
        let width = left + seconds * pixelsPerSecond + 20, height = top + Double(high - low + 1) * rowHeight + bottom
        func y(_ pitch: Int) -> Double { top + Double(high - pitch) * rowHeight }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="10">
        <title>\(escape(title))</title>
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(left)" y="16" font-size="12">\(escape(title)) — \(notes.count) notes, \(String(format: "%.1f", seconds)) s</text>

        """
        // Black-key rows shaded, C rows labelled: what a keyboard player reads a roll by.
        for pitch in low...high {
            let pc = ((pitch % 12) + 12) % 12
            if [1, 3, 6, 8, 10].contains(pc) {
                out += "<rect x=\"\(left)\" y=\"\(y(pitch))\" width=\"\(seconds * pixelsPerSecond)\" height=\"\(rowHeight)\" fill=\"#f2f2f2\"/>\n"
            }
            if pc == 0 {
                out += "<line x1=\"\(left)\" y1=\"\(y(pitch) + rowHeight)\" x2=\"\(left + seconds * pixelsPerSecond)\" y2=\"\(y(pitch) + rowHeight)\" stroke=\"#bbb\"/>"
                out += "<text x=\"\(left - 4)\" y=\"\(y(pitch) + rowHeight)\" text-anchor=\"end\">C\(pitch / 12 - 1)</text>\n"
            }
        }
        let step = seconds > 120 ? 10.0 : (seconds > 30 ? 5.0 : 1.0)
        var t = 0.0
        let axis = top + Double(high - low + 1) * rowHeight
        while t <= seconds {
            let x = left + t * pixelsPerSecond
            out += "<line x1=\"\(x)\" y1=\"\(axis)\" x2=\"\(x)\" y2=\"\(axis + 4)\" stroke=\"black\"/>"
            out += "<text x=\"\(x)\" y=\"\(axis + 15)\" text-anchor=\"middle\">\(Int(t)) s</text>\n"
            t += step
        }
        out += "<line x1=\"\(left)\" y1=\"\(axis)\" x2=\"\(left + seconds * pixelsPerSecond)\" y2=\"\(axis)\" stroke=\"black\"/>\n<g>\n"
        for n in notes {
            let shade = Int(200 - Double(n.velocity) / 127 * 170)  // louder is darker
            let w = max(1, (n.end - n.start) * pixelsPerSecond)
            out += String(format: "<rect class=\"note\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"rgb(%d,%d,255)\" stroke=\"#336\" stroke-width=\"0.3\"/>\n",
                          left + n.start * pixelsPerSecond, y(Int(n.pitch)), w, rowHeight - 0.5, shade, shade)
        }
        return out + "</g>\n</svg>\n"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
