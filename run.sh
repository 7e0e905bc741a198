#!/usr/bin/env bash
# Runs the pipeline locally: Azurite (Blob/Queue storage, data kept in .azurite/), the provider emulator on
# http://127.0.0.1:7072 and the local host on http://127.0.0.1:7071. Providers without an API key in configuration
# (e.g. Providers__FoxApi__ApiKey) use the emulator. Ctrl+C stops everything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
source eng/setup.sh

setup_npm

host_url="http://127.0.0.1:7071"
emulator_url="http://127.0.0.1:7072"
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

mkdir -p .run .azurite
pids=()
cleanup() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

wait_for() {
  local name="$1" port="$2" log="$3"
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "run.sh: $name did not start; see $log" >&2
  exit 1
}

node node_modules/azurite/dist/src/azurite.js --location .azurite --debug .run/azurite-debug.log \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --skipApiVersionCheck --loose \
  > .run/azurite.log 2>&1 &
pids+=($!)
wait_for Azurite 10000 .run/azurite.log

(cd src/VideoPipeline.Emulator/bin/Release/net10.0 &&
  Emulator__OpenAi__WebhookUrl="$host_url/api/webhooks/openai" exec dotnet VideoPipeline.Emulator.dll --urls "$emulator_url") \
  > .run/emulator.log 2>&1 &
pids+=($!)
wait_for "the provider emulator" 7072 .run/emulator.log

cat <<BANNER

  VideoPipeline is starting
    API        $host_url/api/videos
    Health     $host_url/api/health
    Emulator   $emulator_url   (stats: $emulator_url/emulator/stats)
    Azurite    blob 127.0.0.1:10000, queue 127.0.0.1:10001   (data in .azurite/)
    Logs       .run/

  Try it:
    curl -s -X POST $host_url/api/videos -H 'Content-Type: application/json' \\
      -d '{"provider":"foxapi","model":"sora-2","prompt":"Ocean waves at golden hour [emu:seconds=5]","aspectRatio":"16:9","durationSeconds":4}'
    curl -s $host_url/api/videos/<id>
    curl -sL $host_url/api/videos/<id>/content -o video.mp4

  Or with the videopipeline tool (live progress, then the MP4 downloaded and checked against its SHA-256):
    dotnet run --no-build -c Release --project src/VideoPipeline.Cli -- submit --provider foxapi --model sora-2 --prompt 'Ocean waves at golden hour [emu:seconds=5]' --aspect-ratio 16:9 --duration 4 --wait

BANNER

cd src/VideoPipeline.Local/bin/Release/net10.0
dotnet VideoPipeline.Local.dll --urls "$host_url" &
pids+=($!)
wait "${pids[-1]}"
