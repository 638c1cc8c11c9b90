// The control room page: only the public API (README, "Control room"), with the token this tab got from the one-time
// link in yamg's log.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { token: null, specs: [], clockOffset: null, editing: new Set(), socket: null };
const roll = new PianoRoll($("roll"));
window.yamg = { roll, state };  // for the browser test: what was drawn, and when

// ---- the token: traded once for the code in the link, then kept for this tab ----------------------------------
async function login() {
  const code = new URLSearchParams(location.search).get("once");
  if (code) {
    history.replaceState(null, "", location.pathname);
    const answer = await fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code }) });
    if (answer.ok) sessionStorage.setItem("yamg-token", (await answer.json()).token);
  }
  state.token = sessionStorage.getItem("yamg-token");
  return state.token !== null;
}

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const answer = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.status === 401) { sessionStorage.removeItem("yamg-token"); $("login").hidden = false; }
  const json = answer.headers.get("Content-Type")?.startsWith("application/json") ? await answer.json() : null;
  if (!answer.ok) throw new Error(json?.error ?? `HTTP ${answer.status}`);
  return json;
}

function log(text, kind = "") {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  item.className = kind;
  $("log").prepend(item);
  while ($("log").children.length > 200) $("log").lastChild.remove();
}

// ---- controls, built from the table the API describes -------------------------------------------------------------
function buildControls(specs, values) {
  state.specs = specs;
  const form = $("controls");
  form.replaceChildren();
  for (const spec of specs) {
    const row = document.createElement("div");
    row.className = "control";
    row.dataset.key = spec.key;
    const label = document.createElement("label");
    label.textContent = spec.key;
    label.title = `${spec.help}${spec.range ? " In " + spec.range + "." : ""}`;
    const output = document.createElement("output");
    let input;
    if (spec.choices) {
      input = document.createElement("select");
      for (const choice of spec.choices) input.add(new Option(choice, choice));
    } else if ((spec.kind === "number" || spec.kind === "integer") && spec.max !== null && Number.isFinite(spec.max) && spec.max < 1e6) {
      input = document.createElement("input");
      input.type = "range";
      const step = spec.kind === "integer" ? 1 : niceStep(spec.max - spec.min);
      input.step = step;
      input.min = spec.min_open ? spec.min + step : spec.min;
      input.max = spec.max_open ? spec.max - step : spec.max;
    } else {
      input = document.createElement("input");
      input.type = spec.kind === "number" || spec.kind === "integer" ? "number" : "text";
      if (spec.kind === "integer") input.step = 1;
    }
    input.name = spec.key;
    input.id = `control-${spec.key}`;
    label.htmlFor = input.id;
    input.addEventListener("input", () => { state.editing.add(spec.key); output.value = input.value; if (input.type === "range") send(spec.key, input.value); });
    input.addEventListener("change", () => send(spec.key, input.value));
    row.append(label, input, output);
    form.append(row);
  }
  form.addEventListener("submit", (e) => e.preventDefault());
  showControls(values);
}

