package forecast_test

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/forecast"
)

// walmart reads testdata/walmart_weekly.csv (see testdata/README.md): the
// weekly sales of four Walmart stores, 2010-02-05 to 2012-10-26.
func walmart(t *testing.T) map[string]forecast.Series {
	t.Helper()
	f, err := os.Open("testdata/walmart_weekly.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]forecast.Series)
	for i, r := range recs[1:] {
		d, err := time.Parse(time.DateOnly, r[1])
		if err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		v, err := strconv.ParseFloat(r[2], 64)
		if err != nil {
			t.Fatalf("line %d: %v", i+2, err)
		}
		s := out[r[0]]
		if len(s.Values) == 0 {
			s = forecast.Series{Start: d, Frequency: forecast.Weekly}
		}
		if !s.At(len(s.Values)).Equal(d) {
			t.Fatalf("line %d: week %s out of sequence", i+2, r[1])
		}
		s.Values = append(s.Values, v)
		out[r[0]] = s
	}
	return out
}

// TestWalmart: forecasting each of the last 20 weeks of four Walmart
// stores one week ahead, the model (with its year-ago term) beats the
// seasonal naive (the same week a year before) in MAPE for most stores,
// and its 80 % interval covers a sane share of the weeks.
func TestWalmart(t *testing.T) {
	stores := walmart(t)
	if len(stores) != 4 {
		t.Fatalf("%d stores", len(stores))
	}
	var beats, covered, weeks int
	for _, id := range []string{"1", "2", "4", "20"} {
		s := stores[id]
		if len(s.Values) != 143 {
			t.Fatalf("store %s: %d weeks, want 143", id, len(s.Values))
		}
		spans := forecast.Last(len(s.Values), 20, 1)
		bt, err := forecast.RunBacktest(s, spans, forecast.Config{})
		if err != nil {
			t.Fatal(err)
		}
		last, err := forecast.RunBacktest(s, spans, forecast.Config{BaselineLag: 1})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := bt.Model.MAPE.Float()
		b, _ := bt.Baseline.MAPE.Float()
		l, _ := last.Baseline.MAPE.Float()
		mm, _ := bt.Model.MASE.Float()
		t.Logf("store %s: MAPE %.4f, same week last year %.4f, last week %.4f; MASE %.2f; coverage %v; annual %v",
			id, m, b, l, mm, bt.Coverage, bt.Results[0].Forecast.Annual)
		if m < b {
			beats++
		}
		c, _ := bt.Coverage.Value()
		covered += int(c*20 + 0.5)
		weeks += 20
	}
	t.Logf("beats the same week last year in %d of 4 stores; coverage %d of %d weeks", beats, covered, weeks)
	if beats < 3 {
		t.Errorf("the model beats the seasonal naive in %d of 4 stores, want ≥ 3", beats)
	}
	if covered < weeks*6/10 {
		t.Errorf("the 80 %% interval covers %d of %d weeks, want ≥ 60 %%", covered, weeks)
	}
}
