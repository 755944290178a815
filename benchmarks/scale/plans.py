"""Reads PostgreSQL log text with auto_explain plans (stdin) and prints each distinct query with the scan nodes of
its plan; flags a sequential scan of a tenant table (argv[1]: file of "<tenant table>|<estimated rows>" lines). A tenant
table under 1,000 rows (empty ones: nothing generated there) is read whole by the planner's choice; that is noted apart.
Used by benchmarks/scale-http.sh."""
import re
import sys

tenant = {}
for line in open(sys.argv[1]):
    if "|" in line:
        name, rows = line.strip().split("|")
        tenant[name] = max(0, int(float(rows)))
SMALL = 1000
scan = re.compile(r"((?:Parallel )?(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan)(?: Backward)?"
                  r"(?: using (\S+))? on (\S+)|Bitmap Index Scan on (\S+))")
plans, current = [], None
for line in sys.stdin:
    if "LOG:  duration:" in line and "plan:" in line:
        current = {"ms": float(re.search(r"duration: ([\d.]+) ms", line).group(1)), "query": "", "scans": []}
        plans.append(current)
    elif current is not None and (line.startswith("\t") or line.startswith(" ")):
        text = line.strip()
        if text.startswith("Query Text:"):
            current["query"] = text[len("Query Text:"):].strip()
        for match in scan.finditer(text):
            current["scans"].append(match.group(1))
    else:
        current = None

seen, flagged, small = set(), 0, 0
for plan in plans:
    key = re.sub(r"\s+", " ", plan["query"])
    if key in seen or not plan["scans"]:
        continue
    seen.add(key)
    print(f"    {plan['ms']:7.2f} ms  {key[:150]}{'…' if len(key) > 150 else ''}")
    for node in plan["scans"]:
        table = node.split(" on ")[-1]
        note = ""
        if "Seq Scan" in node and table in tenant:
            if tenant[table] >= SMALL:
                flagged += 1
                note = f"   <-- SEQUENTIAL SCAN OF A TENANT TABLE ({tenant[table]} rows)"
            else:
                small += 1
                note = f"   (tenant table of {tenant[table]} rows, read whole by the planner's choice)"
        print(f"               {node}{note}")
print(f"    {len(seen)} distinct queries, {sum(len(p['scans']) for p in plans)} scan nodes, "
      f"{flagged} sequential scans of tenant tables (≥ {SMALL} rows), {small} of small ones")
