package clv

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// callLimit is the time any one prediction or likelihood may take: a
// guard against a hang, not a measure of speed. It is far above the
// slowest legitimate call (a BG/BB likelihood sums its opportunities: a
// million take about 0.2 s, and the six million the generator may draw
// took 6.2 s on a 2-core host at load 15, which a limit of 5 s failed),
// far below a hang.
const callLimit = 60 * time.Second

// fataler is what checkEverything needs of *testing.T and *rapid.T.
type fataler interface {
	Fatalf(format string, args ...any)
}

// checkEverything calls every prediction and likelihood of every model,
// with parameters p, customer c (rounded for the BG/BB), horizon h and
// count n, and fails unless each call returns within callLimit with either
// an error of the package's vocabulary or a finite value in its range:
// probabilities in [0, 1], expectations ≥ 0. For the continuous-time
// models it also checks the conditional expectation against bounds that
// hold for every parameter value: given alive, λ ~ Gamma(r+x, α+T), and
// E[Y(t)] lies between P(alive)·(1 − ((α+T)/(α+T+t))^{r+x}) (BG/NBD,
// MBG/NBD) or P(alive)·(r+x)t/(α+T)·((β+T)/(β+T+t))^s (Pareto/NBD) and
// P(alive)·(r+x)t/(α+T).
func checkEverything(t fataler, p [4]float64, c Customer, h float64, n int) {
	call := func(what string, f func() (float64, error), lo, hi float64) (float64, bool) {
		start := time.Now()
		v, err := f()
		if d := time.Since(start); d > callLimit {
			t.Fatalf("%s took %v", what, d)
		}
		if err != nil {
			if !vocabulary(err) {
				t.Fatalf("%s: error %v outside the package's vocabulary", what, err)
			}
			return 0, false
		}
		if !finite(v) || v < lo || v > hi {
			t.Fatalf("%s = %v, want a finite value in [%v, %v]", what, v, lo, hi)
		}
		return v, true
	}
	inf := math.Inf(1)
	valid := c.check(0, false) == nil && checkHorizon("t", h) == nil
	type continuous interface {
		model
		label() string
	}
	bounds := func(m continuous, pa, e float64) {
		r, alpha := p[0], p[1]
		var logLower float64 // of E[Y(t) | alive]
		switch m.(type) {
		case namedBG, namedMBG:
			// (r+x)·log(1 + h/(α+T)): a quotient that overflows has
			// the logarithm log h − log(α+T); one below the smallest
			// normal float64 has lost digits, and log(1+q) = q there.
			s := logSafeAdd(alpha, c.T)
			ex := mulLog(r+c.X, math.Log1p(h/s))
			switch q := h / s; {
			case math.IsInf(q, 1):
				ex = mulLog(r+c.X, ln(h)-ln(s))
			case q < 0x1p-1022 && h > 0:
				ex = math.Exp(ln(r+c.X) + ln(h) - ln(s))
			}
			logLower = ln(-math.Expm1(-ex))
		case namedPNBD:
			ls := -mulLog(p[2], math.Log1p(h/logSafeAdd(p[3], c.T)))
			logLower = ln(r+c.X) + ln(h) - logAdd(alpha, c.T) + ls
		}
		logUpper := ln(pa) + ln(r+c.X) + ln(h) - logAdd(alpha, c.T)
		if e > 1e-300 && ln(e) > logUpper+1e-6 {
			t.Fatalf("%s %v %+v: E[Y(%v)] = %v above P(alive)·(r+x)t/(α+T) = e^%v", m.label(), p, c, h, e, logUpper)
		}
		if lb := ln(pa) + logLower; lb > -690 && !(ln(e) >= lb-1e-6) {
			t.Fatalf("%s %v %+v: E[Y(%v)] = %v below the lower bound e^%v (P(alive) %v)", m.label(), p, c, h, e, lb, pa)
		}
	}
	for _, m := range []continuous{
		namedBG{BGNBD{p[0], p[1], p[2], p[3]}}, namedMBG{MBGNBD{p[0], p[1], p[2], p[3]}}, namedPNBD{ParetoNBD{p[0], p[1], p[2], p[3]}},
	} {
		where := fmt.Sprintf("%s%v %+v", m.label(), p, c)
		pa, okP := call(where+" PAlive", func() (float64, error) { return m.PAlive(c) }, 0, 1)
		e, okE := call(fmt.Sprintf("%s E[Y(%v)]", where, h), func() (float64, error) { return m.ConditionalExpectedPurchases(c, h) }, 0, inf)
		if valid && okP && okE && h > 0 {
			bounds(m, pa, e)
		}
		call(fmt.Sprintf("%s E[X(%v)]", where, h), func() (float64, error) { return m.ExpectedPurchases(h) }, 0, inf)
		call(where+" LL", func() (float64, error) { return m.LogLikelihood(c) }, -inf, inf)
	}
	bg, pnbd := BGNBD{p[0], p[1], p[2], p[3]}, ParetoNBD{p[0], p[1], p[2], p[3]}
	call(fmt.Sprintf("BG/NBD%v P(X(%v)=%d)", p, h, n), func() (float64, error) { return bg.PurchaseProbability(n, h) }, 0, 1)
	call(fmt.Sprintf("Pareto/NBD%v P(X(%v)=%d)", p, h, n), func() (float64, error) { return pnbd.PurchaseProbability(n, h) }, 0, 1)

	bb := BGBB{p[0], p[1], p[2], p[3]}
	d := Customer{X: c.X, Tx: math.Round(c.Tx), T: math.Round(c.T)}
	d.X = math.Min(d.X, d.Tx)
	where := fmt.Sprintf("BG/BB%v %+v", p, d)
	call(where+" PAlive", func() (float64, error) { return bb.PAlive(d) }, 0, 1)
	call(where+" E[Y]", func() (float64, error) { return bb.ConditionalExpectedPurchases(d, h) }, 0, inf)
	call(where+" E[X]", func() (float64, error) { return bb.ExpectedPurchases(h) }, 0, inf)
	call(where+" LL", func() (float64, error) { return bb.LogLikelihood(d) }, -inf, inf)
	call(fmt.Sprintf("BG/BB%v P(X(%d)=%d)", p, int(d.T), n), func() (float64, error) { return bb.PurchaseProbability(n, int(math.Min(d.T, 1e12))) }, 0, 1)

	gg := GammaGamma{p[0], p[1], p[2]}
	s := c
	s.Monetary = p[3]
	where = fmt.Sprintf("Gamma-Gamma%v %+v", p[:3], s)
	call(where+" E[Z]", func() (float64, error) { return gg.ExpectedSpend(s) }, 0, inf)
	call(where+" LL", func() (float64, error) { return gg.LogLikelihood(s) }, -inf, inf)

	// CLV over a year, discounted monthly, with each purchase model; the
	// horizon h (in weeks, capped at 10 years) sets the length.
	cfg := ValueConfig{TimeUnit: 7 * 24 * time.Hour, Horizon: time.Duration(math.Min(math.Abs(h), 520)*7*24) * time.Hour,
		DiscountPeriod: 30 * 24 * time.Hour, DiscountRate: 0.01}
	for _, m := range []PurchaseModel{BGNBD{p[0], p[1], p[2], p[3]}, MBGNBD{p[0], p[1], p[2], p[3]}, pnbd} {
		call(fmt.Sprintf("CLV %T%v %+v %v", m, p, s, cfg.Horizon), func() (float64, error) { return CLV(m, gg, s, cfg) }, 0, inf)
	}
}

