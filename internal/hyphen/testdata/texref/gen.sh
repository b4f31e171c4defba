#!/bin/sh
# Regenerates tex-fr.txt, the reference hyphenations the tests compare
# with: TeX's own algorithm (LuaTeX, Debian package texlive-binaries) over
# the embedded hyph-fr.tex, minimums 2 and 3. Not run by the tests or CI.
set -e
cd "$(dirname "$0")"
TEXINPUTS=. luatex -ini -interaction=nonstopmode ./ref.tex >/dev/null
rm -f ref.log
echo "$(wc -l < tex-fr.txt) words written to tex-fr.txt"
