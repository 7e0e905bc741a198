#!/usr/bin/env bash
# Runs the pipeline locally: Azurite (Blob/Queue storage, data kept in .azurite/), the provider emulator on
# http://127.0.0.1:7072 (tasks kept in .emulator/) and the local host on http://127.0.0.1:7071. Providers without an
# API key in configuration (e.g. Providers__FoxApi__ApiKey) use the emulator. Ctrl+C stops everything; running it
# again carries on with the jobs in flight.
#
# Logs go to .run/ (host.log, emulator.log, azurite.log), each capped at VIDEOPIPELINE_LOG_MAX_MB (default 10) with
# the previous file kept as <name>.1. VIDEOPIPELINE_AZURITE_DEBUG=1 adds Azurite's access log and its debug log
# (.run/azurite-debug.log, capped the same way), which otherwise stay off: the debug log grows by hundreds of KB a job.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
source eng/setup.sh

setup_npm

host_url="http://127.0.0.1:7071"
emulator_url="http://127.0.0.1:7072"
logs="$root/.run"
log_max_mb="${VIDEOPIPELINE_LOG_MAX_MB:-10}"
if ! [[ "$log_max_mb" =~ ^[1-9][0-9]*$ ]]; then
  echo "run.sh: VIDEOPIPELINE_LOG_MAX_MB must be a whole number of megabytes, at least 1 (got '$log_max_mb')." >&2
  exit 1
fi

for port in 7071 7072 10000 10001 10002; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port is already in use (another ./run.sh, Azurite or Core Tools?); stop it first." >&2
    exit 1
  fi
done

echo "run.sh: building"
for project in src/VideoPipeline.Emulator src/VideoPipeline.Local src/VideoPipeline.Cli; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly
done

mkdir -p "$logs" .azurite .emulator
pids=()
# Stops the host first, then the emulator, then Azurite: the host needs storage to shut down cleanly (it hands back
# its jobs), so that the next ./run.sh takes them over at once. The three run in sessions of their own (setsid), so
# a signal to this script's whole process group — Ctrl+C, `timeout`, `kill -- -PGID` — reaches only this script and
# its log writers, and the stop keeps that order instead of Azurite vanishing under a host that is still shutting down.
cleanup() {
  trap - EXIT INT TERM HUP
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    stop "${pids[i]}"
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM HUP

# Asks a process to stop and gives it 30 seconds before killing it.
stop() {
  local pid="$1"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "run.sh: process $pid did not stop within 30 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# Appends stdin to the log file $1 and, with "echo" as $2, to the terminal too. When the file reaches the cap it
# becomes $1.1 (replacing the one before) and a new file starts, so however long the run, a log takes at most twice
# the cap on disk. It ignores INT and TERM sent to the whole process group and ends when its process closes the
# pipe, so the host's shutdown is logged to the end.
capped_log() {
  trap '' INT TERM
  local file="$1" echo="${2:-}" line size=0 fd
  local LC_ALL=C # so that ${#line} counts bytes
  local max=$((log_max_mb * 1024 * 1024))
  [ -f "$file" ] && size=$(wc -c < "$file")
  exec {fd}>>"$file"
  while IFS= read -r line || [ -n "$line" ]; do
    printf '%s\n' "$line" >&"$fd"
    if [ -n "$echo" ]; then printf '%s\n' "$line"; fi
    size=$((size + ${#line} + 1))
    if [ "$size" -ge "$max" ]; then
      exec {fd}>&-
      mv -f "$file" "$file.1"
      exec {fd}>>"$file"
      size=0
    fi
  done
  exec {fd}>&-
}

wait_for() {
  local name="$1" port="$2" log="$3"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "run.sh: $name did not start; see $log" >&2
  exit 1
}

for log in host emulator azurite; do
  echo "---- ./run.sh started $(date -u +%Y-%m-%dT%H:%M:%SZ) ----" >> "$logs/$log.log"
done

azurite=(node node_modules/azurite/dist/src/azurite.js --location .azurite
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --skipApiVersionCheck --loose)
if [ "${VIDEOPIPELINE_AZURITE_DEBUG:-0}" = 1 ]; then
  setsid "${azurite[@]}" --debug >(capped_log "$logs/azurite-debug.log") > >(capped_log "$logs/azurite.log") 2>&1 &
else
  setsid "${azurite[@]}" --silent > >(capped_log "$logs/azurite.log") 2>&1 &
fi
pids+=($!)
wait_for Azurite 10000 "$logs/azurite.log"

(cd src/VideoPipeline.Emulator/bin/Release/net10.0 &&
  Emulator__DataDirectory="$root/.emulator" Emulator__OpenAi__WebhookUrl="$host_url/api/webhooks/openai" \
    exec setsid dotnet VideoPipeline.Emulator.dll --urls "$emulator_url") \
  > >(capped_log "$logs/emulator.log") 2>&1 &
pids+=($!)
wait_for "the provider emulator" 7072 "$logs/emulator.log"

azurite_logs="azurite.log (errors only; VIDEOPIPELINE_AZURITE_DEBUG=1 for access and debug logs)"
if [ "${VIDEOPIPELINE_AZURITE_DEBUG:-0}" = 1 ]; then azurite_logs="azurite.log, azurite-debug.log"; fi
if [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  telemetry="traces and metrics over OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT"
else
  telemetry="not exported; set OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://localhost:4317) and
               Telemetry__TraceUrlTemplate to link jobs to their traces (docs/telemetry.md)"
fi
if [ -n "${Telemetry__TraceUrlTemplate:-}" ]; then
  telemetry="$telemetry
               job traces on the dashboard link to $Telemetry__TraceUrlTemplate"
fi
cat <<BANNER

  VideoPipeline is starting
    Dashboard  $host_url/
    API        $host_url/api/videos
    Health     $host_url/api/health (liveness), $host_url/api/ready (storage and task hub)
    Telemetry  $telemetry
    Emulator   $emulator_url   (stats: $emulator_url/emulator/stats; tasks kept in .emulator/)
    Azurite    blob 127.0.0.1:10000, queue :10001, table :10002 (task hub and data in .azurite/)
    Logs       .run/: host.log, emulator.log, $azurite_logs
               each capped at $log_max_mb MB plus one previous file (VIDEOPIPELINE_LOG_MAX_MB)

  Jobs in flight carry on after Ctrl+C and ./run.sh again. To start from nothing, stop it and delete .azurite/
  and .emulator/ together.

  Try it:
    curl -s -X POST $host_url/api/videos -H 'Content-Type: application/json' \\
      -d '{"provider":"foxapi","model":"sora-2","prompt":"Ocean waves at golden hour [emu:seconds=5]","aspectRatio":"16:9","durationSeconds":4}'
    curl -s $host_url/api/videos/<id>
    curl -sL $host_url/api/videos/<id>/content -o video.mp4

  Or with the videopipeline tool (live progress, then the MP4 downloaded and checked against its SHA-256):
    dotnet run --no-build -c Release --project src/VideoPipeline.Cli -- submit --provider foxapi --model sora-2 --prompt 'Ocean waves at golden hour [emu:seconds=5]' --aspect-ratio 16:9 --duration 4 --wait

BANNER

cd src/VideoPipeline.Local/bin/Release/net10.0
setsid dotnet VideoPipeline.Local.dll --urls "$host_url" > >(capped_log "$logs/host.log" echo) 2>&1 &
pids+=($!)
wait "${pids[-1]}"