// logSafeAdd returns a+b, or the largest float64 if it overflows.
func logSafeAdd(a, b float64) float64 { return math.Min(a+b, math.MaxFloat64) }

type namedBG struct{ BGNBD }
type namedMBG struct{ MBGNBD }
type namedPNBD struct{ ParetoNBD }

func (namedBG) label() string   { return "BG/NBD" }
func (namedMBG) label() string  { return "MBG/NBD" }
func (namedPNBD) label() string { return "Pareto/NBD" }

// vocabulary reports whether err is one the package documents.
func vocabulary(err error) bool {
	var ce *metrics.ConfigError
	return errors.As(err, &ce) || errors.Is(err, ErrInvalidCustomer) || errors.Is(err, ErrUndefined)
}

// FuzzPredictions feeds arbitrary customers, parameters and horizons to
// every prediction and likelihood of every model (see checkEverything):
// each returns an error or a finite value in its range, promptly, and
// never panics.
func FuzzPredictions(f *testing.F) {
	f.Add(2.0, 30.43, 38.86, 52.0, 0.243, 4.414, 0.793, 2.426)
	f.Add(200.0, 2.0, 40.0, 1e4, 1e-4, 1e3, 0.5, 1e3)
	f.Add(0.0, 0.0, 1e4, 1.0, 50.0, 0.01, 1.0, 100.0)
	f.Add(-1.0, math.NaN(), math.Inf(1), -5.0, 0.0, -1.0, math.NaN(), 1.0)
	// Issue 16, items 8, 10 and 11.
	f.Add(0.0, 0.0, 1.0, 1e10, 1.0, 1e-300, 1.0, 1e-300)
	f.Add(1e15, 1.0, 1.0, 1.0, 1e-10, 1e-10, 1e-10, 1e-10)
	f.Add(0.0, 0.0, 1e6, 1.0, 1e8, 1e-8, 1e-8, 1e8)
	f.Add(1e9, 1e9, 1e9, 1.0, 1e-10, 1e-10, 1e-10, 1e-10)
	f.Add(3.0, 2.0, 5.0, 1.0, math.MaxFloat64, math.MaxFloat64, math.MaxFloat64, math.MaxFloat64)
	f.Add(1e12, 1.0, 1.0, 1.0, 1e-10, 1e-10, 1e-10, 1e-10)
	f.Fuzz(func(t *testing.T, x, tx, T, h, p1, p2, p3, p4 float64) {
		c := Customer{X: math.Round(math.Abs(x)), Tx: tx, T: T}
		checkEverything(t, [4]float64{p1, p2, p3, p4}, c, h, int(math.Mod(math.Abs(x), 1000)))
	})
}