function niceStep(span) {
  const raw = span / 200;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

function showControls(values) {
  for (const spec of state.specs) {
    if (state.editing.has(spec.key)) continue;
    const row = $("controls").querySelector(`[data-key="${spec.key}"]`);
    if (!row) continue;
    const input = row.querySelector("input, select");
    if (document.activeElement !== input) input.value = values[spec.key];
    row.querySelector("output").value = values[spec.key];
  }
}

// A slider sends while it moves, at most every 150 ms, and the last value always.
const pending = new Map();
function send(key, value) {
  const entry = pending.get(key) ?? { timer: null };
  entry.value = value;
  pending.set(key, entry);
  if (entry.timer) return;
  entry.timer = setTimeout(async () => {
    pending.delete(key);
    try {
      const answer = await api("PATCH", "/api/controls", { [key]: entry.value });
      $("control-error").textContent = "";
      state.editing.delete(key);
      showControls(answer.controls);
    } catch (error) {
      $("control-error").textContent = error.message;
      state.editing.delete(key);
    }
  }, 150);
}

// ---- status ---------------------------------------------------------------------------------------------------------
function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function showStatus(s) {
  const rows = [
    ["model", `${s.model.name} (${s.model.about})`],
    ["outputs", s.sinks.length ? s.sinks.map((k) => k.name + (k.ok ? "" : " (failed)")).join(", ") : "none (recording only)"],
    ["playing for", duration(s.now - s.start)],
    ["uptime", duration(s.uptime)],
    ["events", `${s.events} (${s.late_events} late)`],
    ["pieces", s.pieces],
    ["tokens/s", s.tokens_per_second.toFixed(1)],
    ["CPU", `${s.cpu_percent.toFixed(1)} %`],
    ["recording", s.recording ? s.recording.name : "none"],
    ["watchers", s.websocket_clients],
  ];
  $("status").replaceChildren(...rows.flatMap(([k, v]) => {
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = v;
    return [dt, dd];
  }));
  $("playing").textContent = s.finished ? "ended" : s.paused ? "paused" : "playing";
  $("playing").className = `pill ${s.paused ? "paused" : "playing"}`;
  $("pause").hidden = s.paused;
  $("resume").hidden = !s.paused;
  const picker = $("models");
  $("model-picker").hidden = s.models.length === 0;
  if (picker.options.length !== s.models.length) picker.replaceChildren(...s.models.map((m) => new Option(m, m)));
  if (document.activeElement !== picker && s.models.includes(s.model.name)) picker.value = s.model.name;
  showControls(s.controls);
}

async function refresh() {
  try {
    const s = await api("GET", "/api/state");
    if (state.specs.length === 0) buildControls(s.control_specs, s.controls);
    showStatus(s);
  } catch (error) {
    $("playing").textContent = "unreachable";
    $("playing").className = "pill";
  }
}

// ---- recordings -----------------------------------------------------------------------------------------------------
async function showRecordings() {
  const { recordings } = await api("GET", "/api/recordings");
  $("recordings").replaceChildren(...recordings.map((r) => {
    const item = document.createElement("li");
    item.className = r.current ? "current" : "";
    const name = document.createElement("span");
    name.textContent = `${r.name} (${(r.bytes / 1024).toFixed(1)} kB)`;
    const preview = button("Preview", async () => {
      const { notes, duration } = await api("GET", `/api/recordings/${encodeURIComponent(r.name)}/notes`);
      $("preview").hidden = false;
      PianoRoll.preview($("preview"), notes, duration);
    });
    const download = button("Download", async () => {
      const answer = await fetch(`/api/recordings/${encodeURIComponent(r.name)}`, { headers: { Authorization: `Bearer ${state.token}` } });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await answer.blob());
      link.download = r.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    });
    item.append(name, preview, download);
    return item;
  }));
}

function button(text, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = text;
  b.addEventListener("click", () => action().catch((e) => log(e.message, "warning")));
  return b;
}

// ---- the event stream -----------------------------------------------------------------------------------------------
function connect() {
  const socket = new WebSocket(`ws://${location.host}/api/events`, [`bearer.${state.token}`]);
  state.socket = socket;
  socket.onopen = () => { state.connectedAt = performance.timeOrigin + performance.now(); };
  socket.onmessage = (message) => {
    const batch = JSON.parse(message.data);
    state.clockOffset = batch.now - performance.now() / 1000;
    if (batch.dropped > 0) log(`missed ${batch.dropped} event(s)`, "warning");
    for (const e of batch.events) handle(e);
  };
  socket.onclose = () => { state.socket = null; setTimeout(connect, 2000); };
}

function handle(e) {
  switch (e.type) {
    case "sent": case "received": roll.add(e.type, e.notes); break;
    case "cut": roll.cut(e.t); if (e.reason !== "end") log(e.reason === "panic" ? "panic: every note off" : `cut (${e.reason})`); break;
    case "controls": log(`controls (${e.source}): ${e.changes.map((c) => `${c.key} ${c.old} → ${c.new}`).join(", ")}`); refresh(); break;
    case "piece": log(`piece ${e.number}`); break;
    case "recording": log(`recording ${e.name}`); showRecordings(); break;
    case "paused": log(e.paused ? "paused" : "playing on"); refresh(); break;
    case "model": log(`playing ${e.name}`); refresh(); break;
    case "warning": log(e.message, "warning"); break;
    case "hello": break;
  }
}

function frame() {
  if (state.clockOffset !== null) roll.draw(performance.now() / 1000 + state.clockOffset);
  requestAnimationFrame(frame);
}

// ---- start ------------------------------------------------------------------------------------------------------------
async function start() {
  if (!(await login())) { $("login").hidden = false; $("playing").textContent = "no token"; return; }
  for (const action of ["pause", "resume", "panic", "next", "rotate"]) {
    $(action).addEventListener("click", () => api("POST", `/api/actions/${action}`).then(refresh).catch((e) => log(e.message, "warning")));
  }
  $("play-model").addEventListener("click", () =>
    api("POST", "/api/actions/model", { name: $("models").value }).then(refresh).catch((e) => log(e.message, "warning")));
  await refresh();
  await showRecordings();
  connect();
  setInterval(refresh, 1000);
  requestAnimationFrame(frame);
}

start();
