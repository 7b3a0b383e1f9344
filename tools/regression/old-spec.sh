#!/usr/bin/env bash
# Regenerates test/fixtures/old-spec/ (see its README.md): the example study's spec and data exactly as they were at
# dddad89 (the last commit before any work on issue 19, "journal-ready output"), and the rendering of that spec by
# the code of dddad89: results.json, summary.txt, tables/table1.csv and, instead of the figure itself, the text of the
# Kaplan–Meier figure's axis ticks and numbers at risk (km-axis.txt: "class text" per <text> element, in SVG order).
# test/report/old-spec.test.ts compares today's rendering with it.
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
cp "$out/run/results.json" "$out/run/summary.txt" "$out/run/tables/table1.csv" "$fixture/$base/"
grep -oE '<text[^>]*class="(tick-label|risk-n)"[^>]*>[^<]*</text>' "$out/run/figures/km.svg" |
  sed -E 's/.*class="([^"]*)".*>([^<]*)<\/text>$/\1 \2/' >"$fixture/$base/km-axis.txt"
echo "wrote $fixture/{study.yaml,cohort.csv,$base/{results.json,summary.txt,table1.csv,km-axis.txt}}"
