#!/usr/bin/env bash
# Every class of bad input in docs/bad-input.md names a test: its id (the
# table's first column, in backquotes) must occur in a test source under
# tests/. Fails, listing them, when one does not.
set -u
cd "$(dirname "$0")/.."
missing=0 n=0
for id in $(sed -n 's/^| `\([a-z0-9_.-]*\)` |.*/\1/p' docs/bad-input.md); do
    n=$((n + 1))
    if ! grep -rqF -- "$id" tests --include='*.c' --include='*.h' --include='*.sh' --include='*.mjs' \
        --exclude=bad_input_doc.sh --exclude-dir=node_modules; then
        echo "bad_input_doc: docs/bad-input.md lists '$id', which no test names"
        missing=1
    fi
done
[ $missing = 0 ] && echo "bad_input_doc: $n classes of bad input, each with a test"
exit $missing
