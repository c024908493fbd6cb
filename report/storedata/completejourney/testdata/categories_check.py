#!/usr/bin/env python3
"""Independent figures for TestCategoriesCompleteJourney (categories_test.go).

Reads transactions_sample_5000.csv.gz and products_of_sample_5000.csv.gz
with the standard library only and prints, over the transactions with a
non-zero quantity (the reader rejects quantity 0), per household (buyer
scope) and per basket (basket scope) by department: buyers, penetration,
net sales (sum of sales_value, exact decimals), and the department pairs
with at least 30 buyers (baskets) of both, their lift, one-sided Fisher
exact p-value (hypergeometric upper tail, exact with math.comb) and
Benjamini-Hochberg q-value, keeping those with q <= 0.05 and lift > 1.
Products missing from products.csv are the uncategorised department "".
Run: python3 categories_check.py
"""
import csv, gzip, itertools, math
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

dept = {r["product_id"]: r["department"] for r in csv.DictReader(gzip.open("products_of_sample_5000.csv.gz", "rt"))}
buyer, basket = defaultdict(set), defaultdict(set)
sales = defaultdict(Decimal)
rejected = 0
for r in csv.DictReader(gzip.open("transactions_sample_5000.csv.gz", "rt")):
    if r["quantity"] == "0":
        rejected += 1
        continue
    d = dept.get(r["product_id"], "")
    buyer[r["household_id"]].add(d)
    basket[r["basket_id"]].add(d)
    v = Decimal(r["sales_value"])
    sales[d] += v if abs(v) >= Decimal("0.005") else Decimal(0)

def fisher_upper(k, K, n, N):
    hi = min(K, n)
    return Fraction(sum(math.comb(K, x) * math.comb(N - K, n - x) for x in range(k, hi + 1)), math.comb(N, n))

def scope(sets):
    N = len(sets)
    of = defaultdict(int)
    both = defaultdict(int)
    for s in sets.values():
        for d in s:
            of[d] += 1
        for a, b in itertools.combinations(sorted(s), 2):
            both[(a, b)] += 1
    tested = [(a, b, n) for (a, b), n in both.items() if n >= 30]
    ps = [float(fisher_upper(n, of[a], of[b], N)) for a, b, n in tested]
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    q, run = [0.0] * len(ps), 1.0
    for r in range(len(ps) - 1, -1, -1):
        i = order[r]
        run = min(run, ps[i] * len(ps) / (r + 1))
        q[i] = max(run, ps[i])
    kept = []
    for i, (a, b, n) in enumerate(tested):
        lift = n * N / (of[a] * of[b])
        if q[i] <= 0.05 and lift > 1:
            kept.append((lift, a, b, n, ps[i], q[i]))
    kept.sort(key=lambda x: (-x[0], x[1], x[2]))
    return N, of, len(tested), kept[:10]

print("rejected rows (quantity 0):", rejected)
for name, sets in (("buyers", buyer), ("baskets", basket)):
    N, of, tested, kept = scope(sets)
    print(f"{name}: N={N} tested={tested}")
    if name == "buyers":
        for d in sorted(of, key=lambda d: (-of[d], d)):
            print(f"  {d!r}: {of[d]} buyers, penetration {of[d]/N:.10f}, net sales {sales[d]}")
    for lift, a, b, n, p, q in kept:
        print(f"  pair {a!r} + {b!r}: both={n} lift={lift:.12f} p={p:.6e} q={q:.6e}")
