#!/usr/bin/env bash
# The training run of a profile-guided build (make pgo): an instrumented
# wachter runs the demo (its own synthetic organisation, not the bench's
# data: load, ingest with two threads, the investigations), then ingests
# the demo's events again detect-only on one thread, so that both ingest
# paths are in the profile.
# Usage: scripts/pgo_train.sh WACHTER
set -eu
bin=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$bin" --db "$dir/demo.db" demo --dir "$dir/data" >/dev/null
"$bin" --db "$dir/detect.db" load "$dir/data" >/dev/null
"$bin" --db "$dir/detect.db" ingest --detect-only --threads 1 "$dir/data/events.jsonl" >/dev/null
