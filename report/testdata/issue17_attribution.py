# Independent check of issue 17's attribution and bounce figures on the
# exported demo store (Asia/Shanghai), period 2025-12.
import csv, datetime as dt, collections
tz = dt.timezone(dt.timedelta(hours=8))
start, end = dt.datetime(2025,12,1,tzinfo=tz), dt.datetime(2026,1,1,tzinfo=tz)
first = {}
for r in csv.DictReader(open('order_lines.csv')):
    if r['status'] == 'cancelled' or not r['customer_id']: continue
    t = dt.datetime.fromisoformat(r['placed_at'])
    if start <= t < end:
        c = r['customer_id']
        if c not in first or t < first[c]: first[c] = t
ev = collections.defaultdict(list)
sess = {}
for r in csv.DictReader(open('events.csv')):
    t = dt.datetime.fromisoformat(r['time'])
    ev[r['user_id']].append((t, r['source']))
    if start <= t < end:
        k = (r['user_id'], r['session_id'])
        s = sess.setdefault(k, [0, False])
        if r['name'] == 'page_view': s[0] += 1
        if r['name'] == 'purchase': s[1] = True
attr = collections.Counter()
for c, p in first.items():
    last_nd, direct = None, False
    for t, src in sorted(ev.get(c, []), key=lambda x: x[0]):
        if src == '' or t > p or t < p - dt.timedelta(days=30): continue
        if src == 'direct': direct = True
        else: last_nd = src
    attr[last_nd or ('direct' if direct else '(none)')] += 1
print('buyers', len(first), dict(attr))
b_old = sum(1 for v in sess.values() if v[0] == 1)
b_new = sum(1 for v in sess.values() if v[0] == 1 and not v[1])
print('sessions', len(sess), b_old, b_new, 'bounce old %.1f%% new %.1f%%' % (100*b_old/len(sess), 100*b_new/len(sess)))
