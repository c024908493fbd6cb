package cohort

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/internal/intmath"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// Ledger accumulates each customer's purchases, day by day, for the
// cohort, repurchase, RFM and CLV analyses, which are computed from it at
// query time ([Ledger.Retention], [Ledger.Repurchase], [Ledger.RFM],
// [Ledger.Summary]).
//
// The zero Ledger is empty, counts days in UTC and is ready to use. Set
// Location (and Key) before the first Add. Orders may arrive in any order;
// the result does not depend on it. Ledgers of disjoint shards of
// customers, or of disjoint sets of orders, combine with [Ledger.Merge]
// exactly. A Ledger holds one currency: an order in another currency is an
// error.
//
// Add, AddAll, AddOrders and Merge panic at the ledger's capacity limits, which are
// not data problems but sizes past what one ledger is built for: more than
// 2^31−2 customers, or a customer ID of 4 GiB or more. Shard larger
// inputs.
//
// Add appends each order to a log. The queries sort the log into
// per-customer histories of daily totals, so that the first query after
// many Adds costs a pass over the log and later ones do not; but
// [Ledger.Retention] reads the log as it is, without sorting it, unless
// that would take more memory than the log. A ledger queried only with
// Retention therefore keeps its log, which grows with every order rather
// than with every customer-day, and reads all of it each time.
//
// A Ledger is not safe for concurrent use, not even by concurrent
// queries (they reorganise its storage); give each goroutine its own and
// merge them.
type Ledger struct {
	// Location is the store's time zone, in which days, weeks and months
	// are counted. Defaults to UTC. Set it before the first Add and do not
	// change it.
	Location *time.Location
	// Key, if set, names the cohort of a customer from the customer's first
	// order, for cohorts [ByKey] (for example a campaign parsed from the
	// order ID). Defaults to none: ByKey then puts everyone in the cohort "".
	Key func(metrics.Order) string

	cur       money.Currency
	idx       idTable                    // customer ID → index
	sink      uint64                     // keeps the loads of idTable.touch alive
	firsts    chunked.Slice[firstOrder]  // by customer index
	lastFirst instant                    // no first order is later (a bound, not always reached)
	indexed   int                        // customers 0 to indexed-1 are in idx; the others, created by AddOrders from sole's numbers, are not yet
	sole      *metrics.Dict              // the dictionary from which AddOrders created every customer of the ledger, if one did
	cs        chunked.Slice[customer]    // cold: first-order details
	hist      [][]dayAgg                 // by customer index: the day aggregates, sorted by day, as of the last flush (none before it)
	remaps    metrics.Remap[int32]       // AddOrders' customer numbers → indices, by dictionary
	keys      map[cohortKeys]*cohortKeys // see intern
	log       chunked.Slice[entry]       // activity added since the last flush
	nlog      chunked.Slice[narrow]      // more of it: orders whose amounts fit in int32s
	extras    []extra                    // the log's amounts beyond int64 minor units
	dayExtras []extra                    // the day aggregates' amounts beyond int64 minor units
	lastDay   int64
	hasDay    bool
	cancelled int64
	guests    int64
	orders    int64

	days     civil.Cache         // time stamps to day numbers in Location
	refunds  []entry             // scratch
	lines    []metrics.LineMinor // scratch for fastValue
	pendList []int32             // the customers whose first order is pending (see firstOrder)
	batch    []metrics.Order     // AddAll's orders, during the call
	cols     *metrics.Orders     // AddOrders' batch, during the call
}

