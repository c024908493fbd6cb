package inventory

import (
	"math/bits"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// total is an exact sum of amounts of one currency: int64 minor units while
// they fit, a metrics.Sum for the rest.
type total struct {
	minor   int64
	spill   metrics.Sum
	spilled bool
}

func (t *total) add(v int64, c metrics.Currency) {
	if r, ok := add64(t.minor, v); ok {
		t.minor = r
		return
	}
	t.spill.Add(c.FromMinor(v))
	t.spilled = true
}

func (t *total) addMoney(m metrics.Money) {
	if m.IsZero() {
		return
	}
	t.spill.Add(m)
	t.spilled = true
}

func (t *total) merge(o *total, c metrics.Currency) {
	t.add(o.minor, c)
	if o.spilled {
		t.spill.Merge(o.spill)
		t.spilled = true
	}
}

func (t *total) money(c metrics.Currency) metrics.Money {
	m := c.FromMinor(t.minor)
	if t.spilled {
		m, _ = m.Add(t.spill.Total(c))
	}
	return m
}

// div returns the total divided by n, rounded half-even to minor units;
// the zero amount of c when n is zero.
func (t *total) div(n int64, c metrics.Currency) metrics.Money {
	if n == 0 {
		return c.Zero()
	}
	if !t.spilled {
		return c.FromMinor(divRound(t.minor, n))
	}
	m, _ := t.money(c).Div(n, metrics.RoundHalfEven)
	return m
}

// divRound returns a/b rounded half to even, for b > 0.
func divRound(a, b int64) int64 {
	q, r := a/b, a%b
	if r == 0 {
		return q
	}
	ar := r
	if ar < 0 {
		ar = -ar
	}
	// compare 2|r| with b without overflow
	switch {
	case ar > b-ar:
	case ar < b-ar:
		return q
	default:
		if q%2 == 0 {
			return q
		}
	}
	if a < 0 {
		return q - 1
	}
	return q + 1
}

// mul64 returns a×b and whether it fits in an int64.
func mul64(a, b int64) (int64, bool) {
	if a > -1<<31 && a < 1<<31 && b > -1<<31 && b < 1<<31 {
		return a * b, true
	}
	ua, ub := uint64(a), uint64(b)
	neg := false
	if a < 0 {
		ua, neg = -ua, !neg
	}
	if b < 0 {
		ub, neg = -ub, !neg
	}
	hi, lo := bits.Mul64(ua, ub)
	if hi != 0 || lo > 1<<63-1 {
		return 0, false
	}
	if neg {
		return -int64(lo), true
	}
	return int64(lo), true
}