// drawWide draws a positive value log-uniformly over [lo, hi], or one of
// the float64 edge values.
func drawWide(t *rapid.T, label string, lo, hi float64) float64 {
	if rapid.IntRange(0, 9).Draw(t, label+"Edge") == 0 {
		return rapid.SampledFrom([]float64{math.SmallestNonzeroFloat64, 1e-300, 1e-12, 1, 1e12, 1e300, math.MaxFloat64}).Draw(t, label)
	}
	return math.Exp(rapid.Float64Range(ln(lo), ln(hi)).Draw(t, label))
}

// TestPropertyEverythingFinite draws parameters log-uniformly over
// [1e-12, 1e12] (and the float64 edge values) and valid customers over
// wide ranges, and checks every prediction and likelihood of every model
// with checkEverything.
func TestPropertyEverythingFinite(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var p [4]float64
		for i := range p {
			p[i] = drawWide(t, fmt.Sprintf("p%d", i+1), 1e-12, 1e12)
		}
		var c Customer
		if rapid.Bool().Draw(t, "bought") {
			c.X = math.Round(drawWide(t, "x", 1, 1e15))
			c.T = drawWide(t, "T", 1e-12, 1e12)
			c.Tx = c.T * rapid.SampledFrom([]float64{0, 1, rapid.Float64Range(0, 1).Draw(t, "frac")}).Draw(t, "txFrac")
		} else {
			c.T = rapid.SampledFrom([]float64{0, drawWide(t, "T0", 1e-12, 1e12)}).Draw(t, "T")
		}
		h := rapid.SampledFrom([]float64{0, drawWide(t, "h", 1e-12, 1e12)}).Draw(t, "horizon")
		checkEverything(t, p, c, h, rapid.IntRange(0, 1000).Draw(t, "n"))
	})
}

