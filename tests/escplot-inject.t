#!/bin/bash
# escplot-inject.t -- benchmark names and file labels are data, never
# gnuplot code.  tests/data/escplot/inject.txt has names with backquotes,
# system("..."), quotes, @macros, $(...) and markup; each would create
# the file $ESCPLOT_CANARY.<tag> if gnuplot (or a shell) ran it.  A label
# with a newline and a backquote command comes from the command line.
# First a control run shows the canary does appear when gnuplot is handed
# such text as code, so the test can fail.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/escplot
P=$BIN/escplot
[ -x "$P" ] || skip_all "$P not built"
command -v gnuplot >/dev/null 2>&1 || skip_all "gnuplot not installed"
cd "$TMP" || exit 1
export ESCPLOT_CANARY=$TMP/canary

# control: the same text given to gnuplot as code does run
printf 'print `touch${IFS}$ESCPLOT_CANARY.ctl1; echo 1`\nx = system("touch${IFS}$ESCPLOT_CANARY.ctl2")\n' >ctl.gp
gnuplot ctl.gp >/dev/null 2>&1
ok $([ -e canary.ctl1 ] && [ -e canary.ctl2 ]; echo $?) "control: gnuplot runs backquotes and system() in code"
rm -f canary.*

label=$(printf '`touch ${ESCPLOT_CANARY}.lab`\n@x"y')
label2='system("touch ${ESCPLOT_CANARY}.lab2");'
"$P" -o out -title '`touch ${ESCPLOT_CANARY}.title`' "$D/inject.txt" "$label=$D/inject.txt" \
	"$label2=$D/inject.txt" >list 2>err; st=$?
is "$st" 0 "escplot on the hostile names: status 0"
is "$(cat err)" "" "nothing on stderr (no gnuplot error: the scripts parse)"
ls canary.* >found 2>/dev/null
is "$(cat found)" "" "no canary file: nothing ran"
like "$(cat list)" 'out/inject-family-System-inject\.svg' "the family chart of the hostile names was drawn"
like "$(cat list)" 'out/inject-sweep-Sweep-n-inject\.svg' "the sweep chart with a hostile series was drawn"
like "$(cat list)" 'out/inject-compare\.svg' "the comparison with a hostile label was drawn"
n=$(grep -c . list)
is "$n" 22 "22 chart files listed"
is "$(ls out | grep -vcE '^[A-Za-z0-9._-]+$')" 0 "chart file names are made of safe characters only"

if command -v xmllint >/dev/null 2>&1; then
	bad=0
	for f in out/*.svg; do xmllint --noout "$f" 2>/dev/null || { bad=1; echo "# invalid: $f"; }; done
	is "$bad" 0 "every SVG is valid XML"
	texts() {
		xmllint --xpath "//*[local-name()='text']" "$1" 2>/dev/null |
			sed -e 's/<[^>]*>/\n/g' | sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' | sed '/^$/d'
	}
	t=$(texts out/inject-family-System-inject.svg)
	printf '%s\n' "$t" | grep -qxF 'system("touch${IFS}$ESCPLOT_CANARY.sys")'
	ok $? "the system(...) name is shown as text"
	t=$(texts out/inject-compare.svg)
	printf '%s\n' "$t" | grep -qF -- '`touch$'
	ok $? "the backquoted name is shown as text"
	printf '%s\n' "$t" | grep -qxF -- '`touch ${ESCPLOT_CANARY}.lab`\n@x"y'
	ok $? "the label's newline is shown as \\n, its quotes as quotes"
	printf '%s\n' "$t" | grep -qxF -- 'system("touch ${ESCPLOT_CANARY}.lab2");'
	ok $? "a system(...) label is shown as text"
	printf '%s\n' "$t" | grep -qxF -- 'a^2_{b}&amp;<svg>'
	ok $? "markup characters are plain text (noenhanced, XML-escaped by gnuplot)"
	printf '%s\n' "$t" | grep -qF -- '`touch ${ESCPLOT_CANARY}.title`'
	ok $? "the -title is shown as text"
else
	for i in 1 2 3 4 5 6 7; do skip "xmllint not installed"; done
fi
done_testing
