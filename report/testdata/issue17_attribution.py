# Independent check of issue 17's attribution and bounce figures on the
# exported demo store (Asia/Shanghai), period 2025-12.
import csv, datetime as dt, collections
tz = dt.timezone(dt.timedelta(hours=8))
start, end = dt.datetime(2025,12,1,tzinfo=tz), dt.datetime(2026,1,1,tzinfo=tz)
first = {}
placed = collections.defaultdict(set)
for r in csv.DictReader(open('order_lines.csv')):
    if r['status'] == 'cancelled' or not r['customer_id']: continue
    t = dt.datetime.fromisoformat(r['placed_at'])
    placed[r['customer_id']].add(t)
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
# A purchase's window starts after the buyer's last earlier purchase, if
# that lies within the 30 days (issue 19's analyst's read: 210 buyers),
# and after the 30 minutes that follow it, whose events are still that
# purchase's, unless the purchase comes sooner (Attribution.AfterPurchase);
# so also when the purchase lies just before the 30 days and its 30
# minutes reach into them.
attr, lags, cut = collections.Counter(), [], 0
for c, p in first.items():
    lo = p - dt.timedelta(days=30)
    before = [t for t in placed[c] if t < p]
    if before:
        m = max(before)
        tail = dt.timedelta(minutes=30)
        own = m + tail if m + tail < p else m
        if own >= lo:
            lo, cut = own + dt.timedelta(microseconds=1), cut + 1
    last_nd, direct, seen = None, False, None
    for t, _ in ev.get(c, []):
        if lo <= t <= p and (seen is None or t < seen): seen = t
    if seen is not None: lags.append((p - seen).total_seconds())
    for t, src in sorted(ev.get(c, []), key=lambda x: x[0]):
        if src == '' or t > p or t < lo: continue
        if src == 'direct': direct = True
        else: last_nd = src
    attr[last_nd or ('direct' if direct else '(none)')] += 1
print('buyers', len(first), dict(attr), 'windows cut', cut)
lags.sort()
def q(p):  # Hyndman and Fan 7
    h = (len(lags) - 1) * p
    i = int(h)
    return lags[i] + (h - i) * (lags[min(i + 1, len(lags) - 1)] - lags[i])
print('time to convert: buyers', len(lags), 'no visit', len(first) - len(lags), 'median s %.0f p90 s %.0f' % (q(0.5), q(0.9)),
      'buckets', [sum(1 for x in lags if a <= x < b) for a, b in ((0, 3600), (3600, 86400), (86400, 7*86400), (7*86400, 1e18))])
b_old = sum(1 for v in sess.values() if v[0] == 1)
b_new = sum(1 for v in sess.values() if v[0] == 1 and not v[1])
print('sessions', len(sess), b_old, b_new, 'bounce old %.1f%% new %.1f%%' % (100*b_old/len(sess), 100*b_new/len(sess)))
