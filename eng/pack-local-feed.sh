#!/usr/bin/env bash
# Packs the Microsoft-signed System.IO.Hashing.dll that ships inside the installed .NET SDK into the
# local folder feed (eng/local-feed). Azure.Storage.Common depends on that package and the package
# mirror on our build machines does not serve it. Harmless where the public source is reachable.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="$root/eng/local-feed"
version="10.0.0"
nupkg="$feed/System.IO.Hashing.$version.nupkg"
[ -f "$nupkg" ] && exit 0

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
dll=""
for candidate in "$dotnet_root"/sdk/*/System.IO.Hashing.dll \
                 "$dotnet_root"/sdk/*/Sdks/Microsoft.NET.Sdk/tools/net10.0/System.IO.Hashing.dll \
                 "$dotnet_root"/sdk/*/Sdks/Microsoft.Build.Tasks.Git/tools/net/System.IO.Hashing.dll; do
  if [ -f "$candidate" ]; then dll="$candidate"; break; fi
done
[ -n "$dll" ] || { echo "pack-local-feed: System.IO.Hashing.dll not found under $dotnet_root/sdk" >&2; exit 1; }

mkdir -p "$feed"
dotnet pack "$root/eng/LocalFeed/System.IO.Hashing.Repack.csproj" -nologo -v quiet \
  -p:HashingDll="$dll" -p:Version="$version" -o "$feed" \
  --property:BaseIntermediateOutputPath="$root/artifacts/local-feed/obj/" >/dev/null
echo "pack-local-feed: packed $dll as System.IO.Hashing $version"
