#!/usr/bin/env bash
# Regenerates the results table of docs/reliability.md: runs the end-to-end fault and security suites against
# Azurite, the emulator and the local host, and rewrites the part of the page between the markers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source eng/setup.sh
setup_apt ffmpeg:ffmpeg
setup_npm
setup_dotnet

results="$root/artifacts/reliability"
rm -rf "$results"
dotnet build tests/VideoPipeline.EndToEnd.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
filter="FullyQualifiedName~ProviderFaultTests|FullyQualifiedName~CrashRecoveryTests|FullyQualifiedName~DeadlineTests"
filter="$filter|FullyQualifiedName~BadInputTests|FullyQualifiedName~SecretsInLogsTests|FullyQualifiedName~LoadTests"
filter="$filter|FullyQualifiedName~JobLifecycleTests|FullyQualifiedName~Batches"
dotnet test tests/VideoPipeline.EndToEnd.Tests -c Release --no-build -nologo --filter "$filter" \
  --logger "trx;LogFileName=reliability.trx" --results-directory "$results" || true

table="$(node eng/reliability-report.mjs "$results/reliability.trx")"
page="docs/reliability.md"
{
  sed '/<!-- results:begin -->/q' "$page"
  echo
  echo "Last run: $(date -u +%Y-%m-%d), $(nproc) cores, .NET $(dotnet --version)."
  echo
  echo "$table"
  echo
  sed -n '/<!-- results:end -->/,$p' "$page"
} > "$page.tmp"
mv "$page.tmp" "$page"
echo "reliability-report: rewrote $page"
