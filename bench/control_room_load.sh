#!/usr/bin/env bash
# The control room under load must not disturb the timing: `yamg bench perform` (FluidSynth's file driver, timing
# probe) twice in one run, first alone, then with the control room serving 50 WebSocket clients on /api/events and
# wrk on /api/state and /metrics for the whole time. Prints both RESULT lines, wrk's requests/s and the clients'.
#   bench/control_room_load.sh [MODEL] [SECONDS]        (default: models/default.safetensors, 60)
# Needs wrk (Debian: apt-get install wrk; make test-deps installs it) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
yamg=${YAMG:-.build/release/yamg}
model=${1:-models/default.safetensors}
seconds=${2:-60}
command -v wrk >/dev/null || { echo "control_room_load.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== without the control room"
"$yamg" bench perform "$model" --seconds "$seconds" | tee "$scratch/alone.txt"

echo "== with the control room: 50 WebSocket clients, wrk on /api/state and /metrics"
mkdir -p "$scratch/run"
XDG_RUNTIME_DIR="$scratch/run" "$yamg" bench perform "$model" --seconds "$seconds" --http 127.0.0.1:0 \
    >"$scratch/loaded.txt" 2>"$scratch/loaded.err" &
bench=$!
runtime=$scratch/run/yamg/control-room.json
for _ in $(seq 200); do [[ -s $runtime ]] && break; sleep 0.1; done
[[ -s $runtime ]] || { cat "$scratch/loaded.err" >&2; exit 1; }
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$runtime")
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$runtime")
python3 bench/ws_clients.py --url "$url" --token "$token" --clients 50 --seconds $((seconds - 4)) >"$scratch/ws.txt" &
clients=$!
sleep 1
wrk -t 2 -c 16 -d $((seconds - 6))s -H "Authorization: Bearer $token" -s bench/wrk_state_metrics.lua "$url" | tee "$scratch/wrk.txt"
wait "$clients"
wait "$bench"
cat "$scratch/loaded.txt" "$scratch/ws.txt"
requests=$(awk '/^Requests\/sec:/ {print $2}' "$scratch/wrk.txt")
errors=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$scratch/wrk.txt")
echo "RESULT {\"wrk_requests_per_s\": ${requests:-0}, \"wrk_non_2xx\": ${errors:-0}}"