// TestIssue16Numerics runs the inputs of issue 16 items 8, 10 and 11,
// which panicked, hung or returned NaN, +Inf or a wrong 0.
func TestIssue16Numerics(t *testing.T) {
	// Item 8: "legendre: min >= max".
	if p, err := (ParetoNBD{R: 1, Alpha: 1e-300, S: 1, Beta: 1e-300}).PurchaseProbability(0, 1e10); err != nil || !(p >= 0 && p <= 1) {
		t.Errorf("item 8: P = %v, %v", p, err)
	}
	// Item 10: never returned.
	done := make(chan struct{})
	go func() {
		defer close(done)
		e, err := (BGNBD{1e-10, 1e-10, 1e-10, 1e-10}).ConditionalExpectedPurchases(Customer{X: 1e15, Tx: 1, T: 1}, 1)
		// With a tiny dropout probability the customer buys at the
		// posterior rate (r+x)/(α+T) ≈ 1e15 for the whole unit of time.
		if err != nil || !near(e, 1e15, 1e-6*1e15) {
			t.Errorf("item 10: E = %v, %v; want ≈ 1e15", e, err)
		}
	}()
	select {
	case <-done:
	case <-time.After(callLimit):
		t.Fatal("item 10: no answer")
	}
	// Item 11.
	if ll, err := (ParetoNBD{1e8, 1e-8, 1e-8, 1e8}).LogLikelihood(Customer{X: 0, T: 1e6}); err == nil && !finite(ll) {
		t.Errorf("item 11, Pareto/NBD LL = %v, nil error", ll)
	}
	big := math.MaxFloat64
	for _, c := range []Customer{{X: 3, Tx: 2, T: 5}, {T: 5}, {X: 1e300, Tx: 1e300, T: 1e300}} {
		if p, err := (BGNBD{big, big, big, big}).PAlive(c); err == nil && !(p >= 0 && p <= 1) {
			t.Errorf("item 11, BG/NBD{MaxFloat64…} PAlive(%+v) = %v", c, p)
		}
	}
	// A donor who gave at each of 1e9 opportunities is alive: b + (n−x)
	// must not round to 0.
	if p, err := (BGBB{1e-10, 1e-10, 1e-10, 1e-10}).PAlive(Customer{X: 1e9, Tx: 1e9, T: 1e9}); err != nil || !near(p, 1, 1e-6) {
		t.Errorf("item 11, BG/BB PAlive = %v, %v; want 1", p, err)
	}
	// BG/NBD at the largest float64: log-odds log(a/(b+2)) + (r+3)·log((α+5)/(α+2)) = 0 + 3.
	if p, err := (BGNBD{big, big, big, big}).PAlive(Customer{X: 3, Tx: 2, T: 5}); err != nil || !near(p, 1/(1+math.Exp(3)), 1e-12) {
		t.Errorf("item 11, BG/NBD{MaxFloat64…} PAlive = %v, %v; want 1/(1+e³)", p, err)
	}
	if ll, err := (GammaGamma{1e300, 1e300, 1e300}).LogLikelihood(Customer{X: 2, Tx: 1, T: 2, Monetary: 10}); err == nil && !finite(ll) {
		t.Errorf("item 11, Gamma-Gamma LL = %v", ll)
	}
	m := BGNBD{1e-10, 1e-10, 1e-10, 1e-10}
	c := Customer{X: 1e12, Tx: 1, T: 1}
	pa, err := m.PAlive(c)
	if err != nil {
		t.Fatal(err)
	}
	e, err := m.ConditionalExpectedPurchases(c, 1)
	if err == nil && pa > 0.5 && !near(e, 1e12, 1e-6*1e12) {
		t.Errorf("item 11, BG/NBD x = 1e12: E = %v with P(alive) %v; want ≈ 1e12", e, pa)
	}
}

// TestSubnormalRate: a purchase rate (r+x)/(α+T) below the smallest
// normal float64 keeps its value through its logarithm: with r = α =
// 5e-324 and T = e, E[Y(1e300)] = P(alive)·r·t/(α+T)·(growth) ≈ 1.8e-24,
// which the quotient taken first (0 in float64) made 0, below the lower
// bound that TestPropertyEverythingFinite checks (a failure it found).
func TestSubnormalRate(t *testing.T) {
	m := ParetoNBD{R: 5e-324, Alpha: 5e-324, S: 1e-12, Beta: 5e-324}
	c := Customer{T: math.E}
	e, err := m.ConditionalExpectedPurchases(c, 1e300)
	pa, perr := m.PAlive(c)
	if err != nil || perr != nil {
		t.Fatal(err, perr)
	}
	// r·t/(α+T), times the growth ratio (≈ 1 for s ≈ 0), times P(alive).
	want := pa * 5e-324 * (1e300 / math.E)
	if !near(e, want, 1e-6*want) {
		t.Errorf("E[Y(1e300)] = %v, want ≈ %v", e, want)
	}
}

// TestAlphaPlusTOverflows: with α + T above the largest float64 (α =
// MaxFloat64, T = 1e300), BG/NBD's E[Y(t)] is P(alive)·(r+x)·t/(α+T) to
// within 1e-9, where both of its bounds meet; the bound computed from an
// infinite α+T was 0 and accepted the 0 of a representation that lost
// everything (a failure TestPropertyEverythingFinite found).
func TestAlphaPlusTOverflows(t *testing.T) {
	m := BGNBD{R: math.E, Alpha: math.MaxFloat64, A: math.E, B: math.E}
	c := Customer{X: 3, T: 1e300}
	e, err := m.ConditionalExpectedPurchases(c, 1e12)
	pa, perr := m.PAlive(c)
	if err != nil || perr != nil {
		t.Fatal(err, perr)
	}
	want := pa * (m.R + c.X) * (1e12 / 2) / (math.MaxFloat64/2 + 1e300/2)
	if !near(e, want, 1e-8*want) {
		t.Errorf("E[Y(1e12)] = %v, want ≈ %v", e, want)
	}
}
