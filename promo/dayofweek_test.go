package promo

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestDayOfWeekHand checks the index against a hand computation on two
// weeks: week 1 sells CNY 100 a weekday and 200 a weekend day, week 2 sells
// 110 and 220. The mean day is 1890/14 = 135.
func TestDayOfWeekHand(t *testing.T) {
	var l Ledger
	for d := range 14 {
		at := day0.AddDate(0, 0, d)
		amt := int64(100)
		if w := at.Weekday(); w == time.Saturday || w == time.Sunday {
			amt = 200
		}
		if d >= 7 {
			amt = amt * 110 / 100
		}
		o := metrics.Order{ID: at.Format("0102"), PlacedAt: at, Currency: cny, Lines: []metrics.Line{
			{SKU: "x", Category: "c", Quantity: 1, UnitPrice: cny.FromMinor(amt * 100), UnitCost: cny.Zero()}}}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	p := metrics.Period{Start: day0, End: day0.AddDate(0, 0, 14)}
	got, err := l.DayOfWeek(Scope{Store: true}, p, 0)
	if err != nil {
		t.Fatal(err)
	}
	sat := got.Weekdays[time.Saturday]
	if !sat.Mean.Equal(cny.FromMinor(21000)) || sat.Days != 2 {
		t.Errorf("Saturday mean %v over %d days, want CNY 210.00 over 2", sat.Mean, sat.Days)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-3 {
			t.Errorf("%s = %.5f, want %.5f", what, got, want)
		}
	}
	v, _ := sat.Index.Value()
	near("Saturday index", v, 210.0/135) // 1.5556
	v, _ = got.Weekdays[time.Monday].Index.Value()
	near("Monday index", v, 105.0/135) // 0.7778
	// Saturday CI: sd of {200, 220} = 14.142, t(0.975, 1) = 12.706 (table):
	// 210 ± 12.706 × 14.142 / √2 = 210 ± 127.06, over 135.
	near("Saturday CI low", sat.CI.Lo, (210-127.06)/135)
	near("Saturday CI high", sat.CI.Hi, (210+127.06)/135)
	v, _ = got.WeekendRatio.Value()
	near("weekend ratio", v, 2)
	// Var(log ratio) = 11.547²/(4 × 210²) + 5.270²/(10 × 105²) = 0.0010078,
	// t(0.975, 3) = 3.1824 (table): 2 × exp(±3.1824 × 0.031746).
	near("weekend ratio CI low", got.CI.Lo, 2*math.Exp(-3.1824*0.031746))
	near("weekend ratio CI high", got.CI.Hi, 2*math.Exp(3.1824*0.031746))
	if got.Verdict != Gain {
		t.Errorf("verdict %v, want positive", got.Verdict)
	}
	if !got.WeekendMean.Equal(cny.FromMinor(21000)) || !got.WeekdayMean.Equal(cny.FromMinor(10500)) {
		t.Errorf("weekend %v weekday %v, want CNY 210.00 and 105.00", got.WeekendMean, got.WeekdayMean)
	}
	late := metrics.Period{Start: day0.AddDate(0, 0, 10), End: day0.AddDate(0, 0, 20)}
	if _, err := l.DayOfWeek(Scope{Store: true}, late, 0); !errors.Is(err, ErrWindowOutsideData) {
		t.Errorf("period past the data: err = %v, want ErrWindowOutsideData", err)
	}
}

// TestDayOfWeekRecovered checks the synthetic store's weekend factor of 1.5
// is inside the weekend ratio's interval.
func TestDayOfWeekRecovered(t *testing.T) {
	s := defaultStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.DayOfWeek(Scope{Store: true}, metrics.Period{Start: day0, End: day0.AddDate(0, 0, 56)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !got.CI.Contains(1.5) || got.Verdict != Gain {
		t.Errorf("weekend ratio %v in %v (%v), want an interval containing the generator's 1.5", got.WeekendRatio, got.CI, got.Verdict)
	}
}

// TestWeekendLift checks that a promotion lifting weekends by 150 % and
// weekdays by 20 % shows a weekend advantage whose interval contains the
// true difference per day.
func TestWeekendLift(t *testing.T) {
	s := defaultStore()
	s.lift, s.weekendLift = 0.2, 1.5
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	// The truth per day, from the generator's parameters.
	var we, wd float64
	var nwe, nwd int
	for d := s.from; d < s.to; d++ {
		one := s
		one.from, one.to = d, d+1
		if s.isWeekend(d) {
			we += one.trueLiftProfit()
			nwe++
		} else {
			wd += one.trueLiftProfit()
			nwd++
		}
	}
	diff := we/float64(nwe) - wd/float64(nwd)
	w := r.Weekend
	if w.Weekend.Days != 4 || w.Weekday.Days != 10 {
		t.Errorf("%d weekend and %d weekday days, want 4 and 10", w.Weekend.Days, w.Weekday.Days)
	}
	if !w.DifferenceCI.Contains(fromMinor(diff)) || w.Verdict != Gain {
		t.Errorf("difference %v in %v (%v), want an interval containing the true %v", w.Difference, w.DifferenceCI, w.Verdict, fromMinor(diff))
	}
	if !w.Weekend.GrossProfitPerDayCI.Contains(fromMinor(we / float64(nwe))) {
		t.Errorf("weekend per day %v, want the true %v", w.Weekend.GrossProfitPerDayCI, fromMinor(we/float64(nwe)))
	}
	if !w.Weekday.GrossProfitPerDayCI.Contains(fromMinor(wd / float64(nwd))) {
		t.Errorf("weekday per day %v, want the true %v", w.Weekday.GrossProfitPerDayCI, fromMinor(wd/float64(nwd)))
	}
}

// TestBySKU checks that the per-SKU lifts add up to the scope's.
func TestBySKU(t *testing.T) {
	s := effectStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	skus, err := l.BySKU(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(skus) != 5 || skus[0].SKU != "A01" || skus[4].SKU != "A05" {
		t.Fatalf("got %d SKUs, want A01…A05", len(skus))
	}
	var units float64
	var disc, gp money.Money
	for _, e := range skus {
		units += e.Units
		disc, _ = disc.Add(e.Discounts)
		gp, _ = gp.Add(e.GrossProfit)
	}
	if math.Abs(units-r.Lift.Units) > 1e-9 {
		t.Errorf("SKU units add to %.2f, scope has %.2f", units, r.Lift.Units)
	}
	if !disc.Equal(r.Discounts) {
		t.Errorf("SKU discounts add to %v, scope has %v", disc, r.Discounts)
	}
	// Each SKU's baseline is rounded to the cent once: at most half a cent
	// each away from the scope's.
	d, _ := gp.Sub(r.Lift.GrossProfit)
	if m, _ := d.Abs().Minor(); m > 3 {
		t.Errorf("SKU gross profit adds to %v, scope has %v", gp, r.Lift.GrossProfit)
	}
}
