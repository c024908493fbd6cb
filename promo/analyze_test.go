package promo

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func effectStore() store {
	s := defaultStore()
	s.lift, s.cannib, s.pull, s.halo = 1.0, 0.3, 0.4, 0.2
	s.extraSKUs = 4 // the control group of the diff-in-diff baseline
	return s
}

func fromMinor(f float64) money.Money { return cny.FromMinor(int64(math.Round(f))) }

// TestRecovery checks that each baseline recovers the generator's known
// lift, cannibalization, halo and pull-forward within the reported 95 %
// intervals, and reads the sign right.
func TestRecovery(t *testing.T) {
	s := effectStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []Config{
		{},
		{Interval: Bootstrap},
		{Baseline: TrendWeekday, PreDays: 56},
		{Baseline: TrendWeekday, PreDays: 56, Interval: Bootstrap},
		{Baseline: DiffInDiff, Control: Scope{Categories: []string{"Z"}}},
	} {
		t.Run(cfg.Baseline.String()+"/"+cfg.Interval.String(), func(t *testing.T) {
			r, err := l.Analyze(promoID, cfg)
			if err != nil {
				t.Fatal(err)
			}
			// The verdict is the ROI interval's, and the interval holds the ROI.
			lo, _ := r.ROILow.Value()
			hi, okHi := r.ROIHigh.Value()
			roi, _ := r.ROI.Value()
			if !okHi || lo > roi || roi > hi || r.Outcome != OutcomeOf(r.ROILow, r.ROIHigh) {
				t.Errorf("ROI %v in [%v, %v] with outcome %v", roi, lo, hi, r.Outcome)
			}
			checks := []struct {
				what    string
				e       Effect
				truth   float64 // minor units, from the generator's parameters
				verdict Verdict
			}{
				{"lift", r.Lift, s.trueLiftProfit(), Gain},
				{"cannibalization", r.Cannibalization, s.trueCannibProfit(), Loss},
				{"pull-forward", r.PullForward, s.truePullProfit(), Loss},
				{"halo", r.Halo, s.trueHaloProfit(), Gain},
			}
			for _, c := range checks {
				if !c.e.GrossProfitCI.Contains(fromMinor(c.truth)) {
					t.Errorf("%s: true incremental gross profit %v outside %v (estimate %v)", c.what, fromMinor(c.truth), c.e.GrossProfitCI, c.e.GrossProfit)
				}
				if c.e.Verdict != c.verdict {
					t.Errorf("%s: verdict %v, want %v", c.what, c.e.Verdict, c.verdict)
				}
			}
			if !r.Lift.UnitsCI.Contains(s.trueLiftUnits()) {
				t.Errorf("lift: true incremental units %.1f outside %v", s.trueLiftUnits(), r.Lift.UnitsCI)
			}
			if len(r.Caveats) != 0 {
				t.Errorf("caveats %q, want none", r.Caveats)
			}
		})
	}
}

// TestNoEffect checks a promotion that changed nothing (no discount, no
// lift): its interval contains zero and the verdict says so.
func TestNoEffect(t *testing.T) {
	s := defaultStore()
	s.pct, s.halo = 0, s.basket
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Lift.GrossProfitCI.Contains(cny.Zero()) || r.Lift.Verdict != NoEffect {
		t.Errorf("lift %v in %v: verdict %v, want an interval containing zero", r.Lift.GrossProfit, r.Lift.GrossProfitCI, r.Lift.Verdict)
	}
	if !r.Lift.UnitsCI.Contains(0) {
		t.Errorf("units lift %.1f in %v, want an interval containing zero", r.Lift.Units, r.Lift.UnitsCI)
	}
}

// TestCoverage checks that the 95 % intervals are calibrated: over 40
// seeds of a store with a known lift (and of one without), the interval
// contains the truth at least 34 times (a binomial(40, 0.95) count is
// below 34 with probability under 1 %).
func TestCoverage(t *testing.T) {
	if testing.Short() {
		t.Skip("40 synthetic stores")
	}
	for _, name := range []string{"effect", "no effect", "effect bootstrap"} {
		t.Run(name, func(t *testing.T) {
			cfg := Config{}
			if name == "effect bootstrap" {
				cfg = Config{Interval: Bootstrap, Resamples: 499}
			}
			hits := 0
			for seed := range uint64(40) {
				s := effectStore()
				if name == "no effect" {
					s = defaultStore()
					s.pct, s.halo = 0, s.basket
				}
				s.seed = seed + 100
				s.days, s.from, s.to = 70, 28, 42 // just the pre-period, window and post-window
				l, err := s.ledger()
				if err != nil {
					t.Fatal(err)
				}
				r, err := l.Analyze(promoID, cfg)
				if err != nil {
					t.Fatal(err)
				}
				if r.Lift.GrossProfitCI.Contains(fromMinor(s.trueLiftProfit())) {
					hits++
				}
			}
			if hits < 34 {
				t.Errorf("interval covered the truth %d of 40 times, want ≥ 34", hits)
			}
			t.Logf("coverage %d/40", hits)
		})
	}
}

