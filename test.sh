#!/usr/bin/env bash
# Builds Mirrorspace and runs every test project. Ends with one line "N passed, N failed" and
# exits non-zero when anything failed or did not run.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

command -v dotnet >/dev/null 2>&1 || fail "The .NET 10 SDK is required (dotnet not found on PATH)."

# Debian packages the tests drive as real third-party peers, installed when missing.
required_packages=(openssh-server mosquitto-clients)
missing=()
for package in "${required_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" \
    || fail "Could not install ${missing[*]}."
fi

dotnet build Mirrorspace.slnx -c Release -nologo -v quiet -clp:ErrorsOnly || fail "The build failed."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test --solution Mirrorspace.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints one summary for the whole solution.
total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
total=${total:-0} failed=${failed:-0} passed=${passed:-0} skipped=${skipped:-0}

# A crashed or aborted test run can leave failed at 0: count it, so it never passes silently.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "The test run exited with $status without a failing test: a test project did not run to the end." >&2
  failed=1
fi
if [ "$total" -eq 0 ]; then
  echo "No tests ran." >&2
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
