#!/bin/bash
# tests/cli/fuzz_smoke.sh: runs every libFuzzer target in tests/fuzz/ for
# about five seconds (its seeds, then a few thousand generated inputs);
# any finding (crash, sanitizer report, leak, timeout) fails. The targets
# carry ASan and UBSan themselves, so the sanitizer pass of make check
# does not run them a second time. Long runs: make fuzz SECONDS=N.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if [ -n "${SAN_LOG_DIR:-}" ]; then
	ok "fuzz smoke: the targets carry ASan and UBSan themselves and ran in the plain pass"
	finish
fi
tests/fuzz/run.sh -s "${FUZZ_SMOKE_SECONDS:-5}"
