package metrics

import (
	"errors"
	"math"
	"math/big"
	"math/bits"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
)

// AddOrders adds every order of batch b, exactly as [Totals.Add] on
// b.Order(i) for each i would, reading its columns in int64 minor units
// (with 128-bit sums, so no total overflows): chunks of 1024 one-line
// orders of a one-currency batch in two tight passes, the order columns
// then the line columns, and other orders one by one. An order the
// integer path cannot take (an amount held in an [Amounts]' Exact map that
// is not zero, a product past the int64 range, an invalid order, an unset
// placement time with a Period) goes through Add.
//
// Exact maps are read only for the amounts that are not whole minor
// units of their order's currency; the zero Money is 0 minor units.
//
// An order that cannot be counted does not stop the batch: AddOrders adds
// every other order and returns an errors.Join of the *[ValidationError]
// of each order it could not count, in batch order, or nil. It returns a
// *[ConfigError], and adds nothing, if t.Period is empty or inverted, and
// the *[BatchError]s of [Orders.Validate], adding nothing, if b is
// malformed; it reads no dictionary column, so it does not check those
// (Validate does).
func (t *Totals) AddOrders(b *Orders) error {
	if err := checkPeriod("Totals.Period", t.Period); err != nil {
		return err
	}
	if err := b.validate(0); err != nil {
		return err
	}
	n := b.Len()
	if n == 0 {
		return nil
	}
	slow := exactOrders(b)
	sums := make([]batchSums, len(b.Currencies))
	okCode := make([]bool, len(b.Currencies))
	for k, c := range b.Currencies {
		okCode[k] = !c.IsZero()
	}
	all := t.Period.IsZero()
	start, end := periodNanos(t.Period)
	var errs []error
	var lm []LineMinor
	rows := func(i int) { // order i through Add
		if err := t.add(b.order(i, false), lm); err != nil {
			errs = append(errs, err)
		}
	}
	if len(b.Currencies) == 1 && okCode[0] {
		// One currency: the tight loop, stopping at the orders it cannot
		// take, which go through Add.
		var placed []int64
		if !all {
			placed = b.Placed[:n]
		}
		c := denseCols{status: b.Status[:n], disc: b.Discount.Minor[:n], ship: b.Shipping.Minor[:n], tax: b.Tax.Minor[:n],
			ls: b.LineStart[:n+1], qty: b.Quantity, price: b.UnitPrice.Minor[:len(b.Quantity)],
			ldisc: b.LineDiscount.Minor[:len(b.Quantity)], cost: b.UnitCost.Minor[:len(b.Quantity)], placed: placed, start: start, end: end}
		for i := 0; i < n; {
			stop := n
			if len(slow) > 0 {
				stop = int(slow[0])
				slow = slow[1:]
			}
			for i < stop {
				// Whole chunks of one-line orders first, then the order
				// by order loop for what they cannot take.
				e := min(i+chunkOrders, stop)
				if e-i == chunkOrders && c.sumChunk(i, e, &sums[0]) {
					i = e
					continue
				}
				if i = c.sum(i, e, &sums[0]); i < e {
					rows(i)
					i++
				}
			}
			if stop < n {
				rows(stop)
			}
			i = stop + 1
		}
	} else {
		status := b.Status[:n]
		for i := range n {
			if len(slow) > 0 && int(slow[0]) == i {
				slow = slow[1:]
			} else if status[i] == Cancelled {
				continue
			} else if t.sumRow(i, all, start, end, b, okCode, sums) {
				continue
			}
			rows(i)
		}
	}
	for k := range sums {
		s := &sums[k]
		if s.orders == 0 {
			continue
		}
		a := t.acc(b.Currencies[k])
		a.orders += s.orders
		s.gross.addTo(&a.gross)
		s.disc.addTo(&a.disc)
		s.cogs.addTo(&a.cogs)
	}
	return errors.Join(errs...)
}