// TestPromotionMoney checks the window's discounts, cost, ROI and ROAS
// against a hand computation on the generated orders.
func TestPromotionMoney(t *testing.T) {
	s := effectStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Every promoted unit in the window is one CNY 10.00 unit with a CNY
	// 2.00 line discount.
	units := r.Lift.Actual.Units
	wantGross := cny.FromMinor(1000 * units)
	wantDisc := cny.FromMinor(200 * units)
	if !r.GrossSales.Equal(wantGross) || !r.Discounts.Equal(wantDisc) {
		t.Errorf("gross %v, discounts %v; want %v, %v for %d units", r.GrossSales, r.Discounts, wantGross, wantDisc, units)
	}
	wantCost, _ := wantDisc.Add(cny.FromMinor(80000)) // + CNY 500 fixed + CNY 300 media
	if !r.Cost.Equal(wantCost) {
		t.Errorf("cost %v, want %v", r.Cost, wantCost)
	}
	gain, _ := r.Lift.GrossProfit.Sub(cny.FromMinor(80000))
	wantROI, _ := metrics.MoneyRatio(gain, wantCost)
	if diff := cmp.Diff(wantROI, r.ROI); diff != "" {
		t.Errorf("ROI (-want +got):\n%s", diff)
	}
	if v, _ := r.DiscountDepth.Value(); math.Abs(v-0.2) > 1e-12 {
		t.Errorf("discount depth %v, want 20%%", r.DiscountDepth)
	}
	// Every promoted order in the window carries the promotion's code.
	if v, _ := r.Redemption.Value(); v != 1 {
		t.Errorf("redemption %v, want 100%%", r.Redemption)
	}
	wantROAS, _ := metrics.MoneyRatio(r.Lift.Actual.NetSales, cny.FromMinor(30000))
	if diff := cmp.Diff(wantROAS, r.ROAS); diff != "" {
		t.Errorf("ROAS (-want +got):\n%s", diff)
	}
	net := r.Lift.GrossProfit
	for _, e := range []Effect{r.Cannibalization, r.Halo, r.PullForward} {
		net, _ = net.Add(e.GrossProfit)
	}
	if !net.Equal(r.NetGrossProfit) {
		t.Errorf("net gross profit %v, want the sum of the effects %v", r.NetGrossProfit, net)
	}
	if len(r.Days) != 14 {
		t.Fatalf("%d days, want 14", len(r.Days))
	}
	var u int64
	for _, d := range r.Days {
		u += d.Units
	}
	if u != units {
		t.Errorf("days add to %d units, lift has %d", u, units)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	s := defaultStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	late := s.promotion()
	late.ID = "late"
	late.Window.Start, late.Window.End = day0.AddDate(0, 0, 95), day0.AddDate(0, 0, 110)
	early := s.promotion()
	early.ID = "early"
	early.Window.Start, early.Window.End = day0.AddDate(0, 0, 10), day0.AddDate(0, 0, 17)
	var l2 Ledger
	if err := l2.Track(late, early); err != nil {
		t.Fatal(err)
	}
	for _, o := range s.orders() {
		if err := l2.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		l    *Ledger
		id   string
		cfg  Config
		want error
	}{
		{"unknown", l, "nope", Config{}, ErrUnknownPromotion},
		{"window past the data", &l2, "late", Config{}, ErrWindowOutsideData},
		{"pre-period before the data", &l2, "early", Config{}, ErrPrePeriodTooShort},
		{"pre-period below the minimum", l, promoID, Config{PreDays: 7}, metrics.ErrConfig},
		{"diff-in-diff without control", l, promoID, Config{Baseline: DiffInDiff}, ErrNoControl},
		{"control overlapping the scope", l, promoID, Config{Baseline: DiffInDiff, Control: Scope{Categories: []string{"A"}}}, ErrNoControl},
		{"bad level", l, promoID, Config{Level: 1.5}, metrics.ErrConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.l.Analyze(tt.id, tt.cfg)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	var ce *CoverageError
	if _, err := l2.Analyze("late", Config{}); !errors.As(err, &ce) || ce.Need != "2025-12-05..2025-12-19" {
		t.Errorf("err = %v, want a *CoverageError needing 2025-12-05..2025-12-19", err)
	}
}

// TestCaveats checks overlapping promotions on the same items and a
// post-window cut by the end of the data.
func TestCaveats(t *testing.T) {
	s := defaultStore()
	s.days = 75 // 5 days after the window
	p := s.promotion()
	other := p
	other.ID = "P2"
	other.Scope = Scope{Categories: []string{"A"}}
	other.Window.Start, other.Window.End = day0.AddDate(0, 0, 40), day0.AddDate(0, 0, 60)
	unrelated := p
	unrelated.ID = "P3"
	unrelated.Scope = Scope{SKUs: []string{"B02"}}
	var l Ledger
	if err := l.Track(p, other, unrelated); err != nil {
		t.Fatal(err)
	}
	for _, o := range s.orders() {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"the post-window is cut to 5 of 14 days by the end of the data",
		`promotion "P2" on the same items overlaps the pre-period: the baseline includes its effect`,
		`promotion "P2" on the same items overlaps the window: the lift includes its effect`,
		// P2 covers all of category A, so A06–A10 too: the items P1's
		// cannibalization is measured on.
		`promotion "P2" on items of the cannibalization group overlaps the pre-period: the cannibalization's baseline includes its effect`,
		`promotion "P2" on items of the cannibalization group overlaps the window: the cannibalization includes its effect`,
	}
	if diff := cmp.Diff(want, r.Caveats); diff != "" {
		t.Errorf("caveats (-want +got):\n%s", diff)
	}
	if got := r.Post.Label(); got != "2025-11-10..2025-11-14" {
		t.Errorf("post-window %s, want the 5 days left", got)
	}
	for _, c := range r.Caveats {
		if strings.Contains(c, "P3") {
			t.Errorf("caveat about an unrelated promotion: %q", c)
		}
	}
}

// TestLaunchCaveat checks a promotion on an item launched with it: no
// pre-period sales, so the whole window is lift, and the result says so.
// With no variation in the pre-period, the lift has no interval and no
// verdict (a t interval was the point of the lift itself, read as a gain
// known for sure, and the promotion as paying), and the outcome is
// inconclusive.
func TestLaunchCaveat(t *testing.T) {
	s := defaultStore()
	p := s.promotion()
	p.Scope = Scope{SKUs: []string{"NEW"}}
	var l Ledger
	if err := l.Track(p); err != nil {
		t.Fatal(err)
	}
	orders := s.orders()
	for d := s.from; d < s.to; d++ {
		orders = append(orders, metrics.Order{ID: "new" + day0.AddDate(0, 0, d).Format("0102"), Currency: cny, PlacedAt: day0.AddDate(0, 0, d),
			Lines: []metrics.Line{{SKU: "NEW", Category: "N", Quantity: 2, UnitPrice: priceA, UnitCost: costA}}})
	}
	for _, o := range orders {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := "the promoted items sold nothing in the pre-period: the baseline is zero, the whole window counts as lift, and there is no variation to give it an interval or a verdict"
	if !slices.Contains(r.Caveats, want) {
		t.Errorf("caveats %q, want %q", r.Caveats, want)
	}
	if r.Lift.GrossProfitCI.Defined || r.Lift.UnitsCI.Defined || r.Lift.Verdict != Undetermined || r.ROILow.Defined() || r.Outcome != Inconclusive ||
		r.Weekend.DifferenceCI.Defined || r.Weekend.Verdict != Undetermined {
		t.Errorf("lift interval %v (units %v), verdict %v, ROI interval from %v, outcome %v, weekend %v %v: want none, undetermined, inconclusive",
			r.Lift.GrossProfitCI, r.Lift.UnitsCI, r.Lift.Verdict, r.ROILow, r.Outcome, r.Weekend.DifferenceCI, r.Weekend.Verdict)
	}
	// 14 days × 2 units × (CNY 10 − CNY 5), hand computation.
	if !r.Lift.GrossProfit.Equal(cny.FromMinor(14 * 2 * 500)) {
		t.Errorf("lift %v, want CNY 140.00", r.Lift.GrossProfit)
	}
}

// TestTrendCaveat checks a store whose demand grows 2 % of base a day: the
// same-weekday baseline warns of the trend, and the trend baseline
// recovers the known lift.
func TestTrendCaveat(t *testing.T) {
	s := defaultStore()
	s.lift, s.trend = 0.5, 0.02
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	r, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Caveats) != 1 || !strings.Contains(r.Caveats[0], "trended by") {
		t.Errorf("caveats %q, want one about the trend", r.Caveats)
	}
	tr, err := l.Analyze(promoID, Config{Baseline: TrendWeekday, PreDays: 56})
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Lift.GrossProfitCI.Contains(fromMinor(s.trueLiftProfit())) {
		t.Errorf("trend baseline: true %v outside %v", fromMinor(s.trueLiftProfit()), tr.Lift.GrossProfitCI)
	}
	if len(tr.Caveats) != 0 {
		t.Errorf("trend baseline caveats %q, want none", tr.Caveats)
	}
	t.Logf("same-weekday %v %v; trend %v %v; true %v", r.Lift.GrossProfit, r.Lift.GrossProfitCI, tr.Lift.GrossProfit, tr.Lift.GrossProfitCI, fromMinor(s.trueLiftProfit()))
}

// TestBootstrapInterval checks that the bootstrap is reproducible by seed
// and agrees with the residual interval on near-normal daily noise.
func TestBootstrapInterval(t *testing.T) {
	s := effectStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Analyze(promoID, Config{Interval: Bootstrap, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	b, err := l.Analyze(promoID, Config{Interval: Bootstrap, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c, err := l.Analyze(promoID, Config{Interval: Bootstrap, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different results (-a +b):\n%s", diff)
	}
	if a.Lift.GrossProfitCI.Equal(c.Lift.GrossProfitCI) {
		t.Errorf("seeds 7 and 8 gave the same interval %v", a.Lift.GrossProfitCI)
	}
	width := func(iv Interval) float64 { d, _ := iv.Hi.Sub(iv.Lo); return minorFloat(d) }
	// Poisson daily noise is close to normal at these volumes: the widths
	// agree to within a quarter.
	if r := width(a.Lift.GrossProfitCI) / width(res.Lift.GrossProfitCI); r < 0.75 || r > 1.25 {
		t.Errorf("bootstrap %v vs residual %v: width ratio %.2f", a.Lift.GrossProfitCI, res.Lift.GrossProfitCI, r)
	}
}

// TestSideEffectOverlapCaveat checks that a promotion on the items a side
// effect or a control group is measured on is reported: a second
// promotion on A06 (category A, outside P1's scope) during P1's window
// would otherwise pass its own lift off as less cannibalization, and one
// on the control group would move the diff-in-diff baseline.
func TestSideEffectOverlapCaveat(t *testing.T) {
	s := effectStore()
	p := s.promotion()
	sibling := p
	sibling.ID = "P4"
	sibling.Scope = Scope{SKUs: []string{"A06"}}
	ctrl := p
	ctrl.ID = "P5"
	ctrl.Scope = Scope{Categories: []string{"Z"}}
	var l Ledger
	if err := l.Track(p, sibling, ctrl); err != nil {
		t.Fatal(err)
	}
	for _, o := range s.orders() {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	r, err := l.Analyze(promoID, Config{Baseline: DiffInDiff, Control: Scope{Categories: []string{"Z"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`promotion "P4" on items of the cannibalization group overlaps the window: the cannibalization includes its effect`,
		`promotion "P5" on items of the control group overlaps the window: the diff-in-diff baseline includes its effect`,
	}
	if diff := cmp.Diff(want, r.Caveats); diff != "" {
		t.Errorf("caveats (-want +got):\n%s", diff)
	}
}

// TestUncategorizedItems checks that an empty category is no category.
// With no category on any line, the cannibalization group would be every
// other item of the store and the halo nothing: both are not measured,
// with the reason. With the promoted items in category A and every other
// item without one, the halo leaves the uncategorized items out: they may
// be of the promoted items' kind.
func TestUncategorizedItems(t *testing.T) {
	s := effectStore()
	analyze := func(strip func(sku string) bool) *Result {
		t.Helper()
		var l Ledger
		if err := l.Track(s.promotion()); err != nil {
			t.Fatal(err)
		}
		for _, o := range s.orders() {
			for i := range o.Lines {
				if strip(o.Lines[i].SKU) {
					o.Lines[i].Category = ""
				}
			}
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		r, err := l.Analyze(promoID, Config{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	promoted := func(sku string) bool { return slices.Contains(s.promotion().Scope.SKUs, sku) }

	r := analyze(func(string) bool { return true })
	if r.Cannibalization.Measured || r.Halo.Measured {
		t.Errorf("no categories: cannibalization measured %v, halo measured %v; want neither", r.Cannibalization.Measured, r.Halo.Measured)
	}
	for _, want := range []string{"cannibalization not measured: the promoted items have no category", "halo not measured: the promoted items have no category"} {
		if !slices.Contains(r.Caveats, want) {
			t.Errorf("caveat %q not in %q", want, r.Caveats)
		}
	}

	all := analyze(func(string) bool { return false })
	r = analyze(func(sku string) bool { return !promoted(sku) })
	if !all.Halo.Measured || all.Halo.Actual.Units == 0 {
		t.Fatalf("categorized store: halo %+v, want measured sales", all.Halo)
	}
	if r.Cannibalization.Measured {
		t.Errorf("others uncategorized: cannibalization measured on %v units", r.Cannibalization.Actual.Units)
	}
	if !r.Halo.Measured || r.Halo.Actual.Units != 0 {
		t.Errorf("others uncategorized: halo measured %v on %v units; want measured on none", r.Halo.Measured, r.Halo.Actual.Units)
	}
}
