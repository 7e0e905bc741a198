#!/usr/bin/env bash
# Installs what the tests need, builds Functions.sln (every project) and runs every test project.
# Ends with one line "N passed, M failed[, K skipped]" and exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
source eng/setup.sh

setup_apt ffmpeg:ffmpeg chromium:chromium
setup_npm

configuration="${CONFIGURATION:-Release}"
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Functions.sln -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

passed=0 failed=0 skipped=0 status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "test.sh: running $name"
  if ! dotnet test "$project" -c "$configuration" --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
      --blame-hang-timeout 10m -- RunConfiguration.TreatNoTestsAsError=true; then
    status=1
  fi
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "test.sh: $name produced no results (crashed host?)" >&2
    failed=$((failed + 1)); status=1; continue
  fi
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && exit "$status"
exit 1
