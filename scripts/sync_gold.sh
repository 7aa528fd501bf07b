#!/usr/bin/env bash
# Refresh the gold annotations the tests and `kg eval` use from ../shared/ (the team's
# shared folder beside the checkout). The copies in tests/gold/ let a clone of this
# repository alone run its tests; run this when the shared gold files are corrected.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
for pair in "gold:tests/gold/seeds" "gold-wide:tests/gold/wide"; do
  from="$shared/${pair%%:*}"
  to="${pair#*:}"
  [ -d "$from" ] || { echo "sync_gold: $from: no such folder" >&2; exit 1; }
  rm -rf "$to.new" && mkdir -p "$to.new"
  cp "$from"/*.json "$to.new"/
  cp "$from"/*.md "$to.new"/ 2>/dev/null || true
  cp "$from"/*.txt "$to.new"/ 2>/dev/null || true
  rm -rf "$to" && mv "$to.new" "$to"
  echo "sync_gold: $to <- $from ($(ls "$to" | wc -l) files)"
done
