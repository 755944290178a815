#!/usr/bin/env bash
# Import benchmark: `fahrplan import projects` of a 10,000-row project list (German Excel CSV, realistic rows
# that reference Musterstadt's units, goals, programs and projects, with dependencies between rows) into a
# fresh SQLite database with the demo, end to end (process start, parse, check, one transaction), in a
# release build. Prints the seconds (hyperfine when installed, else /usr/bin/time), the peak resident memory
# and the target (< 3 s). A second figure: exporting the 10,045 projects and importing the export again
# (every row an unchanged update).
#   benchmarks/import.sh [--rows 10000] [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=10000
RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine (Debian package)…" >&2
  (apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null) || echo "hyperfine not available; using /usr/bin/time" >&2
fi
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }

echo "building release binary…" >&2
BUILD_LOG=$(mktemp)
if ! swift build -c release --scratch-path .build-release --product fahrplan >"$BUILD_LOG" 2>&1; then
  grep -E "error" "$BUILD_LOG" >&2; rm -f "$BUILD_LOG"; echo "release build failed" >&2; exit 1
fi
rm -f "$BUILD_LOG"
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/fahrplan"
[ -x "$BIN" ] || { echo "release build failed" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
export DATABASE_URL="sqlite://$WORK/base.sqlite"
"$BIN" demo >/dev/null

python3 - "$ROWS" "$WORK/projekte.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
random.seed(20260301)
units = ["SD", "10", "10.2", "11", "20", "IT", "32", "33", "33.1", "40", "50", "51", "61", "62", "63", "63.1", "66"]
goals = ["Z1.1", "Z1.2", "Z1.3", "Z2.1", "Z2.2", "Z2.3", "Z2.4", "Z3.1", "Z3.2", "Z3.3", "Z4.1", "Z4.2", "Z5.1", "Z5.2", "Z5.3", "Z6.1", "Z6.2", "Z6.3"]
programs = ["P1.1.1", "P1.2.1", "P2.1.1", "P2.2.1", "P3.1.1", "P3.1.2", "P4.1.1", "P5.1.1", "P6.1.1"]
kinds = ["Neue Online-Leistung", "Ablösung einer Software", "Prozessoptimierung", "Basisinfrastruktur / Basiskomponente",
         "Qualifizierung", "Smart-City-Lösung", "Sonstiges"]
statuses = ["Idee", "Eingereicht", "In Bewertung", "Priorisiert", "Beschlossen", "In Umsetzung"]
benefit = ["Bürgerinnen und Bürger", "Unternehmen", "Beschäftigte"]
verbs = ["Digitalisierung", "Einführung", "Ablösung", "Neuaufbau", "Modernisierung", "Automatisierung", "Online-Antrag"]
objects = ["Wohngeldantrag", "Gewerbeanmeldung", "Hundesteuer", "Parkausweis", "Kita-Platzvergabe", "Baugenehmigung", "Friedhofsverwaltung",
           "Sondernutzungserlaubnis", "Schülerbeförderung", "Fundbüro", "Straßenbeleuchtung", "Ratsinformationssystem", "E-Rechnung",
           "Terminvergabe", "Personalakte", "Fahrzeugflotte", "Schulnetz", "Bürgerbeteiligung", "Geodatenportal", "Meldewesen"]
tags = ["OZG", "E-Akte", "Schule", "KI", "Open Data", "Barrierefreiheit", "Cloud", "Sicherheit", "Prozess", "Bürgerservice"]

def money(euros):
    whole, cents = divmod(euros, 100)
    text = f"{whole:,}".replace(",", ".")
    return f"{text},{cents:02d}" if cents else text

def cell(text):
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\n') else text

header = ["Titel", "Fachdienst", "Kurzbeschreibung", "Beschreibung", "Projektart", "Status", "Ziele", "Programm", "Nutzen für",
          "Schlagworte", "Gesetzliche Pflicht", "Rechtsgrundlage", "Beginn", "Ende", "Einmalkosten 2027", "Laufende Kosten 2027",
          "Laufende Kosten 2028", "Personal (VZÄ) 2027", "Personal (VZÄ) 2028", "Personal weitere Einheiten", "Abhängigkeiten"]
titles = [f"{random.choice(verbs)} {random.choice(objects)} – Vorhaben {i + 1:05d}" for i in range(rows)]
lines = [";".join(header)]
for i, title in enumerate(titles):
    unit = random.choice(units)
    legal = random.random() < 0.2
    start_year = random.choice([2026, 2027, 2027, 2028])
    others = random.sample([u for u in units if u != unit], k=random.choice([0, 0, 1, 2]))
    deps = []
    if random.random() < 0.15:
        deps.append(f"P-{random.randint(1, 45):04d}")
    if i > 0 and random.random() < 0.2:
        deps.append(titles[random.randrange(max(0, i - 500), i)])
    cells = [
        title, unit,
        f"{title.split(' – ')[0]} im Fachdienst {unit}: schneller, einfacher, medienbruchfrei.",
        f"**Ausgangslage:** Papierbasiert.\n\n**Ziel:** Vollständig digital bis {start_year + 1}.\n- Prozessaufnahme\n- Umsetzung",
        random.choice(kinds), random.choice(statuses),
        "; ".join(random.sample(goals, k=random.choice([1, 1, 2]))),
        random.choice(programs) if random.random() < 0.4 else "",
        "; ".join(random.sample(benefit, k=random.choice([1, 2]))),
        ", ".join(random.sample(tags, k=random.choice([0, 1, 2, 3]))),
        "ja" if legal else "nein", "Onlinezugangsgesetz (OZG)" if legal else "",
        f"{random.randint(1, 28):02d}.{random.randint(1, 12):02d}.{start_year}", f"31.12.{start_year + random.choice([0, 1, 2])}",
        money(random.randint(0, 50_000_000)), money(random.randint(0, 2_000_000)), money(random.randint(0, 2_000_000)),
        random.choice(["0,5", "1", "1,5", "0,25", ""]), random.choice(["0,5", "1", ""]),
        "; ".join(f"{u} {random.choice([2027, 2028])}: {random.choice(['0,1', '0,25', '0,5'])}" for u in others),
        "; ".join(deps),
    ]
    lines.append(";".join(cell(c) for c in cells))
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
PY
SIZE=$(du -k "$WORK/projekte.csv" | cut -f1)

# The file must import without a single error, or the benchmark would time a refusal.
cp "$WORK/base.sqlite" "$WORK/check.sqlite"
DATABASE_URL="sqlite://$WORK/check.sqlite" "$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt --dry-run >"$WORK/check.out" 2>"$WORK/check.err" \
  || { echo "the generated file has errors:" >&2; head -20 "$WORK/check.err" >&2; exit 1; }

echo
echo "Fahrplan import benchmark — $(nproc) cores, SQLite, release build, $ROWS rows (${SIZE} KB), log level $LOG_LEVEL"
echo "dry run: $(cat "$WORK/check.out")"
export DATABASE_URL="sqlite://$WORK/bench.sqlite"
IMPORT=("$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt)
if command -v hyperfine >/dev/null; then
  hyperfine --runs "$RUNS" --warmup 1 --prepare "cp '$WORK/base.sqlite' '$WORK/bench.sqlite'" --export-json "$WORK/hyperfine.json" \
    "${IMPORT[*]}" >&2
  MEAN=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.2f} s mean, {r['min']:.2f} s min, {r['max']:.2f} s max over {len(r['times'])} runs\")" "$WORK/hyperfine.json")
  SECONDS_MEAN=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$WORK/hyperfine.json")
