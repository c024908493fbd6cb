package sample

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
)

// daily holds direct sums of the non-cancelled orders of each day: orders,
// net sales (after line and order discounts, before refunds) and gross
// profit (net sales − units × unit cost), in fen.
type daily struct{ orders, net, profit []float64 }

func dailyOf(s *Store) daily {
	n := s.Period.Days()
	d := daily{make([]float64, n), make([]float64, n), make([]float64, n)}
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled {
			continue
		}
		i := dayIndex(s, o.PlacedAt)
		d.orders[i]++
		disc, _ := o.Discount.Minor()
		d.net[i] -= float64(disc)
		d.profit[i] -= float64(disc)
		for _, l := range o.Lines {
			gross, _ := l.UnitPrice.Mul(l.Quantity).Minor()
			ld, _ := l.Discount.Minor()
			cost, _ := l.UnitCost.Mul(l.Quantity).Minor()
			d.net[i] += float64(gross - ld)
			d.profit[i] += float64(gross - ld - cost)
		}
	}
	return d
}

// sameWeekday returns the window's sum of x and its baseline: for each
// window day, the mean of x on the same weekday over the 28 days before
// the window.
func sameWeekday(s *Store, x []float64, w metrics.Period) (actual, baseline float64) {
	ws, we := dayIndex(s, w.Start), dayIndex(s, w.End)
	for i := ws; i < we; i++ {
		actual += x[i]
		sum, n := 0.0, 0
		for j := ws - 28; j < ws; j++ {
			if (i-j)%7 == 0 {
				sum += x[j]
				n++
			}
		}
		baseline += sum / float64(n)
	}
	return actual, baseline
}

// festivalsOf returns every festival of tr.
func festivalsOf(tr *Truth) []PromoTruth {
	return append(append([]PromoTruth(nil), tr.Double11...), tr.Double12...)
}

// TestFestivalsRecorded: 双十一 and 双12 of both years are promotions of the
// store, with the truth's windows and costs, and the peak is the last
// 11.11.
func TestFestivalsRecorded(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	if len(tr.Double11) != 2 || len(tr.Double12) != 2 {
		t.Fatalf("%d 双十一 and %d 双12, want two of each", len(tr.Double11), len(tr.Double12))
	}
	for _, f := range festivalsOf(tr) {
		var p *promo.Promotion
		for k := range s.Promotions {
			if s.Promotions[k].ID == f.ID {
				p = &s.Promotions[k]
			}
		}
		if p == nil {
			t.Errorf("%s is not a promotion of the store", f.ID)
			continue
		}
		if p.Window != f.Window || !p.Scope.Store || !p.FixedCost.Equal(f.FixedCost) || !p.MediaCost.Equal(f.MediaCost) {
			t.Errorf("%s: promotion %+v does not match its truth %+v", f.ID, p, f)
		}
	}
	if got := tr.PeakDay.Format(time.DateOnly); got != "2025-11-11" {
		t.Errorf("peak day %s, want 2025-11-11", got)
	}
}

// TestFestivalEffects recovers each festival's demand from the orders by
// direct computation. The festival's multiplier of orders is measured as
// (orders in the window / orders in the 28 days before) over the same
// ratio of the season-and-weekday demand, and must match the truth's mean
// multiplier over the window (Σ demand × factor / Σ demand) within 4
// standard errors of the ratio of two Poisson counts, √(1/Nw + 1/Np),
// plus 5 % for the growth of the customer base over a month. Then the
// same-weekday baseline of the 4 weeks before (package promo's default)
// gives each festival's incremental net sales, positive for 双十一, and
// its incremental gross profit less its fixed and media costs, whose
// sign is the truth's ROISign.
func TestFestivalEffects(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	d := dailyOf(s)
	for _, f := range festivalsOf(tr) {
		ws, we := dayIndex(s, f.Window.Start), dayIndex(s, f.Window.End)
		var nw, np, bw, bp, fw float64
		for i := ws - 28; i < we; i++ {
			day := s.Period.Start.AddDate(0, 0, i)
			b := tr.Season[i]
			if weekend(day) {
				b *= 1 + tr.WeekendUplift
			}
			if i < ws {
				np += d.orders[i]
				bp += b
				continue
			}
			nw += d.orders[i]
			bw += b
			fw += b * festivalFactor(&f, day)
		}
		got, want := (nw/np)/(bw/bp), fw/bw
		tol := 4*math.Sqrt(1/nw+1/np) + 0.05
		t.Logf("%s: orders ×%.3f in the window, truth ×%.3f ± %.3f", f.ID, got, want, tol)
		if math.Abs(got/want-1) > tol {
			t.Errorf("%s: orders ×%.3f in the window, want ×%.3f ± %.0f %%", f.ID, got, want, 100*tol)
		}

		actual, base := sameWeekday(s, d.net, f.Window)
		lift := actual/base - 1
		gp, gpBase := sameWeekday(s, d.profit, f.Window)
		fixed, _ := f.FixedCost.Minor()
		media, _ := f.MediaCost.Minor()
		gain := gp - gpBase - float64(fixed+media)
		t.Logf("%s: net sales %+.1f %% (incremental CNY %.0f), incremental gross profit after costs CNY %.0f", f.ID, 100*lift, (actual-base)/100, gain/100)
		if f.ROISign > 0 && lift <= 0 {
			t.Errorf("%s pays by design, but its net sales lift is %.3f", f.ID, lift)
		}
		if got := int(math.Copysign(1, gain)); got != f.ROISign {
			t.Errorf("%s: incremental gross profit after costs CNY %.0f, want the sign %+d", f.ID, gain/100, f.ROISign)
		}
	}
}

// TestFestivalsMeasurable: package promo measures the 2025 festivals from
// the demo's orders with its defaults (the same-weekday baseline of the 4
// weeks before, as a review does): no coverage error, no other promotion
// overlapping, and the verdict of the ROI interval is the truth's sign.
// 双12 is the promotion of a review of December 2025.
func TestFestivalsMeasurable(t *testing.T) {
	s := demo(t)
	var l promo.Ledger
	l.Location = s.Period.Location()
	if err := l.Track(s.Promotions...); err != nil {
		t.Fatal(err)
	}
	for _, o := range s.Orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	want := map[int]promo.Outcome{1: promo.Pays, -1: promo.DoesNotPay}
	for _, f := range []PromoTruth{s.Truth.Double11[1], s.Truth.Double12[1]} {
		r, err := l.Analyze(f.ID, promo.Config{})
		var ce *promo.CoverageError
		if errors.As(err, &ce) || err != nil {
			t.Errorf("%s: %v", f.ID, err)
			continue
		}
		t.Logf("%s: ROI %v [%v, %v], %v", f.ID, r.ROI, r.ROILow, r.ROIHigh, r.Outcome)
		for _, c := range r.Caveats {
			if strings.Contains(c, "overlaps") {
				t.Errorf("%s: %s", f.ID, c)
			}
		}
		if r.Outcome != want[f.ROISign] {
			t.Errorf("%s: %v (ROI %v, interval [%v, %v]), want %v", f.ID, r.Outcome, r.ROI, r.ROILow, r.ROIHigh, want[f.ROISign])
		}
	}
}