// sumRow adds order i of b, not cancelled, to sums if it can take the
// integer path, and reports whether it could or whether the order is
// outside the period; if not, it has changed nothing.
func (t *Totals) sumRow(i int, all bool, start, end int64, b *Orders, okCode []bool, sums []batchSums) bool {
	if !all {
		p := b.Placed[i]
		if p == NoTime || p == math.MaxInt64 {
			return false
		}
		if p >= end {
			return true
		}
	}
	code := b.Currency[i]
	if int(code) >= len(okCode) || !okCode[code] {
		return false
	}
	if !all && b.Placed[i] < start {
		return true
	}
	od := b.Discount.Minor[i]
	var g, d, c, v int64
	bad := od < 0 || b.Shipping.Minor[i] < 0 || b.Tax.Minor[i] < 0
	ls, le := int(b.LineStart[i]), int(b.LineStart[i+1])
	qty, price, ldisc, cost := b.Quantity[ls:le], b.UnitPrice.Minor[ls:le], b.LineDiscount.Minor[ls:le], b.UnitCost.Minor[ls:le]
	for j, q := range qty {
		p, ld, k := price[j], ldisc[j], cost[j]
		gh, gl := bits.Mul64(uint64(q), uint64(p))
		ch, cl := bits.Mul64(uint64(q), uint64(k))
		bad = bad || q <= 0 || p < 0 || ld < 0 || k < 0 || gh|ch != 0 || (gl|cl) > math.MaxInt64 || ld > int64(gl)
		g += int64(gl)
		c += int64(cl)
		d += ld
		v += int64(gl) - ld
		bad = bad || g < 0 || c < 0 || d < 0 || v < 0 // an overflow of the order's sums
	}
	if bad || od > v {
		return false
	}
	s := &sums[code]
	s.orders++
	s.gross.add(uint64(g))
	s.disc.add(uint64(d))
	s.disc.add(uint64(od))
	s.cogs.add(uint64(c))
	return true
}

// denseCols are the columns of a batch of one currency that Totals sums.
type denseCols struct {
	status                  []OrderStatus
	disc, ship, tax         []int64
	ls                      []int32
	qty, price, ldisc, cost []int64
	placed                  []int64 // nil for all time
	start, end              int64
	skip                    []int32 // scratch space for sumChunk
}

// sum adds orders i0 to i1-1 that are not cancelled and are placed in the
// period to s, and returns i1, or the first order it cannot take (an
// invalid order, a product or sum past the int64 range, an unset time),
// having added the orders before it: the checks are those of sumRow.
func (c *denseCols) sum(i0, i1 int, s *batchSums) int {
	// The checks are sign bits ORed together, so that the loop has few
	// branches: a partial sum of non-negative int64s that overflows turns
	// negative before it can wrap round to positive.
	status := c.status[i0:i1]
	disc, ship, tax := c.disc[i0:i1], c.ship[i0:i1], c.tax[i0:i1]
	ls := c.ls[i0 : i1+1]
	qty, price, ldisc, cost := c.qty, c.price[:len(c.qty)], c.ldisc[:len(c.qty)], c.cost[:len(c.qty)]
	var placed []int64
	if c.placed != nil {
		placed = c.placed[i0:i1]
	}
	orders := s.orders
	g, d, k := s.gross, s.disc, s.cogs
	n := 0
	for ; n < len(status); n++ {
		if status[n] == Cancelled {
			continue
		}
		if placed != nil {
			p := placed[n]
			if p == NoTime || p == math.MaxInt64 {
				break
			}
			if p < c.start || p >= c.end {
				continue
			}
		}
		od := disc[n]
		var og, oc, ol, v, neg int64
		var hi uint64
		for j := ls[n]; j < ls[n+1]; j++ {
			q, p, ld, uc := qty[j], price[j], ldisc[j], cost[j]
			gh, gl := bits.Mul64(uint64(q), uint64(p))
			ch, cl := bits.Mul64(uint64(q), uint64(uc))
			hi |= gh | ch
			og += int64(gl)
			oc += int64(cl)
			ol += ld
			v += int64(gl) - ld
			// q ≤ 0, a negative amount, a product past the int64 range, a
			// line discount above its line, an overflowing sum.
			neg |= (q - 1) | q | p | ld | uc | int64(gl) | int64(cl) | (int64(gl) - ld) | og | oc | ol | v
		}
		neg |= od | ship[n] | tax[n] | (v - od)
		if neg < 0 || hi != 0 {
			break
		}
		orders++
		g.add(uint64(og))
		d.add(uint64(ol))
		d.add(uint64(od))
		k.add(uint64(oc))
	}
	s.orders = orders
	s.gross, s.disc, s.cogs = g, d, k
	return i0 + n
}

