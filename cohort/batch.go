package cohort

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// AddOrders adds the orders of the batch b, the columnar form of
// [Ledger.AddAll]: the ledger ends as if [Ledger.Add] had been given
// b.Order(i) for each i in turn, with the same cancelled and guest
// orders skipped (a customer number of -1 or of the empty string is a
// guest), the same currency rule and the same *[OrderError]s. Like
// AddAll, it adds every valid order and returns the errors of the others
// joined, so that one bad order does not hide another; the rest of the
// batch is added.
//
// AddOrders reads amounts in whole minor units from the batch's columns
// and looks each customer number of b.CustomerIDs up once: the ledger
// keeps, for the customer dictionaries of its last few batches, the
// ledger's customer of each number, so that batches sharing a dictionary
// (as the batches of one reader do) cost no string hashing for the
// customers already seen, and a ledger whose customers all come from one
// dictionary hashes no customer ID at all until something looks one up by
// ID (Add, AddAll, Merge, a batch of another dictionary). It keeps a
// reference to those dictionaries and to the strings of the batch's
// dictionaries it records (customer IDs, channels, promotions,
// categories), but not to b, which may be reset and refilled after the
// call. An order off this fast path (an amount that is not whole minor
// units of its currency, a currency other than the ledger's, no PlacedAt,
// an overflow), and the first order of a customer when the ledger has a
// Key function, go through b.Order(i) and Add's own code.
//
// AddOrders returns the errors of [metrics.Orders.Validate]
// (*metrics.BatchError, wrapping metrics.ErrMalformed), and adds nothing,
// if b is malformed: columns of different lengths, line starts out of
// order, a number outside its dictionary.
func (l *Ledger) AddOrders(b *metrics.Orders) error {
	n := b.Len()
	if n == 0 {
		return nil
	}
	if err := b.Validate(); err != nil {
		return err
	}
	if n > maxCall {
		panic(fmt.Sprintf("cohort: a batch of %d orders, more than 2^31-2", n))
	}
	d := b.CustomerIDs
	if d != nil && d != l.sole {
		if l.cs.Len() == 0 {
			l.sole = d // every customer will come from d's numbers
		} else {
			l.indexAll()
		}
	}
	lazy := d != nil && d == l.sole
	if l.remaps.OnEvict == nil {
		l.remaps.OnEvict = l.evictRemap
	}
	r := l.remaps.Of(d)
	if unmapped := len(r.Values) - r.Count; unmapped > 0 {
		// Room for every new customer the batch can hold.
		more := min(n, unmapped)
		if !lazy {
			l.idx.reserve(l.idx.used + more)
		}
	}
	l.cols = b
	var errs []error
	const run = 16
	for i := 0; i < n; i++ {
		if i%run == 0 {
			// Load the remap entries of a run of orders first, in a loop
			// short enough for their cache misses to be in flight at once.
			var sink int32
			for _, num := range b.Customer[i:min(i+run, n)] {
				if uint(num) < uint(len(r.Values)) {
					sink += r.Values[num]
				}
			}
			l.sink += uint64(sink)
		}
		if b.Status[i] == metrics.Cancelled {
			l.cancelled++
			continue
		}
		num := b.Customer[i]
		if num < 0 {
			l.guests++
			continue
		}
		v := r.Values[num]
		if v == 0 && d.String(num) == "" {
			v, r.Values[num] = -1, -1
			r.Count++
		}
		if v < 0 {
			l.guests++
			continue
		}
		e, main, err := l.columnValue(b, i)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ns := b.Placed[i] // set: columnValue checked
		at := instant{floorDiv(ns, 1e9), int32(ns - floorDiv(ns, 1e9)*1e9)}
		isNew := false
		if v == 0 {
			// A number first seen: its customer is new if the ledger's
			// customers all come from d's numbers (each number is a
			// different ID), else looked up.
			// The record of a new customer is added at the end of the
			// call, with its first order's details (firstsOfBatch).
			if lazy {
				v, isNew = l.newFirstOrder(at, e.day)+1, true
			} else {
				id := d.String(num)
				h := l.idx.hash(id)
				s, ok := l.idx.find(id, h)
				if ok {
					v = s.ci1
				} else {
					v, isNew = l.newFirstOrder(at, e.day)+1, true
					l.idx.insert(s, id, h, v-1)
					l.indexed++
				}
			}
			r.Values[num] = v
			r.Count++
		}
		l.post(v-1, isNew, &e, at, unsafeString(b.IDs.Bytes(i)), nil, main, i)
	}
	l.firstsOfBatch(b)
	l.cols = nil
	return errors.Join(errs...)
}