// instant is a time as seconds and nanoseconds, cheap to compare.
type instant struct {
	sec  int64
	nsec int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

// firstOrder is a customer's first order so far: its PlacedAt, and 1 +
// its index in the orders or the batch of the AddAll or AddOrders call
// under way, if that call found it (0 otherwise). The call records the
// first orders it found once, at its end, rather than every time a
// customer's first order so far changes (often, when the orders are not
// in time order).
type firstOrder struct {
	sec  int64 // PlacedAt, as an instant
	nsec int32
	pend int32
	day  int32 // the day of PlacedAt in the ledger's Location
}

func (f *firstOrder) at() instant { return instant{f.sec, f.nsec} }

func (a instant) before(b instant) bool {
	return a.sec < b.sec || (a.sec == b.sec && a.nsec < b.nsec)
}

// entry is one order or refund in the log, in minor units; extra, when
// not zero, is 1 + the index of the amounts that did not fit.
type entry struct {
	net, cogs int64
	cust, day int32
	orders    int32
	extra     int32
}

type extra struct{ net, cogs decimal.Decimal }

// narrow is the common entry in half the space: one order (orders = 1,
// no extras) whose net sales and COGS fit in an int32 of minor units.
type narrow struct {
	net, cogs int32
	cust, day int32
}

// fitsNarrow reports whether e can be held as a narrow entry.
func fitsNarrow(e *entry) bool {
	return e.orders == 1 && e.extra == 0 &&
		e.net == int64(int32(e.net)) && e.cogs == int64(int32(e.cogs))
}

type customer struct {
	id      string
	firstID string
	keys    *cohortKeys // of the first order; shared by the customers whose first orders share them
	// The first day is in Ledger.firsts, the days of activity in
	// Ledger.hist.
}

// dayAgg is one customer's activity on one day: orders placed and their
// net sales and COGS in minor units, net of refunds paid that day. When
// x is not zero, l.dayExtras[x-1] holds what int64 minor units could not
// (see [Ledger.dayAmounts]). 32 bytes, no pointers.
type dayAgg struct {
	net, cogs int64
	orders    int64
	day       int32
	x         int32
}

// dayAmounts returns the exact net sales and COGS of b.
func (l *Ledger) dayAmounts(b *dayAgg) (net, cogs money.Total) {
	net.Units, cogs.Units = b.net, b.cogs
	if b.x != 0 {
		e := &l.dayExtras[b.x-1]
		net.Extra, cogs.Extra = &e.net, &e.cogs
	}
	return net, cogs
}

// addToDay adds net and cogs (minor units, plus any extras) to b.
func (l *Ledger) addToDay(b *dayAgg, net, cogs int64, x *extra) {
	rn, okn := intmath.Add64(b.net, net)
	rc, okc := intmath.Add64(b.cogs, cogs)
	if x == nil && okn && okc {
		b.net, b.cogs = rn, rc
		return
	}
	if b.x == 0 {
		l.dayExtras = append(l.dayExtras, extra{net: decimal.Zero, cogs: decimal.Zero})
		b.x = int32(len(l.dayExtras))
	}
	e := &l.dayExtras[b.x-1]
	e.net = e.net.Add(decimal.NewFromInt(net))
	e.cogs = e.cogs.Add(decimal.NewFromInt(cogs))
	if x != nil {
		e.net = e.net.Add(x.net)
		e.cogs = e.cogs.Add(x.cogs)
	}
}

// Currency returns the currency of the ledger's amounts: the currency of
// the first order added, or the zero Currency while it is empty.
func (l *Ledger) Currency() money.Currency { return l.cur }

// Customers returns the number of distinct customers added.
func (l *Ledger) Customers() int { return l.cs.Len() }

// Orders returns the number of orders added to customers' histories
// (cancelled and guest orders are counted apart; see [Ledger.Skipped]).
func (l *Ledger) Orders() int64 { return l.orders }

// Skipped returns the orders that Add accepted but left out of every
// analysis: cancelled orders (not sales, by definition) and guest orders
// (no CustomerID, so they belong to no customer).
func (l *Ledger) Skipped() (cancelled, guests int64) { return l.cancelled, l.guests }

// maxDay bounds day numbers (about ±5.8 million years) so that they fit
// the ledger's int32 log.
const maxDay = math.MaxInt32

// Add records one order and the refunds paid on it.
//
// A cancelled order and a guest order (empty CustomerID) are counted (see
// [Ledger.Skipped]) and otherwise ignored, with their refunds. Any other order counts as a
// purchase on its PlacedAt day in the ledger's Location, with
//
//	net sales = Σ (quantity × unit price − line discount) − order discount
//	COGS      = Σ quantity × unit cost
//
// as shopmetrics defines them (shipping and tax are not sales). Each refund
// is subtracted from net sales on the day it was paid, and the cost of its
// restocked units (quantity × the unit cost of that SKU on the order) is
// subtracted from COGS that day. Gross profit is net sales − COGS. A refund
// does not make a customer active.
//
// Add returns an *[OrderError] wrapping [ErrInvalidOrder] that lists every
// problem it finds (no PlacedAt, a non-positive quantity, a negative price,
// discount or cost, an amount in another currency, a refund of another
// order or dated before the order, a returned SKU not on the order), and
// then records nothing of the order.
func (l *Ledger) Add(o metrics.Order, refunds ...metrics.Refund) error {
	return l.add(&o, refunds, 0, false, -1)
}

// AddNumbered is [Ledger.Add] of o and its refunds for a caller that
// numbers its customers in a dictionary anyway: o.CustomerID must be
// string num of d (num is -1 for a guest), and the ledger finds the
// customer by the number, as [Ledger.AddOrders] finds a batch's, rather
// than by hashing the ID. A ledger whose customers all come from d holds
// them unindexed until something looks one up by ID (Add, AddAll, Merge,
// a batch or call of another dictionary), and keeps a reference to d. It
// panics if num is outside d while o has a customer.
func (l *Ledger) AddNumbered(o *metrics.Order, d *metrics.Dict, num int32, refunds ...metrics.Refund) error {
	if l.passed(o) {
		return nil
	}
	if uint(num) >= uint(d.Len()) {
		panic(fmt.Sprintf("cohort: customer number %d outside a dictionary of %d", num, d.Len()))
	}
	e, main, err := l.value(o, refunds)
	if err != nil {
		return err
	}
	if d != l.sole {
		if l.cs.Len() == 0 {
			l.sole = d // every customer will come from d's numbers
		} else {
			l.indexAll()
		}
	}
	at := instantOf(o.PlacedAt)
	if l.remaps.OnEvict == nil {
		l.remaps.OnEvict = l.evictRemap
	}
	r := l.remaps.Of(d)
	v, isNew := r.Values[num], false
	if v == 0 {
		// A number first seen: its customer is new if the ledger's
		// customers all come from d's numbers, else looked up.
		if d == l.sole {
			v, isNew = l.newUnindexed(d.String(num), at, e.day)+1, true
		} else {
			h := l.idx.hash(o.CustomerID)
			s, ok := l.idx.find(o.CustomerID, h)
			if ok {
				v = s.ci1
			} else {
				v, isNew = l.newCustomer(s, o.CustomerID, h, at, e.day)+1, true
			}
		}
		r.Values[num] = v
		r.Count++
	}
	l.post(v-1, isNew, &e, at, o.ID, o, main, -1)
	return nil
}

// AddAll adds orders (without refunds) as [Ledger.Add] does, without
// copying them. It adds every valid order and returns the errors of the
// others joined, so that one bad order does not hide another.
func (l *Ledger) AddAll(orders []metrics.Order) error {
	var errs []error
	for len(orders) > 0 {
		n := min(len(orders), maxCall)
		errs = append(errs, l.addAll(orders[:n]))
		orders = orders[n:]
	}
	return errors.Join(errs...)
}

// maxCall bounds the orders that AddAll and AddOrders handle at once, so
// that an index in them fits the int32 of firstOrder.pend.
const maxCall = math.MaxInt32 - 1

// addAll is AddAll for at most maxCall orders.
func (l *Ledger) addAll(orders []metrics.Order) error {
	var errs []error
	l.indexAll()
	l.batch = orders
	// Make room in the index for a new customer every newPerOrders orders
	// at once, rather than growing it step by step.
	l.idx.reserve(l.idx.used + len(orders)/newPerOrders)
	const batch = 32
	var hs [batch]uint64
	for i := 0; i < len(orders); i += batch {
		part := orders[i:min(i+batch, len(orders))]
		// Hash the batch, then touch its index slots in a loop short
		// enough for all their cache misses to be in flight at once.
		for k := range part {
			hs[k] = l.idx.hash(part[k].CustomerID)
		}
		var sink uint64
		for k := range part {
			sink += l.idx.touch(hs[k])
		}
		l.sink += sink
		for k := range part {
			if err := l.add(&part[k], nil, hs[k], true, i+k); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for _, ci := range l.pendList {
		f := l.firsts.At(int(ci))
		o := &orders[f.pend-1]
		l.setFirst(l.cs.At(int(ci)), o, -2)
		f.pend = 0
	}
	l.pendList = l.pendList[:0]
	l.batch = nil
	return errors.Join(errs...)
}

// newPerOrders is the number of orders per new customer for which AddAll
// reserves room in its index: one in eight, so that a large call grows
// the index at most a few times, at a cost of about five bytes per order
// when all its customers are known.
const newPerOrders = 8

// firstID returns the ID of customer ci's first order so far, valid
// during the call that added it.
func (l *Ledger) firstID(ci int32) string {
	if p := l.firsts.At(int(ci)).pend; p != 0 {
		if l.cols != nil {
			return unsafeString(l.cols.IDs.Bytes(int(p - 1)))
		}
		return l.batch[p-1].ID
	}
	return l.cs.At(int(ci)).firstID
}

// earlier reports whether an order placed at with ID id comes before
// customer ci's first order so far.
func (l *Ledger) earlier(ci int32, at instant, id string) bool {
	f := l.firsts.At(int(ci)).at()
	return at.before(f) || (at == f && id < l.firstID(ci))
}

// newFirst makes o, order idx of the call's orders or batch when idx >= 0,
// the first order so far of customer ci: at once for Add, at the end of
// the call for AddAll and AddOrders (see [firstOrder]).
func (l *Ledger) newFirst(ci int32, o *metrics.Order, main, idx int) {
	if idx < 0 {
		l.setFirst(l.cs.At(int(ci)), o, main)
		return
	}
	f := l.firsts.At(int(ci))
	if f.pend == 0 {
		l.pendList = append(l.pendList, ci)
	}
	f.pend = int32(idx + 1)
}

// indexAll puts in the index the customers that AddOrders created
// without it (see [Ledger.AddOrders]), before anything looks a customer
// up by ID.
func (l *Ledger) indexAll() {
	l.sole = nil
	n := l.cs.Len()
	if l.indexed == n {
		return
	}
	l.idx.reserve(n)
	for ci := l.indexed; ci < n; ci++ {
		id := l.cs.At(ci).id
		h := l.idx.hash(id)
		s, ok := l.idx.find(id, h)
		if ok {
			panic("cohort: internal error: customer " + id + " created twice")
		}
		l.idx.insert(s, id, h, int32(ci))
	}
	l.indexed = n
}

// passed reports whether the ledger passes o by, counting it: a
// cancelled order, or a guest's, whose customer it cannot follow.
func (l *Ledger) passed(o *metrics.Order) bool {
	switch {
	case o.Status == metrics.Cancelled:
		l.cancelled++
	case o.CustomerID == "":
		l.guests++
	default:
		return false
	}
	return true
}

// add adds o with its refunds; h is the index hash of o.CustomerID when
// hashed is true. For AddAll, idx is the index of o in its orders (see
// [Ledger.newFirst]); for Add it is -1.
func (l *Ledger) add(o *metrics.Order, refunds []metrics.Refund, h uint64, hashed bool, idx int) error {
	if l.passed(o) {
		return nil
	}
	e, main, err := l.value(o, refunds)
	if err != nil {
		return err
	}
	at := instantOf(o.PlacedAt)
	if !hashed {
		h = l.idx.hash(o.CustomerID)
	}
	l.indexAll()
	s, ok := l.idx.find(o.CustomerID, h)
	var ci int32
	if ok {
		ci = s.ci1 - 1
	} else {
		ci = l.newCustomer(s, o.CustomerID, h, at, e.day)
	}
	l.post(ci, !ok, &e, at, o.ID, o, main, idx)
	return nil
}

// value validates o and its refunds and returns o's entry in the log
// (but its customer) and the index of its main line as [fastValue] gives
// it (-2 if not known); the refunds' entries are left in l.refunds. The
// first order valid sets the ledger's currency. value returns an
// *[OrderError], and changes nothing, if o or a refund is invalid.
func (l *Ledger) value(o *metrics.Order, refunds []metrics.Refund) (entry, int, error) {
	cur := l.cur
	if cur.IsZero() {
		cur = o.Currency
	}
	day := l.day(o.PlacedAt)
	e := entry{orders: 1, day: int32(day)}
	n, k, main, ok := fastValue(o, cur, &l.lines)
	if ok && len(refunds) == 0 && day > -maxDay && day < maxDay {
		e.net, e.cogs = n, k
	} else {
		if !ok {
			main = -2 // unknown: setFirst computes it
		}
		net, cogs, err := slowValue(o, cur, refunds)
		if err == nil && (day <= -maxDay || day >= maxDay) {
			err = fmt.Errorf("PlacedAt %s is out of range", o.PlacedAt.Format(time.RFC3339))
		}
		if err != nil {
			return entry{}, 0, &OrderError{OrderID: o.ID, Err: err}
		}
		l.setAmounts(&e, net, cogs)
		for i := range refunds {
			r := &refunds[i]
			amt, cost := refundValue(o, r, cur)
			amt.Neg()
			cost.Neg()
			rd := l.day(r.At)
			if rd <= -maxDay || rd >= maxDay {
				l.refunds = l.refunds[:0]
				return entry{}, 0, &OrderError{OrderID: o.ID, Err: fmt.Errorf("refund %q: date %s is out of range", r.ID, r.At.Format(time.RFC3339))}
			}
			re := entry{day: int32(rd)}
			l.setAmounts(&re, amt, cost)
			l.refunds = append(l.refunds, re)
		}
	}
	if l.cur.IsZero() {
		l.cur = cur
	}
	return e, main, nil
}

// post records a valid order of customer ci, just created when isNew:
// its entry e (and the refunds' entries in l.refunds), placed at at, with
// order ID id. The order is o for Add and AddAll, and order idx of the
// call's orders or batch for AddAll and AddOrders (see [Ledger.newFirst]);
// main is its main line as [Ledger.value] gives it.
func (l *Ledger) post(ci int32, isNew bool, e *entry, at instant, id string, o *metrics.Order, main, idx int) {
	if isNew {
		l.newFirst(ci, o, main, idx)
	} else if !l.lastFirst.before(at) && l.earlier(ci, at, id) {
		// An order after lastFirst cannot be a first order: in orders
		// that come in time order, most are, and need not read firsts.
		f := l.firsts.At(int(ci))
		f.sec, f.nsec, f.day = at.sec, at.nsec, e.day
		l.newFirst(ci, o, main, idx)
	}
	e.cust = ci
	if fitsNarrow(e) {
		l.nlog.Push(narrow{net: int32(e.net), cogs: int32(e.cogs), cust: ci, day: e.day})
	} else {
		l.log.Push(*e)
	}
	for _, re := range l.refunds {
		re.cust = ci
		l.log.Push(re)
		l.seeDay(int64(re.day))
	}
	l.refunds = l.refunds[:0]
	l.orders++
	l.seeDay(int64(e.day))
}

// setAmounts puts net and cogs into e, using the extras table for what
// does not fit in int64 minor units.
func (l *Ledger) setAmounts(e *entry, net, cogs money.Total) {
	e.net, e.cogs = net.Units, cogs.Units
	if net.Extra == nil && cogs.Extra == nil {
		return
	}
	x := extra{net: decimal.Zero, cogs: decimal.Zero}
	if net.Extra != nil {
		x.net = *net.Extra
	}
	if cogs.Extra != nil {
		x.cogs = *cogs.Extra
	}
	l.extras = append(l.extras, x)
	e.extra = int32(len(l.extras))
}

// amounts returns the net sales and COGS of e.
func (l *Ledger) amounts(e *entry) (net, cogs money.Total) {
	net.Units, cogs.Units = e.net, e.cogs
	if e.extra != 0 {
		x := l.extras[e.extra-1]
		net.Extra, cogs.Extra = &x.net, &x.cogs
	}
	return net, cogs
}

func (l *Ledger) seeDay(d int64) {
	if !l.hasDay || d > l.lastDay {
		l.lastDay, l.hasDay = d, true
	}
}

// setFirst makes o the first order of c.
// main is the index of o's main line from fastValue, -1 for none, or -2
// if not known.
func (l *Ledger) setFirst(c *customer, o *metrics.Order, main int) {
	c.firstID = o.ID
	k := cohortKeys{channel: o.Channel, promotion: o.Promotion}
	switch {
	case main >= 0:
		k.category = o.Lines[main].Category
	case main == -1:
	default:
		k.category = mainCategory(o)
	}
	if l.Key != nil {
		k.key = l.Key(*o)
	}
	c.keys = l.intern(k)
}

// cohortKeys are the cohort keys of a customer's first order, other than
// its period: its channel, promotion, main category and Key.
type cohortKeys struct {
	channel, promotion, category, key string
}

// intern returns the ledger's copy of k, shared by every customer whose
// keys are k, so that a customer record holds one pointer instead of four
// strings.
func (l *Ledger) intern(k cohortKeys) *cohortKeys {
	if p, ok := l.keys[k]; ok {
		return p
	}
	if l.keys == nil {
		l.keys = make(map[cohortKeys]*cohortKeys)
	}
	p := &k
	l.keys[k] = p
	return p
}

// newCustomer adds a customer first seen at, to the empty index slot s
// that find returned for id (hash h).
func (l *Ledger) newCustomer(s *slot, id string, h uint64, at instant, day int32) int32 {
	i := l.newUnindexed(id, at, day)
	l.idx.insert(s, id, h, i)
	l.indexed++
	return i
}

// newUnindexed adds a customer first seen at, without putting it in the
// index. Its caller does, or leaves it to [Ledger.indexAll].
func (l *Ledger) newUnindexed(id string, at instant, day int32) int32 {
	i := l.newFirstOrder(at, day)
	l.cs.Push(customer{id: id})
	return i
}

// newFirstOrder numbers a new customer first seen at, on day, whose
// record ([customer]) its caller adds to l.cs: at once, or at the end of
// an AddOrders call (see [Ledger.firstsOfBatch]).
func (l *Ledger) newFirstOrder(at instant, day int32) int32 {
	if l.firsts.Len() == math.MaxInt32-1 {
		panic("cohort: more than 2^31-2 customers in one ledger")
	}
	i := int32(l.firsts.Len())
	l.firsts.Push(firstOrder{sec: at.sec, nsec: at.nsec, day: day})
	if i == 0 || l.lastFirst.before(at) {
		l.lastFirst = at
	}
	return i
}

// flush moves the log into the customers' sorted day aggregates. Every
// query but Retention calls it first; Retention calls it only when
// reading the log in place would take more memory than the log (see
// [retScan.scan]).
func (l *Ledger) flush() {
	if l.log.Len() == 0 && l.nlog.Len() == 0 {
		return
	}
	nc := l.cs.Len()
	// Each customer with new entries gets a segment of back holding its
	// old days and its new entries, which are then sorted and merged by day.
	start := make([]int, nc+1)
	for _, blk := range l.log.Blocks() {
		for i := range blk {
			start[blk[i].cust+1]++
		}
	}
	for _, blk := range l.nlog.Blocks() {
		for i := range blk {
			start[blk[i].cust+1]++
		}
	}
	pos := make([]int, nc)
	if len(l.hist) < nc {
		l.hist = append(l.hist, make([][]dayAgg, nc-len(l.hist))...)
	}
	for i := 0; i < nc; i++ {
		n := start[i+1]
		if n > 0 {
			n += len(l.hist[i])
		}
		start[i+1] = start[i] + n
	}
	back := make([]dayAgg, start[nc])
	for i := 0; i < nc; i++ {
		pos[i] = start[i]
		if start[i+1] > start[i] {
			pos[i] += copy(back[start[i]:], l.hist[i])
		}
	}
	for _, blk := range l.log.Blocks() {
		for i := range blk {
			e := &blk[i]
			b := &back[pos[e.cust]]
			pos[e.cust]++
			*b = dayAgg{day: e.day, orders: int64(e.orders)}
			if e.extra == 0 {
				b.net, b.cogs = e.net, e.cogs
			} else {
				l.addToDay(b, e.net, e.cogs, &l.extras[e.extra-1])
			}
		}
	}
	for _, blk := range l.nlog.Blocks() {
		for i := range blk {
			e := &blk[i]
			p := &pos[e.cust]
			back[*p] = dayAgg{day: e.day, orders: 1, net: int64(e.net), cogs: int64(e.cogs)}
			*p++
		}
	}
	for i := 0; i < nc; i++ {
		seg := back[start[i]:start[i+1]]
		if len(seg) == 0 {
			continue
		}
		sortByDay(seg)
		k := 0
		for j := 1; j < len(seg); j++ {
			if seg[j].day != seg[k].day {
				k++
				seg[k] = seg[j]
				continue
			}
			b, o := &seg[k], &seg[j]
			b.orders += o.orders
			var x *extra
			if o.x != 0 {
				x = &l.dayExtras[o.x-1]
			}
			l.addToDay(b, o.net, o.cogs, x)
		}
		l.hist[i] = seg[: k+1 : k+1]
	}
	l.log.Reset()
	l.nlog.Reset()
	l.extras = l.extras[:0]
}

// sortByDay sorts s by day, stably. A customer's segment in flush is
// short (a few orders added since the last query), so insertion sort,
// with the comparison inlined, beats a general sort.
func sortByDay(s []dayAgg) {
	if len(s) > 32 {
		slices.SortStableFunc(s, func(a, b dayAgg) int { return cmp.Compare(a.day, b.day) })
		return
	}
	for i := 1; i < len(s); i++ {
		if s[i].day >= s[i-1].day {
			continue
		}
		v := s[i]
		j := i
		for ; j > 0 && s[j-1].day > v.day; j-- {
			s[j] = s[j-1]
		}
		s[j] = v
	}
}

// customers iterates over the ledger's customers, with their indices.
func (l *Ledger) customers() iter.Seq2[int, *customer] {
	return func(yield func(int, *customer) bool) {
		ci := 0
		for _, blk := range l.cs.Blocks() {
			for i := range blk {
				if !yield(ci, &blk[i]) {
					return
				}
				ci++
			}
		}
	}
}

// daysOf returns the day aggregates of customer ci as of the last flush.
func (l *Ledger) daysOf(ci int) []dayAgg {
	if ci < len(l.hist) {
		return l.hist[ci]
	}
	return nil
}

// first returns the day of customer ci's first order.
func (l *Ledger) first(ci int) int64 { return int64(l.firsts.At(ci).day) }

// acquiredBy returns the number of customers whose first order is on day
// or before, so that the queries that keep a row per such customer
// (Summary, RFM) allocate their rows once: grown by append, 310k rows of
// 72 bytes cost about five times their size in copies, 100 MB a query,
// on top of whatever the caller holds.
func (l *Ledger) acquiredBy(day int64) int {
	n := 0
	for ci := range l.cs.Len() {
		if l.first(ci) <= day {
			n++
		}
	}
	return n
}

// day returns the day number of t in the ledger's location, caching the
// zone offset so that most calls are two comparisons and a division.
func (l *Ledger) day(t time.Time) int64 { return l.days.Day(t, l.Location) }

func (l *Ledger) loc() *time.Location {
	if l.Location == nil {
		return time.UTC
	}
	return l.Location
}

// Merge adds everything o holds to l, as if every order added to o had
// been added to l. A customer present in both keeps the earlier first
// order, with the cohort keys (including Key's value) computed by the
// ledger that saw it. It reorganises o's internal storage but not what o
// holds.
//
// Merge returns a *metrics.MergeError (wrapping metrics.ErrIncompatible),
// and changes nothing, if o is l, if the ledgers have different Locations
// (their days would not line up; locations are compared by name and UTC
// offsets, so that two fixed zones named "CST" at +8 and −6 hours differ)
// or if they hold different currencies (then the error also wraps a
// *money.MismatchError). Merge panics if o is nil.
func (l *Ledger) Merge(o *Ledger) error {
	bad := func(problem string, err error) error {
		return &metrics.MergeError{Pkg: "cohort", Type: "Ledger", Problem: problem, Err: err}
	}
	switch {
	case o == l:
		return bad("a Ledger merged with itself would count its orders twice", nil)
	case !civil.SameLocation(l.loc(), o.loc()):
		return bad("Location "+l.loc().String()+" and "+o.loc().String()+" (compared by name and UTC offsets)", nil)
	case !l.cur.IsZero() && !o.cur.IsZero() && l.cur != o.cur:
		return bad("currency "+l.cur.Code()+" and "+o.cur.Code(), &money.MismatchError{A: l.cur.Zero(), B: o.cur.Zero()})
	}
	if l.cur.IsZero() {
		l.cur = o.cur
	}
	o.flush()
	l.indexAll()
	l.cancelled += o.cancelled
	l.guests += o.guests
	l.orders += o.orders
	if o.hasDay {
		l.seeDay(o.lastDay)
	}
	for i := 0; i < o.cs.Len(); i++ {
		src := o.cs.At(i)
		at := o.firsts.At(i).at()
		h := l.idx.hash(src.id)
		s, ok := l.idx.find(src.id, h)
		var ci int32
		if ok {
			ci = s.ci1 - 1
		} else {
			ci = l.newCustomer(s, src.id, h, at, o.firsts.At(i).day)
		}
		c := l.cs.At(int(ci))
		if f := l.firsts.At(int(ci)); !ok || at.before(f.at()) || (at == f.at() && src.firstID < c.firstID) {
			*c = *src
			f.sec, f.nsec, f.day = at.sec, at.nsec, o.firsts.At(i).day
		}
		for j := range o.daysOf(i) {
			b := &o.hist[i][j]
			e := entry{cust: ci, day: b.day}
			for n := b.orders; n > math.MaxInt32; n -= math.MaxInt32 {
				l.log.Push(entry{cust: ci, day: b.day, orders: math.MaxInt32})
			}
			e.orders = int32(b.orders % math.MaxInt32)
			if b.orders > 0 && e.orders == 0 {
				e.orders = math.MaxInt32
			}
			net, cogs := o.dayAmounts(b)
			l.setAmounts(&e, net, cogs)
			l.log.Push(e)
		}
	}
	return nil
}