// chunkOrders is the number of orders sumChunk takes at once: few enough
// that sums of values below 2^53 cannot overflow an int64.
const chunkOrders = 1024

// sumChunk adds orders i0 to i1-1 (i1-i0 ≤ chunkOrders) to s, and
// reports whether it could: every order has exactly one line, every line
// and order, counted or not, passes the checks of sum, quantities are
// below 2^16 and prices and costs below 2^37 minor units (1.37e9 USD), so
// that no product reaches 2^53. If not, it has changed nothing.
// It is sum in two passes of few variables each, over the order columns
// and then the line columns, without a branch per order.
func (c *denseCols) sumChunk(i0, i1 int, s *batchSums) bool {
	status, ship, tax, ls := c.status[i0:i1], c.ship[i0:i1], c.tax[i0:i1], c.ls[i0:i1+1]
	l0 := int(ls[0])
	if int(ls[len(status)])-l0 != len(status) {
		return false
	}
	var placed []int64
	if c.placed != nil {
		placed = c.placed[i0:i1]
	}
	skip := c.skip[:0] // orders not counted: cancelled or placed outside the period
	var neg int64
	var notOne int32
	for k := range status {
		out := status[k] == Cancelled
		if placed != nil {
			p := placed[k]
			if p == NoTime || p == math.MaxInt64 {
				return false
			}
			out = out || p < c.start || p >= c.end
		}
		if out {
			skip = append(skip, int32(k))
		}
		neg |= ship[k] | tax[k]
		notOne |= ls[k+1] - ls[k] - 1
	}
	c.skip = skip
	if neg < 0 || notOne != 0 {
		return false
	}
	n := len(status)
	disc := c.disc[i0:i1]
	qty, price, ldisc, cost := c.qty[l0:l0+n], c.price[l0:l0+n], c.ldisc[l0:l0+n], c.cost[l0:l0+n]
	var g, d, k int64
	var big uint64
	for j, q := range qty {
		p, ld, uc, od := price[j], ldisc[j], cost[j], disc[j]
		// q < 2^16 and p, uc < 2^37 (negative ones are huge as uint64s)
		// keep the products below 2^53 and so a chunk's sums below 2^63.
		big |= uint64(q)>>16 | uint64(p)>>37 | uint64(uc)>>37
		gl, cl := q*p, q*uc
		net := gl - ld
		// q = 0, a negative discount, a line discount above its line, an
		// order discount above the line's net.
		neg |= (q - 1) | ld | od | net | (net - od)
		g += gl
		k += cl
		d += ld + od
	}
	if neg < 0 || big != 0 {
		return false
	}
	for _, j := range skip {
		g -= qty[j] * price[j]
		k -= qty[j] * cost[j]
		d -= ldisc[j] + disc[j]
	}
	s.orders += int64(n - len(skip))
	s.gross.add(uint64(g))
	s.disc.add(uint64(d))
	s.cogs.add(uint64(k))
	return true
}

// batchSums are the sums of one currency of a batch on the integer path.
type batchSums struct {
	orders            int64
	gross, disc, cogs u128
}

// u128 is an unsigned 128-bit sum.
type u128 struct{ hi, lo uint64 }

func (u *u128) add(v uint64) {
	var carry uint64
	u.lo, carry = bits.Add64(u.lo, v, 0)
	u.hi += carry
}

// addTo adds u, minor units, to t.
func (u *u128) addTo(t *money.Total) {
	if u.hi == 0 && u.lo <= math.MaxInt64 {
		t.Add(int64(u.lo))
		return
	}
	x := new(big.Int).SetUint64(u.hi)
	x.Lsh(x, 64)
	x.Or(x, new(big.Int).SetUint64(u.lo))
	t.AddDecimal(decimal.NewFromBigInt(x, 0))
}
