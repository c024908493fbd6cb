# Independent check of the membership part of the demo's December 2025
# review (report.TestDemoMembership), from the CSV files that
# `go run ./examples/review -export DIR` writes, with the Python standard
# library only: python3 loyalty_demo_check.py DIR
import csv, sys
from decimal import Decimal
from collections import defaultdict
d = sys.argv[1]
start, end = "2025-12-01", "2026-01-01"
members = {r["customer_id"]: r for r in csv.DictReader(open(d + "/members.csv"))}
orders = {}
for r in csv.DictReader(open(d + "/order_lines.csv")):
    o = orders.setdefault(r["order_id"], {"c": r["customer_id"], "t": r["placed_at"], "st": r["status"], "net": -Decimal(r["order_discount"] or "0")})
    o["net"] += Decimal(r["quantity"]) * Decimal(r["unit_price"]) - Decimal(r["line_discount"] or "0")
# times are +08:00 throughout: the local date is the string's prefix
dec = [o for o in orders.values() if o["st"] != "cancelled" and start <= o["t"][:10] < end]
def member_at(c, t):
    m = members.get(c)
    return m is not None and m["joined"] <= t[:10] and (m["left"] == "" or t[:10] < m["left"])
by = defaultdict(list)
guest = []
for o in dec:
    (by[o["c"]] if o["c"] else guest).append(o)
mb = {c for c, os in by.items() if any(member_at(c, o["t"]) for o in os)}
nb = set(by) - mb
msales = sum(o["net"] for c in mb for o in by[c]); mord = sum(len(by[c]) for c in mb)
nsales = sum(o["net"] for c in nb for o in by[c]) + sum(o["net"] for o in guest); nord = sum(len(by[c]) for c in nb) + len(guest)
at_start = [c for c, m in members.items() if m["joined"] < start]
active = [c for c in at_start if c in by and any(member_at(c, o["t"]) for o in by[c])]
print("members at end", sum(1 for m in members.values() if m["joined"] < end), "new", sum(1 for m in members.values() if start <= m["joined"] < end))
print("at start", len(at_start), "active", len(active), "rate %.4f" % (len(active) / len(at_start)))
print("buyer share %.4f (%d/%d)" % (len(mb) / len(by), len(mb), len(by)), "sales share %.4f" % (msales / (msales + nsales)))
print("member AOV %.2f non-member AOV %.2f" % (msales / mord, nsales / nord))
print("member repurchase %.4f non-member %.4f" % (sum(1 for c in mb if len(by[c]) >= 2) / len(mb), sum(1 for c in nb if len(by[c]) >= 2) / len(nb)))
p = defaultdict(int); opening = 0; bal = 0
for r in csv.DictReader(open(d + "/points.csv")):
    sgn = -1 if r["kind"] in ("redeemed", "expired") else 1
    day = r["time"][:10]
    if day < start:
        opening += sgn * int(r["points"])
    elif day < end:
        p[r["kind"]] += int(r["points"])
out = opening + p["issued"] - p["redeemed"] - p["expired"] + p["adjusted"]
print("opening", opening, dict(p), "outstanding", out, "liability", Decimal(out) / 100)
