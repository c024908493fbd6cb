package promo

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestPullForwardNotMeasured: another activity in the post-window (a
// CRM campaign in Config.Others, or a tracked promotion on the same
// items) leaves the pull-forward not measured, with a caveat naming it,
// and out of NetGrossProfit: the post-window's sales against the baseline
// are as much its effect as the promotion's. One in the window or the
// pre-period is a caveat, and the pull-forward stays measured.
func TestPullForwardNotMeasured(t *testing.T) {
	s := defaultStore() // window days 56–70, post-window 70–84, data to day 98
	p := s.promotion()
	days := func(from, to int) metrics.Period {
		return metrics.Period{Start: day0.AddDate(0, 0, from), End: day0.AddDate(0, 0, to)}
	}
	later := p
	later.ID, later.Window = "P2", days(75, 78) // on the same items, in the post-window
	elsewhere := p
	elsewhere.ID, elsewhere.Scope, elsewhere.Window = "P3", Scope{SKUs: []string{"B02"}}, days(75, 78)
	ledger := func(ps ...Promotion) *Ledger {
		var l Ledger
		if err := l.Track(ps...); err != nil {
			t.Fatal(err)
		}
		for _, o := range s.orders() {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		return &l
	}
	tests := []struct {
		name     string
		l        *Ledger
		others   []Activity
		measured bool
		caveat   string // a caveat that must be there; "" for none about others
	}{
		{"alone", ledger(p), nil, true, ""},
		{"campaign in the post-window", ledger(p), []Activity{{"VIP coupon", days(80, 90)}}, false,
			`pull-forward not measured: "VIP coupon" ran in the post-window, whose sales its effect would be counted in`},
		{"promotion in the post-window", ledger(p, later), nil, false,
			`pull-forward not measured: "P2" ran in the post-window, whose sales its effect would be counted in`},
		{"promotion on other items in the post-window", ledger(p, elsewhere), nil, true, ""},
		{"campaign after the post-window", ledger(p), []Activity{{"late", days(84, 90)}}, true, ""},
		{"campaign in the window", ledger(p), []Activity{{"SMS", days(60, 62)}}, true,
			`activity "SMS" overlaps the window: the lift and the side effects include its effect`},
		{"campaign in the pre-period", ledger(p), []Activity{{"SMS", days(40, 45)}}, true,
			`activity "SMS" overlaps the pre-period: the baseline includes its effect`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := tt.l.Analyze(promoID, Config{Others: tt.others})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if m := strings.Index(tt.caveat, `not measured: "`); m >= 0 {
				name := tt.caveat[m+len(`not measured: "`):]
				want = []string{name[:strings.IndexByte(name, '"')]}
			}
			if diff := cmp.Diff(want, r.PostOverlaps); diff != "" {
				t.Errorf("PostOverlaps (-want +got):\n%s", diff)
			}
			if r.PullForward.Measured != tt.measured {
				t.Errorf("pull-forward measured %v, want %v; caveats %q", r.PullForward.Measured, tt.measured, r.Caveats)
			}
			if tt.caveat != "" && !slices.Contains(r.Caveats, tt.caveat) {
				t.Errorf("caveats %q lack %q", r.Caveats, tt.caveat)
			}
			if tt.caveat == "" {
				for _, c := range r.Caveats {
					if strings.Contains(c, "activity") || strings.Contains(c, "P2") || strings.Contains(c, "P3") {
						t.Errorf("caveat %q about an activity that touches nothing measured", c)
					}
				}
			}
			// NetGrossProfit adds the lift and the side effects measured,
			// and no other.
			var net money.Total
			net.AddMoney(r.Lift.GrossProfit)
			for _, e := range []Effect{r.Cannibalization, r.Halo, r.PullForward} {
				if e.Measured {
					net.AddMoney(e.GrossProfit)
				}
			}
			if want := net.Money(r.NetGrossProfit.Currency()); !want.Equal(r.NetGrossProfit) {
				t.Errorf("net gross profit %v, want %v", r.NetGrossProfit, want)
			}
			if !tt.measured && r.PullForward.Days != r.Post {
				t.Errorf("pull-forward days %v, want the post-window %v", r.PullForward.Days, r.Post)
			}
		})
	}
}

// TestOthersValidate: an activity without a name or whose window does
// not end after it starts is a ConfigError naming it.
func TestOthersValidate(t *testing.T) {
	at := day0.AddDate(0, 0, 3)
	got := Config{Others: []Activity{
		{"", metrics.Period{Start: day0, End: at}},
		{"backwards", metrics.Period{Start: at, End: day0}},
		{"ok", metrics.Period{Start: day0, End: at}},
	}}.Validate()
	var fields []string
	for _, err := range unwrapAll(got) {
		var ce *metrics.ConfigError
		if errors.As(err, &ce) {
			fields = append(fields, ce.Field)
		}
	}
	if diff := cmp.Diff([]string{"Config.Others[0].Name", "Config.Others[1].Window"}, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

// unwrapAll returns the errors joined in err, or err alone.
func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// TestNetROINoSideEffect: with no side effect measured (a whole-store
// promotion has neither cannibalization nor halo, and a campaign in the
// post-window leaves the pull-forward out), the net ROI is undefined, not
// the ROI again: the demo's 12.12 page showed "Net ROI −65.6%", equal to
// its ROI, beside three side effects of n/a. With one measured it is the
// ROI on the net gross profit.
func TestNetROINoSideEffect(t *testing.T) {
	s := defaultStore()
	days := func(from, to int) metrics.Period {
		return metrics.Period{Start: day0.AddDate(0, 0, from), End: day0.AddDate(0, 0, to)}
	}
	for _, tc := range []struct {
		name    string
		store   bool
		others  []Activity
		defined bool
	}{
		{"whole store, campaign after it", true, []Activity{{"VIP coupon", days(72, 80)}}, false},
		{"whole store, pull-forward measured", true, nil, true},
		{"on items, campaign after it", false, []Activity{{"VIP coupon", days(72, 80)}}, true},
	} {
		p := s.promotion()
		if tc.store {
			p.Scope = Scope{Store: true}
		}
		var l Ledger
		if err := l.Track(p); err != nil {
			t.Fatal(err)
		}
		for _, o := range s.orders() {
			if err := l.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		r, err := l.Analyze(promoID, Config{Others: tc.others})
		if err != nil {
			t.Fatal(err)
		}
		measured := r.Cannibalization.Measured || r.Halo.Measured || r.PullForward.Measured
		if !r.ROI.Defined() || r.NetROI.Defined() != tc.defined || measured != tc.defined {
			t.Errorf("%s: ROI %v, net ROI %v, a side effect measured %v; want ROI defined and net ROI defined %v", tc.name, r.ROI, r.NetROI, measured, tc.defined)
		}
		if tc.defined {
			want, err := ROI(r.NetGrossProfit, r.Discounts, p.FixedCost, p.MediaCost, Config{}.Costs)
			if err != nil || want != r.NetROI {
				t.Errorf("%s: net ROI %v, want ROI of the net gross profit %v (%v)", tc.name, r.NetROI, want, err)
			}
		}
	}
}