// columnValue returns the entry of order i of b in the log (but its
// customer) and its main line, as [Ledger.value] does for b.Order(i): from
// the columns' minor units for the common order, through b.Order(i) and
// value itself for any other.
func (l *Ledger) columnValue(b *metrics.Orders, i int) (entry, int, error) {
	cur := l.cur
	c := b.Currencies[b.Currency[i]]
	if cur.IsZero() {
		cur = c
	}
	ns := b.Placed[i]
	var net, cogs int64
	main, ok := -1, c == cur && !cur.IsZero() && ns != metrics.NoTime
	if ok {
		net, cogs, main, ok = minorValue(b, i, cur)
	}
	if !ok {
		o := b.Order(i)
		return l.value(&o, nil)
	}
	l.cur = cur
	day := l.dayOfUnix(floorDiv(ns, 1e9))
	return entry{orders: 1, day: int32(day), net: net, cogs: cogs}, main, nil
}

// minorValue is [fastValue] on the columns of order i of b, whose
// currency is cur: its net sales and COGS in minor units, and the index of
// its main line (-1 for none). It reports false where fastValue might, and
// a little more often (net sales or COGS above 2^61), and the caller then
// asks fastValue itself.
func minorValue(b *metrics.Orders, i int, cur money.Currency) (net, cogs int64, main int, ok bool) {
	d, ok := minorAt(&b.Discount, i, cur)
	if !ok || d < 0 {
		return 0, 0, -1, false
	}
	s, e := b.Lines(i)
	var v int64 // Σ quantity × unit price − line discount
	main, best := -1, int64(-1)
	for j := s; j < e; j++ {
		q := b.Quantity[j]
		p, ok1 := minorAt(&b.UnitPrice, j, cur)
		ld, ok2 := minorAt(&b.LineDiscount, j, cur)
		k, ok3 := minorAt(&b.UnitCost, j, cur)
		if !ok1 || !ok2 || !ok3 || q <= 0 || p < 0 || ld < 0 || k < 0 {
			return 0, 0, -1, false
		}
		hg, g := bits.Mul64(uint64(q), uint64(p))
		hk, kk := bits.Mul64(uint64(q), uint64(k))
		if hg != 0 || hk != 0 || g > math.MaxInt64/4 || kk > math.MaxInt64/4 || int64(g) < ld {
			return 0, 0, -1, false
		}
		if int64(g) > best {
			best, main = int64(g), j-s
		}
		// v and cogs stay at most 2^61 before each addition of at most
		// 2^61, so neither wraps.
		v += int64(g) - ld
		cogs += int64(kk)
		if v > math.MaxInt64/4 || cogs > math.MaxInt64/4 {
			return 0, 0, -1, false
		}
	}
	if d > v {
		return 0, 0, -1, false
	}
	return v - d, cogs, main, true
}

// minorAt returns row i of a in minor units of cur as [metrics.Order.AppendLineMinor]
// reads the amount b.Order gives: the column's minor units, or those of
// the exact amount (the zero Money counts as 0).
func minorAt(a *metrics.Amounts, i int, cur money.Currency) (int64, bool) {
	if len(a.Exact) != 0 {
		if m, ok := a.Exact[i]; ok {
			return m.MinorIn(cur)
		}
	}
	return a.Minor[i], true
}

// dayOfUnix returns the day number, in the ledger's location, of the
// Unix second sec.
func (l *Ledger) dayOfUnix(sec int64) int64 {
	if l.Location == nil || l.Location == time.UTC {
		return floorDiv(sec, 86400)
	}
	return l.day(time.Unix(sec, 0))
}

