package clv_test

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestFromSummaryCDNOW goes from the raw CDNOW sample log (the cohort
// package's testdata copy; see its README for credit) through the cohort
// ledger and its summary to the published BG/NBD estimates of Fader,
// Hardie and Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426,
// LL = −9582.4, with the 39-week calibration ending 1997-09-30.
func TestFromSummaryCDNOW(t *testing.T) {
	f, err := os.Open("../testdata/CDNOW_sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	usd := money.MustCurrency("USD")
	var l cohort.Ledger
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fs := strings.Fields(sc.Text())
		if len(fs) != 5 {
			continue
		}
		day, err := time.Parse("20060102", fs[2])
		if err != nil {
			t.Fatal(err)
		}
		price, err := usd.Parse(fs[4])
		if err != nil {
			t.Fatal(err)
		}
		o := metrics.Order{ID: strconv.Itoa(n), CustomerID: fs[1], PlacedAt: day, Status: metrics.Paid, Currency: usd,
			Lines: []metrics.Line{{SKU: "cd", Quantity: 1, UnitPrice: price}}}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	s, err := l.Summary(cohort.SummaryConfig{CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	customers, unit := clv.FromSummary(s)
	if len(customers) != 2357 || unit != 7*24*time.Hour {
		t.Fatalf("%d customers in units of %v, want 2357 in weeks", len(customers), unit)
	}
	bg, info, err := clv.FitBGNBD(clv.Group(customers), clv.FitConfig{})
	if err != nil {
		t.Fatal(err)
	}
	got := bg.Params() // r, α, a, b
	want := []float64{0.243, 4.414, 0.793, 2.426}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 0.0005 {
			t.Errorf("parameter %d = %.4f, published %.3f", i, got[i], want[i])
		}
	}
	if math.Abs(info.LogLikelihood-(-9582.4)) > 0.1 {
		t.Errorf("log-likelihood %.2f, published −9582.4", info.LogLikelihood)
	}
}
