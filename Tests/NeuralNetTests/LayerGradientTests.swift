import Foundation
import NeuralNet
import Testing

/// Finite-difference gradient checks for every layer, on small sizes. Each layer's output is reduced to
/// a scalar with fixed random weights R (loss = Σ R ⊙ y, so ∂loss/∂y = R); every parameter and the
/// input gradient are checked. A 1 % tolerance passes round-off and fails any wrong term: the last test
/// shows a 10 % error in part of one gradient is caught.
@Suite struct LayerGradientTests {
    static let tolerance = 1e-2

    func randomBuffer(_ count: Int, _ rng: inout RNG, scale: Float = 1) -> Buffer {
        let b = Buffer(count)
        for i in 0..<count { b[i] = (rng.nextFloat() * 2 - 1) * scale }
        return b
    }

    func weighted(_ y: UnsafePointer<Float>, _ r: Buffer, _ count: Int) -> Double {
        var s = 0.0
        for i in 0..<count { s += Double(y[i]) * Double(r[i]) }
        return s
    }

    func check(_ name: String, values: UnsafeMutablePointer<Float>, grads: UnsafePointer<Float>, count: Int,
               rng: inout RNG, loss: () -> Double) {
        let error = GradientCheck.relativeError(values: values, grads: grads, count: count, rng: &rng, loss: loss)
        #expect(error < Self.tolerance, "\(name): relative error \(error)")
    }

    @Test func linear() {
        var rng = RNG(seed: 1)
        let rows = 5, layer = Linear(7, 3, maxRows: rows, name: "l")
        layer.initialize(rng: &rng)
        let x = randomBuffer(rows * 7, &rng), r = randomBuffer(rows * 3, &rng)
        let loss = { layer.forward(x.pointer, rows: rows); return self.weighted(layer.output.pointer, r, rows * 3) }
        _ = loss()
        layer.backward(r.pointer, rows: rows)
        let dx = Array(UnsafeBufferPointer(start: layer.inputGrad.pointer, count: rows * 7))
        for p in layer.parameters { check(p.name, values: p.value, grads: p.grad, count: p.count, rng: &rng, loss: loss) }
        check("dx", values: x.pointer, grads: dx, count: rows * 7, rng: &rng, loss: loss)
    }

    @Test(arguments: [1, 4])
    func lstm(steps: Int) {
        var rng = RNG(seed: 2)
        let batch = 3, inputs = 5, hidden = 4
        let layer = LSTMLayer(inputs: inputs, hidden: hidden, maxSteps: steps, maxBatch: batch, layer: 0)
        layer.initialize(rng: &rng)
        let x = randomBuffer(steps * batch * inputs, &rng), r = randomBuffer(steps * batch * hidden, &rng)
        let loss = { layer.forward(x.pointer, steps: steps, batch: batch); return self.weighted(layer.output.pointer, r, steps * batch * hidden) }
        _ = loss()
        layer.backward(r.pointer)
        let dx = Array(UnsafeBufferPointer(start: layer.inputGrad.pointer, count: x.count))
        for p in layer.parameters { check(p.name, values: p.value, grads: p.grad, count: p.count, rng: &rng, loss: loss) }
        check("dx", values: x.pointer, grads: dx, count: x.count, rng: &rng, loss: loss)
    }

    @Test func embedding() {
        var rng = RNG(seed: 3)
        let layer = Embedding(vocabulary: 6, dim: 4, maxRows: 5)
        layer.weight.initNormal(rng: &rng)
        var ids: [Int32] = [0, 3, 3, 5, 1]
        let r = randomBuffer(5 * 4, &rng)
        let loss = { layer.forward(&ids, rows: 5); return self.weighted(layer.output.pointer, r, 20) }
        _ = loss()
        layer.backward(r.pointer, rows: 5)
        check("embedding", values: layer.weight.value, grads: layer.weight.grad, count: layer.weight.count, rng: &rng, loss: loss)
    }

    @Test func conv1D() {
        var rng = RNG(seed: 4)
        let batch = 2, length = 9, channels = 3
        let layer = Conv1D(channels: channels, filters: 5, kernel: 4, length: length, maxBatch: batch, name: "conv")
        layer.initialize(rng: &rng)
        let x = randomBuffer(batch * length * channels, &rng), outCount = batch * layer.outLength * 5
        let r = randomBuffer(outCount, &rng)
        let loss = { layer.forward(x.pointer, batch: batch); return self.weighted(layer.output.pointer, r, outCount) }
        _ = loss()
        layer.backward(r.pointer, batch: batch)
        let dx = Array(UnsafeBufferPointer(start: layer.inputGrad.pointer, count: x.count))
        for p in layer.parameters { check(p.name, values: p.value, grads: p.grad, count: p.count, rng: &rng, loss: loss) }
        check("dx", values: x.pointer, grads: dx, count: x.count, rng: &rng, loss: loss)
    }

