#!/usr/bin/env bash
# Runs `survinfer run SPEC --out OUT` with the code of COMMIT, without touching any checkout:
# the commit's tree is exported (`git archive`) into a temporary folder, node_modules is symlinked from the
# checkout this script runs in (dependencies since dddad89 were only added, none removed or bumped), the CLI
# runs there, and the folder is removed. SPEC and OUT are absolute paths (or relative to the current directory).
#
#   tools/regression/run-at.sh dddad89 test/fixtures/old-spec/study.yaml /tmp/old-spec-dddad89
#
# Exit status: the CLI's (0 success, 2 bad input, 1 internal error); stdout/stderr of the run go to OUT.log.
set -euo pipefail
if [ $# -ne 3 ]; then echo "usage: $0 COMMIT SPEC OUT" >&2; exit 64; fi
commit=$1
spec=$(realpath "$2")
out=$(realpath -m "$3")
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
modules=$(realpath "$repo/node_modules")
tree=$(mktemp -d "${TMPDIR:-/tmp}/survinfer-at-XXXXXX")
trap 'rm -rf "$tree"' EXIT
git -C "$repo" archive "$commit" | tar -x -C "$tree"
ln -s "$modules" "$tree/node_modules"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
set +e
(cd "$tree" && ./node_modules/.bin/tsx src/cli/main.ts run "$spec" --out "$out") >"$out.log" 2>&1
rc=$?
set -e
exit $rc
