#!/usr/bin/env bash
# Reporting core benchmark (issue 18), pure parts: the committee report over 2,000 projects and 200 KPIs (assembly;
# assembly + DOCX), the diff of two strategy versions with 2,000 projects, the version's JSON round trip; 30 runs
# each, release build of fahrplan-bench, deterministic sample (ReportingSample). Then the sample report is written
# as DOCX and converted to PDF by LibreOffice (`soffice --headless --convert-to pdf`; installs the Debian package
# libreoffice-writer-nogui when soffice is missing): prints whether it converted without error and the page count.
#   benchmarks/reporting-core.sh     (FAHRPLAN_BENCH=/path/to/fahrplan-bench uses an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="${FAHRPLAN_BENCH:-$(release_binary fahrplan-bench)}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/out.txt"
"$BIN" reporting >"$OUT"
value() { awk -v k="$1" '$1 == k {print $2}' "$OUT"; }
row() {
  printf "%-48s %10s %10s %10s   %s\n" "$1" "$(value "reporting.$2.mean_ms")" "$(value "reporting.$2.p50_ms")" \
    "$(value "reporting.$2.worst_ms")" "$(value reporting.runs)"
}

echo
echo "Fahrplan reporting core benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep '^reporting.projects' "$OUT" | sed 's/^reporting.projects/projects/'
printf "%-48s %10s %10s %10s   %s\n" "" "mean ms" "p50 ms" "worst ms" "runs"
row "committee report: assembly" assemble
row "committee report: DOCX" docx
row "committee report: assembly + DOCX" report_total
row "strategy version diff (2,000 projects)" diff
row "strategy version JSON encode + decode" version_json
echo "DOCX $(value reporting.docx_bytes) bytes, version JSON $(value reporting.version_json_bytes) bytes"
grep '^reporting.diff ' "$OUT" | sed 's/^reporting.diff/diff:/'

echo
echo "LibreOffice:"
if ! command -v soffice >/dev/null; then
  echo "  installing libreoffice-writer-nogui (Debian package)…" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null
fi
# convert NAME [hostile] — writes the sample as NAME.docx, converts it; prints the outcome, returns 0 on success.
convert() {
  local name="$1" docx="$WORK/$1.docx" pdf="$WORK/$1.pdf"
  "$BIN" reporting-docx "$docx" ${2:-}
  if timeout 300 soffice --headless --norestore "-env:UserInstallation=file://$WORK/lo-profile" \
       --convert-to pdf --outdir "$WORK" "$docx" >"$WORK/soffice.log" 2>&1 && [ -s "$pdf" ]; then
    local pages
    pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$pdf")
    echo "  $name.docx ($(stat -c %s "$docx") bytes) → PDF $(stat -c %s "$pdf") bytes, $pages pages: converted without error"
  else
    sed 's/^/  soffice: /' "$WORK/soffice.log"
    echo "  $name.docx: FAILED"
    return 1
  fi
}
LIBREOFFICE="converted without error"
convert ausschussbericht || LIBREOFFICE="failed"
convert ausschussbericht-hostile hostile || LIBREOFFICE="failed"
echo "  result: $LIBREOFFICE"

echo
echo "Targets:"
awk -v w="$(value reporting.assemble.worst_ms)" 'BEGIN{ printf "  committee report assembly, 2,000 projects + 200 KPIs < 100 ms (worst run): %s (%.3f ms)\n", (w+0 < 100) ? "met" : "MISSED", w }'
awk -v w="$(value reporting.report_total.worst_ms)" 'BEGIN{ printf "  committee report assembled and written as DOCX < 500 ms (worst run): %s (%.3f ms)\n", (w+0 < 500) ? "met" : "MISSED", w }'
awk -v w="$(value reporting.diff.worst_ms)" 'BEGIN{ printf "  strategy version diff, 2,000 projects < 200 ms (worst run): %s (%.3f ms)\n", (w+0 < 200) ? "met" : "MISSED", w }'
echo "  DOCX (plain and hostile text) opened by LibreOffice without error: $([ "$LIBREOFFICE" = "converted without error" ] && echo met || echo MISSED)"
[ "$LIBREOFFICE" = "converted without error" ]
