#!/bin/sh
# check-po.sh MSGFMT PO POTFILES SRCROOT
# Fails if PO has fuzzy or untranslated messages, has format errors, or lacks
# a message that the sources mark for translation.
set -eu
msgfmt=$1 po=$2 potfiles=$3 root=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stats=$("$msgfmt" --check --statistics -o /dev/null "$po" 2>&1)
echo "$stats"
case $stats in
  *fuzzy*|*untranslated*) echo "incomplete: $po"; exit 1 ;;
esac

if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
  cd "$root"
  grep -v '^#' "$potfiles" | grep -v '^$' > "$tmp/files"
  xgettext --files-from="$tmp/files" --from-code=UTF-8 --keyword=_ --keyword=N_ \
    --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --add-comments \
    --its=/usr/share/gettext/its/gtkbuilder.its -o "$tmp/detente.pot" 2>/dev/null || \
  xgettext --files-from="$tmp/files" --from-code=UTF-8 --keyword=_ --keyword=N_ \
    --keyword=C_:1c,2 --keyword=NC_:1c,2 --add-comments -o "$tmp/detente.pot"
  # msgcmp fails when the .pot has a message the .po lacks.
  msgcmp --use-untranslated "$po" "$tmp/detente.pot"
fi
echo "complete: $po"
