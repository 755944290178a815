#!/usr/bin/env python3
"""A German Excel-style project list (CSV, `;`, UTF-8 with BOM) for the benchmarks: realistic rows that reference
Musterstadt's units, goals, programs and projects, with dependencies between rows. Deterministic (seeded).
    generate_projects.py ROWS OUTPUT.csv
"""
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