// firstsOfBatch records the first orders that AddOrders found in b,
// adding the records of the customers it created: they come in the order
// of their indices, each in pendList when it was created.
func (l *Ledger) firstsOfBatch(b *metrics.Orders) {
	n := 0
	for _, ci := range l.pendList {
		n += len(b.IDs.Bytes(int(l.firsts.At(int(ci)).pend - 1)))
	}
	// The first orders' IDs, in one allocation the garbage collector
	// need not scan.
	ids := make([]byte, 0, n)
	cur := l.cur
	// The cohort keys of each combination of dictionary numbers, the
	// last few looked up in a list, which most batches never outgrow.
	type keyNums struct {
		nums [3]int32
		keys *cohortKeys
	}
	var recent []keyNums
	for _, ci := range l.pendList {
		f := l.firsts.At(int(ci))
		i := int(f.pend - 1)
		if int(ci) == l.cs.Len() {
			l.cs.Push(customer{id: b.CustomerIDs.String(b.Customer[i])})
		}
		c := l.cs.At(int(ci))
		main, ok := mainLine(b, i, cur)
		if l.Key != nil || !ok {
			o := b.Order(i)
			l.setFirst(c, &o, -2)
		} else {
			id := b.IDs.Bytes(i)
			ids = append(ids, id...)
			c.firstID = unsafeString(ids[len(ids)-len(id):])
			nums := [3]int32{b.Channel[i], b.Promotion[i], -1}
			if main >= 0 {
				nums[2] = b.Category[int(b.LineStart[i])+main]
			}
			var k *cohortKeys
			for _, r := range recent {
				if r.nums == nums {
					k = r.keys
					break
				}
			}
			if k == nil {
				k = l.intern(cohortKeys{channel: dictString(b.Channels, nums[0]), promotion: dictString(b.Promotions, nums[1]),
					category: dictString(b.Categories, nums[2])})
				if len(recent) == 16 {
					recent = recent[:15]
				}
				recent = append([]keyNums{{nums, k}}, recent...)
			}
			c.keys = k
		}
		f.pend = 0
	}
	l.pendList = l.pendList[:0]
}

// mainLine returns the index, among order i's lines, of the line
// [mainCategory] takes, the first of highest quantity × unit price, from
// the minor units of a valid order of currency cur. It reports false if
// they cannot tell (an amount beyond minor units or an overflow).
func mainLine(b *metrics.Orders, i int, cur money.Currency) (int, bool) {
	s, e := b.Lines(i)
	main, best := -1, int64(-1)
	for j := s; j < e; j++ {
		p, ok := minorAt(&b.UnitPrice, j, cur)
		q := b.Quantity[j]
		if !ok || p < 0 || q < 0 {
			return -1, false
		}
		hi, g := bits.Mul64(uint64(q), uint64(p))
		if hi != 0 || g > math.MaxInt64 {
			return -1, false
		}
		if int64(g) > best {
			best, main = int64(g), j-s
		}
	}
	return main, true
}

// maxRemaps is the number of dictionaries whose remaps a ledger keeps:
// the default of metrics.Remap. Batches that share one dictionary need
// one; batches of their own dictionaries each replace the oldest.
const maxRemaps = 4

// evictRemap is the OnEvict of the ledger's remaps, which hold the
// ledger's customer of each number of a dictionary of customer IDs: 0
// for a number not looked up yet, -1 for the empty string (a guest), else
// the customer's index + 1, and in Count the numbers not 0. When the
// dictionary every customer came from goes, its customers are indexed
// first, which AddOrders could not do without.
func (l *Ledger) evictRemap(m *metrics.DictMap[int32]) {
	if m.Dict == l.sole {
		l.indexAll()
	}
}

// dictString returns the string of number i of d, "" for -1.
func dictString(d *metrics.Dict, i int32) string {
	if i < 0 {
		return ""
	}
	return d.String(i)
}

// unsafeString returns b as a string without copying it: b must not
// change while the string is in use.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
