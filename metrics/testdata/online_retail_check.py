# Independent recomputation of the 2011 summary of the UCI Online Retail data
# with Python's decimal and csv modules (no shared code with the Go side).
import csv, sys
from decimal import Decimal
from collections import defaultdict
gross=Decimal(0); ret=Decimal(0); units=0
orders=set(); guest=set(); first={}; in_orders=defaultdict(set); days=defaultdict(set)
with open(sys.argv[1], newline='') as f:
    r=csv.DictReader(f)
    for row in r:
        inv=row['InvoiceNo']; q=int(row['Quantity']); p=Decimal(row['UnitPrice']); d=row['InvoiceDate']
        c=row['CustomerID'][:-2] if row['CustomerID'].endswith('.0') else row['CustomerID']
        y=d[:4]
        if inv.startswith('A'): continue
        if inv.startswith('C'):
            if y=='2011': ret += -q*p
            continue
        if q<=0: continue
        if c and (c not in first or d<first[c]): first[c]=d
        if y!='2011': continue
        gross += q*p; units += q; orders.add(inv)
        if not c: guest.add(inv)
        else: in_orders[c].add(inv); days[c].add(d[:10])
buyers=len(in_orders)
new=sum(1 for c in in_orders if first[c]>='2011')
rep=sum(1 for c in in_orders if len(in_orders[c])>=2)
repd=sum(1 for c in in_orders if len(days[c])>=2)
net=gross-ret
print('gross',gross,'returns',ret,'net',net)
print('orders',len(orders),'guest',len(guest),'units',units)
print('buyers',buyers,'new',new,'returning',buyers-new,'repeat',rep,'repeat by days',repd)
print('AOV',(net/len(orders)).quantize(Decimal('0.01')),'per buyer',(net/buyers).quantize(Decimal('0.01')),'return rate',ret/gross)
