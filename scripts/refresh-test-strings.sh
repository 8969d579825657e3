#!/usr/bin/env bash
# After adding a UI string to the bundled pack, copies the strings into the
# test packs that must stay complete (tests/packs/minimal and the two string
# cases of tests/packs/broken), so only the cases' own faults remain.
set -euo pipefail
cd "$(dirname "$0")/.."
sed 's#^// .*##' assets/pack/strings.ron > tests/packs/minimal/strings.ron
grep -v "nav_photos" tests/packs/minimal/strings.ron > tests/packs/broken/missing-string/strings.ron
{ echo "{"; echo '    nav_donate: {"en": "Donate", "zh-HK": "捐款"},'; sed '/^$/d' tests/packs/minimal/strings.ron | tail -n +2; } \
    > tests/packs/broken/unknown-string/strings.ron