    @Test(arguments: [Activation.hardSigmoid, .leakyReLU, .xHardSigmoid])
    func activation(kind: Activation) {
        var rng = RNG(seed: 5)
        let n = 40, layer = ActivationLayer(kind, maxCount: n)
        let x = randomBuffer(n, &rng, scale: 4)
        // Keep clear of the kinks (±2.5, 0), where a finite difference straddles two slopes.
        for i in 0..<n where abs(abs(x[i]) - 2.5) < 0.05 || abs(x[i]) < 0.05 { x[i] += 0.2 }
        let r = randomBuffer(n, &rng)
        let loss = { layer.forward(x.pointer, count: n); return self.weighted(layer.output.pointer, r, n) }
        _ = loss()
        layer.backward(r.pointer, count: n)
        let dx = Array(UnsafeBufferPointer(start: layer.inputGrad.pointer, count: n))
        let error = GradientCheck.relativeError(values: x.pointer, grads: dx, count: n, step: 1e-3, rng: &rng, loss: loss)
        #expect(error < Self.tolerance, "\(kind): \(error)")
    }

    @Test func dropout() {
        var rng = RNG(seed: 6)
        let n = 50, layer = Dropout(0.3, maxCount: n)
        let x = randomBuffer(n, &rng), r = randomBuffer(n, &rng)
        // The same mask on every evaluation: re-seed the generator each time.
        let loss = { var maskRNG = RNG(seed: 99); layer.forward(x.pointer, count: n, training: true, rng: &maskRNG)
                     return self.weighted(layer.output.pointer, r, n) }
        _ = loss()
        layer.backward(r.pointer, count: n)
        let dx = Array(UnsafeBufferPointer(start: layer.inputGrad.pointer, count: n))
        check("dropout", values: x.pointer, grads: dx, count: n, rng: &rng, loss: loss)
        let zeros = (0..<n).filter { layer.output[$0] == 0 }.count
        #expect(zeros > 5 && zeros < 30)
    }

    @Test func softmaxCrossEntropy() {
        var rng = RNG(seed: 7)
        let rows = 6, classes = 9
        let logits = randomBuffer(rows * classes, &rng, scale: 3)
        var targets: [Int32] = (0..<rows).map { _ in Int32(rng.nextInt(classes)) }
        let scratch = Buffer(rows * classes)
        let loss = { () -> Double in
            scratch.pointer.update(from: logits.pointer, count: rows * classes)
            return SoftmaxCrossEntropy.forwardBackward(scratch.pointer, targets: &targets, rows: rows, classes: classes,
                                                       gradient: false).lossSum / Double(rows)
        }
        scratch.pointer.update(from: logits.pointer, count: rows * classes)
        _ = SoftmaxCrossEntropy.forwardBackward(scratch.pointer, targets: &targets, rows: rows, classes: classes)
        let grad = Array(UnsafeBufferPointer(start: scratch.pointer, count: rows * classes))
        check("softmax", values: logits.pointer, grads: grad, count: rows * classes, rng: &rng, loss: loss)
    }

    /// The check fails a wrong gradient: the LSTM's recurrent weight gradient with a tenth of one gate's
    /// part missing, and its bias gradient halved.
    @Test func aBrokenBackwardFails() {
        var rng = RNG(seed: 8)
        let layer = LSTMLayer(inputs: 5, hidden: 4, maxSteps: 4, maxBatch: 3, layer: 0)
        layer.initialize(rng: &rng)
        let x = randomBuffer(4 * 3 * 5, &rng), r = randomBuffer(4 * 3 * 4, &rng)
        let loss = { layer.forward(x.pointer, steps: 4, batch: 3); return self.weighted(layer.output.pointer, r, 48) }
        _ = loss()
        layer.backward(r.pointer)
        for i in 4..<8 { for j in 0..<4 { layer.weightHH.grad[i * 4 + j] *= 0.9 } }  // the forget gate's rows
        let recurrent = GradientCheck.relativeError(values: layer.weightHH.value, grads: layer.weightHH.grad,
                                                    count: layer.weightHH.count, rng: &rng, loss: loss)
        #expect(recurrent > Self.tolerance, "a 10 % error in one gate went unnoticed: \(recurrent)")
        for i in 0..<layer.biasIH.count { layer.biasIH.grad[i] *= 0.5 }
        let bias = GradientCheck.relativeError(values: layer.biasIH.value, grads: layer.biasIH.grad,
                                               count: layer.biasIH.count, rng: &rng, loss: loss)
        #expect(bias > 0.2)
    }

    @Test func fastMathIsAccurate() {
        var worstTanh: Float = 0, worstExp: Float = 0
        for i in -20_000...20_000 {
            let x = Float(i) / 1000
            worstTanh = max(worstTanh, abs(fastTanh(x) - tanh(x)))
            let e = exp(x)
            worstExp = max(worstExp, abs(fastExp(x) - e) / e)
        }
        #expect(worstTanh < 1e-6)
        #expect(worstExp < 1e-6)
        #expect(abs(fastSigmoid(0.7) - 1 / (1 + exp(-0.7))) < 1e-6)
        // The three sigmoids sharing one division, on lanes whose inputs differ (and leave the clamped range).
        var worstSigmoid: Float = 0
        for i in stride(from: -4_000, through: 4_000, by: 8) {
            let a = Lanes((0..<8).map { Float(i + $0) / 200 }), b = -a * 0.5, c = a * 1.7 + 3
            let (sa, sb, sc) = fastSigmoids(a, b, c)
            for (x, s) in [(a, sa), (b, sb), (c, sc)] {
                for k in 0..<8 { worstSigmoid = max(worstSigmoid, abs(s[k] - 1 / (1 + exp(-x[k])))) }
            }
        }
        #expect(worstSigmoid < 1e-6)
    }
}
