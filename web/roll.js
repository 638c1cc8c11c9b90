// The piano roll: notes as bars, time to the right, pitch upwards. The live roll keeps the notes yamg sends (ahead of
// the clock: they are drawn to the right of the now line until they sound), the notes a player sends, and drops what
// scrolled out; the preview draws a whole recording once.
"use strict";

class PianoRoll {
  constructor(canvas, { past = 8, ahead = 3 } = {}) {
    this.canvas = canvas;
    this.past = past;
    this.ahead = ahead;
    this.notes = [];          // { start, end (null: still sounding), pitch, velocity, source }
    this.open = new Map();    // "source:channel:pitch" -> note
    this.drawn = new Map();   // "start:pitch" -> wall-clock ms when first drawn (for tests)
  }

  // One batch of note events from the WebSocket: { t, on|off, v, ch }.
  add(source, events) {
    for (const e of events) {
      const pitch = e.on ?? e.off;
      const key = `${source}:${e.ch}:${pitch}`;
      const sounding = this.open.get(key);
      if (sounding) { sounding.end = e.t; this.open.delete(key); }
      if (e.on !== undefined) {
        const note = { start: e.t, end: null, pitch, velocity: e.v, source };
        this.notes.push(note);
        this.open.set(key, note);
      }
    }
  }

  // Everything sent for after `t` is withdrawn and every note ends there (panic, pause, next piece).
  cut(t) {
    this.notes = this.notes.filter((n) => n.start < t);
    for (const n of this.notes) if (n.end === null || n.end > t) n.end = t;
    this.open.clear();
  }

  // Draws the window [now - past, now + ahead] with the now line.
  draw(now) {
    const { ctx, width, height } = this.prepare();
    this.notes = this.notes.filter((n) => n.end === null || n.end > now - this.past);
    const [low, high] = this.range(this.notes, 36, 96);
    const nowX = width * this.past / (this.past + this.ahead);
    const perSecond = width / (this.past + this.ahead);
    const rowHeight = height / (high - low + 1);
    this.grid(ctx, width, height, low, high, rowHeight);
    const wall = performance.timeOrigin + performance.now();
    for (const n of this.notes) {
      const x = nowX + (n.start - now) * perSecond;
      const end = n.end === null ? now + this.ahead : n.end;
      const w = Math.max(2, (end - n.start) * perSecond);
      if (x > width || x + w < 0) continue;
      const y = height - (n.pitch - low + 1) * rowHeight;
      ctx.globalAlpha = n.start > now ? 0.35 : 0.55 + 0.45 * (n.velocity ?? 80) / 127;
      ctx.fillStyle = n.source === "received" ? "#ffa94d" : "#4ea3ff";
      ctx.fillRect(x, y + 1, w, Math.max(1, rowHeight - 2));
      const id = `${n.start.toFixed(3)}:${n.pitch}`;
      if (!this.drawn.has(id)) this.drawn.set(id, wall);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#ff5d5d";
    ctx.fillRect(nowX - 1, 0, 2, height);
    if (this.drawn.size > 5000) this.drawn = new Map([...this.drawn].slice(-2000));
  }

  // A whole recording, [[start, end, pitch, velocity]], fitted to the canvas.
  static preview(canvas, notes, duration) {
    const roll = new PianoRoll(canvas);
    const { ctx, width, height } = roll.prepare();
    const [low, high] = roll.range(notes.map(([, , pitch]) => ({ pitch })), 48, 84);
    const rowHeight = height / (high - low + 1);
    roll.grid(ctx, width, height, low, high, rowHeight);
    const perSecond = width / Math.max(1, duration);
    ctx.fillStyle = "#4ea3ff";
    for (const [start, end, pitch] of notes) {
      ctx.fillRect(start * perSecond, height - (pitch - low + 1) * rowHeight, Math.max(1, (end - start) * perSecond), Math.max(1, rowHeight - 1));
    }
  }

  prepare() {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth, height = this.canvas.clientHeight;
    if (this.canvas.width !== Math.round(width * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
    }
    const ctx = this.canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    return { ctx, width, height };
  }

  // The pitches to show: at least [lowest, highest], widened to what the notes use.
  range(notes, lowest, highest) {
    let low = lowest, high = highest;
    for (const n of notes) { low = Math.min(low, n.pitch); high = Math.max(high, n.pitch); }
    return [low, high];
  }

  // Octave lines at each C, and the black keys' rows shaded.
  grid(ctx, width, height, low, high, rowHeight) {
    for (let p = low; p <= high; p++) {
      const y = height - (p - low + 1) * rowHeight;
      if ([1, 3, 6, 8, 10].includes(p % 12)) { ctx.fillStyle = "#15181d"; ctx.fillRect(0, y, width, rowHeight); }
      if (p % 12 === 0) { ctx.fillStyle = "#2a2f38"; ctx.fillRect(0, y + rowHeight - 1, width, 1); }
    }
  }
}