fi
cp "$WORK/base.sqlite" "$WORK/bench.sqlite"
/usr/bin/time -f "%e %M" -o "$WORK/time" "${IMPORT[@]}" >"$WORK/import.out"
read -r ELAPSED PEAK_KB <"$WORK/time"
SECONDS_MEAN=${SECONDS_MEAN:-$ELAPSED}
printf "%-44s %s\n" "import of $ROWS new rows:" "${MEAN:-$ELAPSED s (one run)}"
printf "%-44s %s\n" "result:" "$(cat "$WORK/import.out")"
printf "%-44s %.1f MB\n" "peak RSS of the import process:" "$(awk -v k="$PEAK_KB" 'BEGIN{print k/1024}')"

# Export everything and import it again: 10,045 updates, all unchanged.
"$BIN" export projects --tenant musterstadt --format csv >"$WORK/export.csv"
/usr/bin/time -f "%e %M" -o "$WORK/time2" "$BIN" import projects "$WORK/export.csv" --tenant musterstadt >"$WORK/reimport.out"
read -r ELAPSED2 PEAK2_KB <"$WORK/time2"
printf "%-44s %s s, peak RSS %.1f MB (%s)\n" "re-import of the export (all unchanged):" "$ELAPSED2" "$(awk -v k="$PEAK2_KB" 'BEGIN{print k/1024}')" "$(cat "$WORK/reimport.out")"

echo
echo "Target (2-core machine):"
awk -v s="$SECONDS_MEAN" -v n="$ROWS" 'BEGIN{ printf "  %d rows end to end < 3 s: %s (%.2f s)\n", n, (s+0 < 3) ? "met" : "MISSED", s }'
