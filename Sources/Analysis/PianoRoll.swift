import Basics
import Foundation
import MIDIFile

/// A piano-roll picture of notes as SVG: time runs right, pitch up, one rectangle per note shaded by
/// velocity, with a time axis in seconds and a label on every C. What `yamg render` and `yamg generate --svg` draw.
public enum PianoRoll {
    public static func svg(_ notes: [Note], title: String = "", pixelsPerSecond: Double = 40, rowHeight: Double = 6) -> String {
        let low = Int(notes.map(\.pitch).min() ?? 60) - 2, high = Int(notes.map(\.pitch).max() ?? 72) + 2
        let seconds = max(1, notes.map(\.end).max() ?? 1)
        let left = 44.0, top = 28.0, bottom = 30.0
        let width = left + seconds * pixelsPerSecond + 20, height = top + Double(high - low + 1) * rowHeight + bottom
        let right = left + seconds * pixelsPerSecond
        func y(_ pitch: Int) -> Double { top + Double(high - pitch) * rowHeight }
        var svg = SVGDocument(width: Int(width), height: Int(height), ["font-family": "sans-serif", "font-size": "10"])
        svg.add(SVGElement("title", text: title))
        svg.add(SVGElement("rect", ["width": "100%", "height": "100%", "fill": "white"]))
        svg.add(SVGElement("text", ["x": "\(left)", "y": "16", "font-size": "12"],
                           text: "\(title) — \(notes.count) notes, \(String(format: "%.1f", seconds)) s"))
        // Black-key rows shaded, C rows labelled: what a keyboard player reads a roll by.
        for pitch in low...high {
            let pc = ((pitch % 12) + 12) % 12
            if [1, 3, 6, 8, 10].contains(pc) {
                svg.add(SVGElement("rect", ["x": "\(left)", "y": "\(y(pitch))", "width": "\(seconds * pixelsPerSecond)",
                                            "height": "\(rowHeight)", "fill": "#f2f2f2"]))
            }
            if pc == 0 {
                let line = y(pitch) + rowHeight
                svg.add(SVGElement("line", ["x1": "\(left)", "y1": "\(line)", "x2": "\(right)", "y2": "\(line)", "stroke": "#bbb"]),
                        SVGElement("text", ["x": "\(left - 4)", "y": "\(line)", "text-anchor": "end"], text: "C\(pitch / 12 - 1)"))
            }
        }
        let step = seconds > 120 ? 10.0 : (seconds > 30 ? 5.0 : 1.0)
        var t = 0.0
        let axis = top + Double(high - low + 1) * rowHeight
        while t <= seconds {
            let x = left + t * pixelsPerSecond
            svg.add(SVGElement("line", ["x1": "\(x)", "y1": "\(axis)", "x2": "\(x)", "y2": "\(axis + 4)", "stroke": "black"]),
                    SVGElement("text", ["x": "\(x)", "y": "\(axis + 15)", "text-anchor": "middle"], text: "\(Int(t)) s"))
            t += step
        }
        svg.add(SVGElement("line", ["x1": "\(left)", "y1": "\(axis)", "x2": "\(right)", "y2": "\(axis)", "stroke": "black"]))
        func f2(_ v: Double) -> String { String(format: "%.2f", v) }
        svg.add(SVGElement("g", children: notes.map { n in
            let shade = Int(200 - Double(n.velocity) / 127 * 170)  // louder is darker
            return SVGElement("rect", ["class": "note", "x": f2(left + n.start * pixelsPerSecond), "y": f2(y(Int(n.pitch))),
                                       "width": f2(max(1, (n.end - n.start) * pixelsPerSecond)), "height": f2(rowHeight - 0.5),
                                       "fill": "rgb(\(shade),\(shade),255)", "stroke": "#336", "stroke-width": "0.3"])
        }))
        return svg.markup
    }
}
