import Basics
import Foundation

/// `loss.csv` (one row per logged step) and `loss.svg` (train and validation loss against steps).
public struct LossLog: Sendable {
    public struct Row: Sendable, Equatable {
        public var step: Int
        public var epoch: Int
        public var trainLoss: Double?
        public var valLoss: Double?
        public var learningRate: Float
        public var tokensPerSecond: Double
    }

    public var rows: [Row] = []
    public static let header = "step,epoch,train_loss,val_loss,learning_rate,tokens_per_s"

    public init() {}

    /// Reads an existing log, keeping rows up to `step` (what a resumed run continues from).
    public init(contentsOf path: String, upTo step: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let s = Int(f[0]), s <= step else { continue }
            rows.append(Row(step: s, epoch: Int(f[1]) ?? 0, trainLoss: Double(f[2]), valLoss: Double(f[3]),
                            learningRate: Float(f[4]) ?? 0, tokensPerSecond: Double(f[5]) ?? 0))
        }
    }

    public var csv: String {
        let lines = rows.map { r in
            "\(r.step),\(r.epoch),\(r.trainLoss.map { String(format: "%.6f", $0) } ?? ""),"
                + "\(r.valLoss.map { String(format: "%.6f", $0) } ?? ""),\(r.learningRate),\(String(format: "%.0f", r.tokensPerSecond))"
        }
        return ([Self.header] + lines).joined(separator: "\n") + "\n"
    }

    public func write(to folder: String) throws {
        try AtomicFile.write(Data(csv.utf8), to: folder + "/loss.csv")
        try AtomicFile.write(Data(svg.utf8), to: folder + "/loss.svg")
    }

    /// A line chart a person would want to look at: axes with ticks, the train loss, validation points.
    public var svg: String {
        let width = 720.0, height = 400.0, left = 60.0, right = 20.0, top = 30.0, bottom = 50.0
        let train = rows.compactMap { r in r.trainLoss.map { (Double(r.step), $0) } }
        let val = rows.compactMap { r in r.valLoss.map { (Double(r.step), $0) } }
        let all = train + val
        let maxStep = max(1, all.map(\.0).max() ?? 1)
        let losses = all.map(\.1).filter(\.isFinite)
        var low = (losses.min() ?? 0), high = (losses.max() ?? 1)
        if high - low < 1e-6 { low -= 0.5; high += 0.5 }
        let pad = (high - low) * 0.05
        low -= pad; high += pad
        func x(_ s: Double) -> Double { left + s / maxStep * (width - left - right) }
        func y(_ l: Double) -> Double { top + (high - l) / (high - low) * (height - top - bottom) }
        func points(_ series: [(Double, Double)]) -> String {
            series.map { String(format: "%.1f,%.1f", x($0.0), y($0.1)) }.joined(separator: " ")
        }
        var svg = SVGDocument(width: Int(width), height: Int(height), ["font-family": "sans-serif", "font-size": "12"])
        svg.add(SVGElement("rect", ["width": "100%", "height": "100%", "fill": "white"]))
        svg.add(SVGElement("text", ["x": "\(width / 2)", "y": "18", "text-anchor": "middle", "font-size": "14"],
                           text: "Training loss (cross-entropy per token)"))
        for i in 0...5 {
            let l = low + (high - low) * Double(i) / 5, yy = y(l)
            svg.add(SVGElement("line", ["x1": "\(left)", "y1": "\(yy)", "x2": "\(width - right)", "y2": "\(yy)", "stroke": "#ddd"]),
                    SVGElement("text", ["x": "\(left - 6)", "y": "\(yy + 4)", "text-anchor": "end"], text: String(format: "%.2f", l)))
            let s = maxStep * Double(i) / 5, xx = x(s)
            svg.add(SVGElement("line", ["x1": "\(xx)", "y1": "\(height - bottom)", "x2": "\(xx)", "y2": "\(height - bottom + 5)", "stroke": "black"]),
                    SVGElement("text", ["x": "\(xx)", "y": "\(height - bottom + 18)", "text-anchor": "middle"], text: "\(Int(s))"))
        }
        svg.add(SVGElement("line", ["x1": "\(left)", "y1": "\(top)", "x2": "\(left)", "y2": "\(height - bottom)", "stroke": "black"]),
                SVGElement("line", ["x1": "\(left)", "y1": "\(height - bottom)", "x2": "\(width - right)", "y2": "\(height - bottom)", "stroke": "black"]))
        svg.add(SVGElement("text", ["x": "\(width / 2)", "y": "\(height - 12)", "text-anchor": "middle"], text: "step"))
        if !train.isEmpty {
            svg.add(SVGElement("polyline", ["fill": "none", "stroke": "#1f77b4", "stroke-width": "1.5", "points": points(train)]))
        }
        if !val.isEmpty {
            svg.add(SVGElement("polyline", ["fill": "none", "stroke": "#d62728", "stroke-width": "1.5", "points": points(val)]))
            svg.add(val.map { s, l in
                SVGElement("circle", ["cx": String(format: "%.1f", x(s)), "cy": String(format: "%.1f", y(l)), "r": "3", "fill": "#d62728"])
            })
        }
        // The legend.
        let key = width - right
        svg.add(SVGElement("rect", ["x": "\(key - 130)", "y": "\(top + 5)", "width": "120", "height": "40", "fill": "white", "stroke": "#999"]),
                SVGElement("line", ["x1": "\(key - 122)", "y1": "\(top + 18)", "x2": "\(key - 100)", "y2": "\(top + 18)",
                                    "stroke": "#1f77b4", "stroke-width": "2"]),
                SVGElement("text", ["x": "\(key - 94)", "y": "\(top + 22)"], text: "train"),
                SVGElement("line", ["x1": "\(key - 122)", "y1": "\(top + 35)", "x2": "\(key - 100)", "y2": "\(top + 35)",
                                    "stroke": "#d62728", "stroke-width": "2"]),
                SVGElement("text", ["x": "\(key - 94)", "y": "\(top + 39)"], text: "validation"))
        return svg.markup
    }
}
