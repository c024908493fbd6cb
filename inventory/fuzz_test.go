package inventory

import (
	"math"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// FuzzAnalyze feeds Analyze snapshots and sales decoded from arbitrary
// bytes (any SKU order, negative stock, days outside the period) and checks
// that it never panics, that every problem is in the returned error under
// Strict and none is under Skip, that no ratio holds NaN or infinity, and
// that stock at the int64 edge never makes an average negative.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{0, 1, 5, 3, 1, 2, 250, 9, 2, 1, 0, 0})
	f.Add([]byte{3, 3, 3, 3, 200, 200, 1, 0, 7, 7, 7, 7})
	f.Add([]byte{0, 1, 5, 3, 0, 2, 6, 3, 0, 3, 7, 3, 1, 2, 9, 7})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _ := metrics.NewPeriod(nov(1), nov(15))
		var snaps []Snapshot
		var sales Sales
		for i := 0; i+3 < len(data); i += 4 {
			sku := string(rune('A' + data[i]%4))
			day := nov(1).AddDate(0, 0, int(data[i+1]%20)-2)
			switch data[i+3] % 4 {
			case 0:
				snaps = append(snaps, Snapshot{SKU: sku, Day: day, OnHand: int64(int8(data[i+2])), UnitCost: cny.FromMinor(int64(data[i+3]))})
			case 1:
				sales.Add(sku, DayOf(day), int64(int8(data[i+2])), cny.FromMinor(int64(data[i+2])*3), cny.FromMinor(int64(data[i+2])))
			case 2:
				snaps = append(snaps, Snapshot{SKU: sku, Day: day, OnHand: int64(data[i+2]), UnitCost: money.MustNew("0.125", "CNY")})
			default: // stock and sales at the int64 edge
				snaps = append(snaps, Snapshot{SKU: sku, Day: day, OnHand: math.MaxInt64 - int64(data[i+2]), UnitCost: cny.FromMinor(int64(data[i+3]))})
				sales.Add(sku, DayOf(day), math.MaxInt64-int64(data[i+2]), cny.FromMinor(math.MaxInt64), cny.FromMinor(1))
			}
		}
		for _, cfg := range []Config{{}, {Averaging: TimeWeighted}, {BadRecords: Skip}, {Averaging: TimeWeighted, BadRecords: Skip}} {
			r, err := Analyze(cfg, Input{Period: p, Snapshots: seqOf(snaps), Sales: &sales, Items: []Item{{SKU: "A"}, {SKU: "B"}, {SKU: "C"}}})
			if cfg.BadRecords == Skip && err != nil {
				t.Fatalf("Skip: error %v", err)
			}
			if cfg.BadRecords == Strict && (err == nil) != (len(r.Problems) == 0) {
				t.Fatalf("error %v with %d problems", err, len(r.Problems))
			}
			for _, m := range r.SKUs {
				for _, x := range []metrics.Ratio{m.Turnover, m.DIO, m.DaysOfSupply, m.SellThrough, m.StockoutRate, m.LostUnits, m.GMROI, m.WeeklyCV} {
					if v, ok := x.Value(); ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
						t.Fatalf("%s: ratio %v", m.SKU, v)
					}
				}
				if math.IsNaN(m.AvgUnits) || m.AvgUnits < 0 || m.AvgCost.IsNegative() || m.AvgRetail.IsNegative() || math.IsNaN(m.DemandStdDev) || m.OnHand < 0 {
					t.Fatalf("%s: %+v", m.SKU, m)
				}
			}
		}
	})
}
