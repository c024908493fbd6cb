# Independent check of the demo's December 2025 market section from the
# exported CSVs (python3, exact fractions). Order-level discounts are
# allocated to lines in proportion to their value after line discounts,
# largest remainder in cents (METRICS.md "Discounts").
import csv, sys
from fractions import Fraction as F
from decimal import Decimal
from collections import defaultdict
from statistics import median
d = sys.argv[1]
def cents(s): return int((Decimal(s or "0")*100).to_integral_value())
orders = defaultdict(list)
meta = {}
for r in csv.DictReader(open(d+"/order_lines.csv", encoding="utf-8")):
    orders[r["order_id"]].append(r)
    meta[r["order_id"]] = r
sales = defaultdict(lambda: [[0,0,0],[0,0,0]])  # sku -> [dec, nov] of [units, gross, net] in cents
for oid, ls in orders.items():
    m = meta[oid]
    if m["status"] == "cancelled": continue
    month = m["placed_at"][:7]  # times are written at +08:00
    assert m["placed_at"].endswith("+08:00")
    if month == "2025-12": k = 0
    elif month == "2025-11": k = 1
    else: continue
    vals = [cents(l["unit_price"])*int(l["quantity"]) - cents(l["line_discount"]) for l in ls]
    D = cents(m["order_discount"]); V = sum(vals)
    shares = [D*v//V if V else 0 for v in vals]
    rest = D - sum(shares)
    order = sorted(range(len(vals)), key=lambda i: (-(D*vals[i] % V if V else 0), i))
    for i in order[:rest]: shares[i] += 1
    for l, v, s in zip(ls, vals, shares):
        x = sales[l["sku"]][k]
        x[0] += int(l["quantity"]); x[1] += cents(l["unit_price"])*int(l["quantity"]); x[2] += v - s
obs = defaultdict(list)
for r in csv.DictReader(open(d+"/competitor_prices.csv", encoding="utf-8")):
    if r["day"].startswith("2025-12"):
        obs[(r["sku"], r["competitor"])].append(F(cents(r["price"])))
def med(xs):
    xs = sorted(xs); n = len(xs)
    return xs[n//2] if n % 2 else (xs[n//2-1]+xs[n//2])/2
comps = sorted({c for _, c in obs})
skus = sorted({s for s, _ in obs})
num = defaultdict(F); den = defaultdict(F)
bands = defaultdict(lambda: [0,0,0,0,0,0]); unpriced = 0
for s in skus:
    sl = sales[s]
    our = None
    for k in (0, 1):
        if sl[k][0] > 0: our = F(sl[k][1], sl[k][0]); break
    cp = {c: med(obs[(s, c)]) for c in comps if (s, c) in obs}
    mkt = med(list(cp.values()))
    if our is None: unpriced += 1; continue
    w = F(sl[0][2])
    for c, p in cp.items():
        num[c] += w*our/p*100; den[c] += w
    num[""] += w*our/mkt*100; den[""] += w
    b = "at_or_below" if our <= mkt else ("above" if our > mkt*F(105,100) else "near")
    g = bands[b]; g[0] += 1; g[1] += sl[0][0] < sl[1][0]; g[2] += sl[1][0]; g[3] += sl[0][0]; g[4] += sl[1][2]; g[5] += sl[0][2]
for c in comps + [""]:
    print(c or "market", "%.2f" % float(num[c]/den[c]), "weighted sales", float(den[c])/100)
for b, g in bands.items():
    print(b, "SKUs", g[0], "fell", g[1], "units", g[2], "->", g[3], "net", g[4]/100, "->", g[5]/100)
print("unpriced", unpriced)
