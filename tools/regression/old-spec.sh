#!/usr/bin/env bash
# Regenerates test/fixtures/old-spec/ (see its README.md): the example study's spec and data exactly as they were at
# dddad89 (the last commit before any work on issue 19, "journal-ready output"), and the rendering of that spec by
# the code of dddad89 (results.json, summary.txt). test/report/old-spec.test.ts compares today's rendering with it.
#
#   tools/regression/old-spec.sh            # from the repository root (any checkout or worktree)
#
# Runs the dddad89 code in a temporary exported tree (tools/regression/run-at.sh): no checkout is touched.
set -euo pipefail
base=dddad89
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
fixture="$repo/test/fixtures/old-spec"
mkdir -p "$fixture/$base"
git -C "$repo" show "$base:examples/lms-metastasectomy/study.yaml" >"$fixture/study.yaml"
git -C "$repo" show "$base:examples/lms-metastasectomy/cohort.csv" >"$fixture/cohort.csv"
out=$(mktemp -d "${TMPDIR:-/tmp}/survinfer-old-spec-XXXXXX")
trap 'rm -rf "$out"' EXIT
if ! "$repo/tools/regression/run-at.sh" "$base" "$fixture/study.yaml" "$out/run"; then
  cat "$out/run.log" >&2
  echo "the $base run of the old spec failed" >&2
  exit 1
fi
cp "$out/run/results.json" "$out/run/summary.txt" "$fixture/$base/"
echo "wrote $fixture/{study.yaml,cohort.csv,$base/results.json,$base/summary.txt}"
