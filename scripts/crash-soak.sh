#!/usr/bin/env bash
# Runs the crash acceptance test (issue 8) bigger than the build does:
#   scripts/crash-soak.sh [deals] [kills] [seed] [timeout-seconds]
# defaults: 1000 deals, 50 SIGKILLs, a seed from the clock, 900 s. The seed is printed so a failure can be replayed.
set -euo pipefail
cd "$(dirname "$0")/.."
deals="${1:-1000}"
kills="${2:-50}"
seed="${3:-$(date +%s)}"
timeout="${4:-900}"
echo "crash soak: ${deals} deals, ${kills} kills, seed ${seed}, timeout ${timeout} s"
./mvnw -B -ntp -q -pl examples/kommo-sync-server -am verify \
  -Dtest=CrashRecoveryTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.deals="${deals}" -Dcrash.kills="${kills}" -Dcrash.seed="${seed}" -Dcrash.timeoutSeconds="${timeout}"
grep -h "crash test:" examples/kommo-sync-server/target/surefire-reports/*CrashRecoveryTest-output.txt
