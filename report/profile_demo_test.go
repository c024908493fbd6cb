package report

import (
	"math"
	"slices"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// TestDemoProfileTruth reviews the demo store's last 92 days, from the
// day its customers grew younger (sample.ProfileTruth.YoungFrom), and
// recovers the age bands' true probabilities: the new customers of the
// period were all acquired since that day, its returning buyers all
// before it, and neither their buying nor their age depends on the other
// (spend per order, which the bands do depend on, is independent of the
// purchase rate in the generator's Gamma-Gamma model, and the spend tiers
// split the customers in halves). Each observed share must lie within 4
// standard errors of its truth (√(p(1−p)/n), binomial; a false failure
// about once in 16,000 checks), and the 18-24 shift must be significant.
// The sales share of 35-44 must exceed its buyer share: the band leans to
// the customers who spend more per order.
func TestDemoProfileTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("generates the demo store")
	}
	s := sample.Generate(sample.Config{})
	tr := s.Truth.Profile
	p, err := metrics.NewPeriod(tr.YoungFrom, s.Period.End)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(Input{Orders: slices.Values(s.Orders), Customers: s.Profiles}, Config{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile == nil {
		t.Fatal("no profile")
	}
	var rows []ProfileRow
	for _, d := range r.Profile.Dimensions {
		if d.Key == profile.DimAgeBand {
			rows = d.Rows
		}
	}
	pr := r.Profile
	nNew, nOld := pr.New, pr.Buyers-pr.New
	t.Logf("%d buyers, %d new", pr.Buyers, pr.New)
	for b, band := range tr.Bands {
		i := slices.IndexFunc(rows, func(x ProfileRow) bool { return x.Value == band })
		if i < 0 {
			t.Errorf("no row %s", band)
			continue
		}
		x := rows[i]
		check := func(who string, got float64, want float64, n int64) {
			se := math.Sqrt(want * (1 - want) / float64(n))
			t.Logf("%s among %s: %.4f, truth %.4f ± %.4f (4 SE)", band, who, got, want, 4*se)
			if math.Abs(got-want) > 4*se {
				t.Errorf("%s: share among %s %.4f, truth %.4f (4 SE = %.4f)", band, who, got, want, 4*se)
			}
		}
		check("new customers", float64(x.New)/float64(nNew), tr.BandShare(true, b), nNew)
		check("returning buyers", float64(x.Buyers-x.New)/float64(nOld), tr.BandShare(false, b), nOld)
		if band == "18-24" {
			if v, _ := x.Shift.Float(); !x.Significant || v <= 0 {
				t.Errorf("18-24: shift %v, significant %v; want a significant rise", x.Shift, x.Significant)
			}
		}
		if band == "35-44" {
			ss, _ := x.SalesShare.Value()
			bs, _ := x.BuyerShare.Value()
			if ss <= bs {
				t.Errorf("35-44: sales share %.4f not above buyer share %.4f", ss, bs)
			}
		}
	}
}
