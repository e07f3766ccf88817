#!/usr/bin/env bash
# After `make demo`: one account per role on the demo store, all with the
# demo's password, so that the workbench can be tried at once; then says
# how to open it. A demo store only: never give real accounts a password
# written in a script.
# Usage: scripts/demo_accounts.sh WACHTER DB
set -eu
wachter=$1
db=$2
pw=demo-password
export WACHTER_NEW_PASSWORD=$pw WACHTER_PASSWORD=$pw
if ! "$wachter" --db "$db" --as admin account list >/dev/null 2>&1; then
    "$wachter" --db "$db" account add admin --role administrator >/dev/null
fi
for pair in ann:analyst sam:senior-analyst ivy:investigator pia:privacy-officer aud:auditor; do
    name=${pair%%:*}
    "$wachter" --db "$db" --as admin account list | grep -q "^$name " ||
        "$wachter" --db "$db" --as admin account add "$name" --role "${pair#*:}" >/dev/null
done
cat <<MSG

The workbench on this store:

    WACHTER_PASSWORD=$pw $wachter --db $db --as admin serve

then open http://127.0.0.1:8080/ and log in as ann (analyst), sam (senior
analyst), ivy (investigator), pia (privacy officer) or aud (auditor), each
with the password $pw. The demo store now has accounts: the CLI on it
needs --as NAME too (WACHTER_PASSWORD=$pw).
MSG
