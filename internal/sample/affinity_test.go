package sample

import (
	"math"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// ordersWithAddRate generates the default store's orders with the
// affinity's add-on rate set to rate.
func ordersWithAddRate(rate float64) ([]metrics.Order, AffinityTruth) {
	g := newGenerator(Config{}, 0)
	g.truth.Affinity.AddRate = rate
	var os []metrics.Order
	var d Day
	for i := 0; i < g.cal.days; i++ {
		g.day(i, &d)
		os = append(os, d.Orders...)
	}
	return os, g.truth.Affinity
}

// fromTo counts the orders holding category from, and those of them
// holding category to as well.
func fromTo(os []metrics.Order, from, to string) (n, both int) {
	for _, o := range os {
		f, t := false, false
		for _, l := range o.Lines {
			f = f || l.Category == from
			t = t || l.Category == to
		}
		if f {
			n++
			if t {
				both++
			}
		}
	}
	return n, both
}

// TestAffinity recovers the add-on rate of the category affinity (home
// → snacks) from the orders: P(snacks | home) in the demo against the
// same store generated without the add-on, p0, gives the rate as (p1 −
// p0) / (1 − p0). The two runs are independent samples of about 4,500
// orders with home each, so the standard error is
// √(p1(1−p1)/n1 + p0(1−p0)/n0) / (1 − p0), about 0.012; tolerance 4 of
// them. (Without the add-on, baskets hold few lines, so a basket with
// home holds snacks less often than one without: 6.6 % against 17 %;
// the add-on is what makes the pair go together.)
func TestAffinity(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo's orders twice")
	}
	with, truth := ordersWithAddRate(TruthOf(Config{}).Affinity.AddRate)
	without, _ := ordersWithAddRate(0)
	n1, b1 := fromTo(with, truth.From, truth.To)
	n0, b0 := fromTo(without, truth.From, truth.To)
	p1, p0 := float64(b1)/float64(n1), float64(b0)/float64(n0)
	got := (p1 - p0) / (1 - p0)
	se := math.Sqrt(p1*(1-p1)/float64(n1)+p0*(1-p0)/float64(n0)) / (1 - p0)
	if math.Abs(got-truth.AddRate) > 4*se {
		t.Errorf("add-on rate %.4f (P(%s | %s) %d/%d with it, %d/%d without), want %.2f ± %.4f",
			got, truth.To, truth.From, b1, n1, b0, n0, truth.AddRate, 4*se)
	}
	t.Logf("add-on rate %.4f ± %.4f: P(%s | %s) %d/%d with it, %d/%d without", got, 4*se, truth.To, truth.From, b1, n1, b0, n0)
}
