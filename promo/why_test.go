package promo

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestWhyNotMeasured: each side effect that is not measured says why in
// Effect.Why, one of the sentinel errors, and a measured one has none.
func TestWhyNotMeasured(t *testing.T) {
	s := effectStore()
	wide := s.promotion()
	wide.Scope = Scope{Store: true}
	ended := effectStore()
	ended.days = ended.to // the data end with the window
	uncategorized := func(o []metrics.Line) {
		for i := range o {
			o[i].Category = ""
		}
	}
	tests := []struct {
		name  string
		s     store
		p     Promotion
		strip func([]metrics.Line)
		want  [3]error // cannibalization, halo, pull-forward
	}{
		{"all measured", s, s.promotion(), nil, [3]error{}},
		{"store-wide", s, wide, nil, [3]error{ErrNoRivals, ErrWholeStore, nil}},
		{"no categories", s, s.promotion(), uncategorized, [3]error{ErrNoCategory, ErrNoCategory, nil}},
		{"data end with the window", ended, s.promotion(), nil, [3]error{nil, nil, ErrNoPostWindow}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Ledger
			if err := l.Track(tt.p); err != nil {
				t.Fatal(err)
			}
			for _, o := range tt.s.orders() {
				if tt.strip != nil {
					tt.strip(o.Lines)
				}
				if err := l.Add(o); err != nil {
					t.Fatal(err)
				}
			}
			r, err := l.Analyze(promoID, Config{})
			if err != nil {
				t.Fatal(err)
			}
			sides := [3]Effect{r.Cannibalization, r.Halo, r.PullForward}
			var got [3]error
			for i, e := range sides {
				got[i] = e.Why
				if e.Measured != (e.Why == nil) {
					t.Errorf("side %d: measured %v with Why %v", i, e.Measured, e.Why)
				}
			}
			if d := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b error) bool { return errors.Is(a, b) && errors.Is(b, a) })); d != "" {
				t.Errorf("Why of cannibalization, halo, pull-forward (-want +got):\n%s", d)
			}
		})
	}
}
