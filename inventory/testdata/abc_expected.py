#!/usr/bin/env python3
"""Independent ABC classes for online_retail_2011-12-01_04.csv.gz.

Written separately from the Go code, with Python's csv and exact decimal
arithmetic. Rules (the same as TestABCOnlineRetail states):
  - keep rows whose InvoiceNo is all digits (drops C cancellations and
    A bad-debt adjustments), Quantity > 0, UnitPrice > 0, and whose
    StockCode starts with five digits (drops POST, DOT, M, D, C2, BANK
    CHARGES, AMAZONFEE, gift_0001_*, DCGS*, ...);
  - revenue of a StockCode = sum of Quantity * UnitPrice (GBP);
  - rank by revenue descending, ties by StockCode ascending;
  - METRICS.md: a SKU takes the class of the band in which its cumulative
    share starts: A while the revenue ranked before it is < 80 % of the
    total, B while < 95 %, C after (so the SKU that crosses 80 % is A).
Run: python3 abc_expected.py > online_retail_abc_expected.csv
"""
import csv, gzip, sys
from decimal import Decimal

rev = {}
with gzip.open('online_retail_2011-12-01_04.csv.gz', 'rt', newline='') as f:
    r = csv.DictReader(f)
    for row in r:
        inv, code = row['InvoiceNo'], row['StockCode']
        q, p = int(row['Quantity']), Decimal(row['UnitPrice'])
        if not inv.isdigit() or q <= 0 or p <= 0:
            continue
        if len(code) < 5 or not code[:5].isdigit():
            continue
        rev[code] = rev.get(code, Decimal(0)) + q * p

total = sum(rev.values())
items = sorted(rev.items(), key=lambda kv: (-kv[1], kv[0]))
cum = Decimal(0)
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['StockCode', 'Revenue', 'Class'])
for code, v in items:
    c = 'A' if cum < total * Decimal('0.80') else 'B' if cum < total * Decimal('0.95') else 'C'
    cum += v
    w.writerow([code, v, c])
