package inventory

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

var cny = money.MustCurrency("CNY")

func nov(d int) time.Time { return time.Date(2025, 11, d, 0, 0, 0, 0, time.UTC) }

func yuan(s string) money.Money { return money.MustNew(s, "CNY") }

// rf formats a ratio's value at 4 decimals, or "n/a".
func rf(r metrics.Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func seqOf(s []Snapshot) func(func(Snapshot) bool) { return slices.Values(s) }

// fixture is the hand-computed case of TestAnalyze, over 1–10 Nov 2025
// (10 days):
//
//   - A: sparse snapshots, 10 units on 1 Nov and 4 on 10 Nov at CNY 2.00;
//     3 units sold on 2 Nov and 3 on 5 Nov at CNY 5.00.
//   - B: daily snapshots 5,4,3,0,0,5,4,3,2,−1 at CNY 1.00; sold
//     1,1,1,3,0,1,1,1,1,3 units at CNY 3.00; 6 units received on 6 Nov.
//   - C: in the catalogue only.
//   - D: 3 units on 1 and 10 Nov at CNY 2.00, no sales.
func fixture() Input {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	var sales Sales
	for _, d := range []int{2, 5} {
		sales.Add("A", DayOf(nov(d)), 3, yuan("15.00"), yuan("6.00"))
	}
	var snaps []Snapshot
	snaps = append(snaps, Snapshot{SKU: "A", Day: nov(1), OnHand: 10, UnitCost: yuan("2.00")}, Snapshot{SKU: "A", Day: nov(10), OnHand: 4, UnitCost: yuan("2.00")})
	onHand := []int64{5, 4, 3, 0, 0, 5, 4, 3, 2, -1}
	sold := []int64{1, 1, 1, 3, 0, 1, 1, 1, 1, 3}
	for i := range onHand {
		snaps = append(snaps, Snapshot{SKU: "B", Day: nov(i + 1), OnHand: onHand[i], UnitCost: yuan("1.00")})
		if sold[i] > 0 {
			sales.Add("B", DayOf(nov(i+1)), sold[i], yuan("3.00").Mul(sold[i]), yuan("1.00").Mul(sold[i]))
		}
	}
	snaps = append(snaps, Snapshot{SKU: "D", Day: nov(1), OnHand: 3, UnitCost: yuan("2.00")}, Snapshot{SKU: "D", Day: nov(10), OnHand: 3, UnitCost: yuan("2.00")})
	return Input{
		Period: p,
		Items: []Item{
			{SKU: "A", Category: "toys", UnitPrice: yuan("5.00")},
			{SKU: "B", Category: "toys", UnitPrice: yuan("3.00")},
			{SKU: "C", Category: "books"},
			{SKU: "D", Category: "books", UnitPrice: yuan("4.00")},
		},
		Snapshots: seqOf(snaps),
		Sales:     &sales,
		Receipts:  []Receipt{{SKU: "B", Day: nov(6), Quantity: 6, UnitCost: yuan("1.00")}},
	}
}

// row is the part of SKUMetrics compared in tests, as strings.
type row struct {
	SKU, Category                          string
	Active                                 bool
	AvgCost, AvgRetail, COGS, GrossProfit  string
	Units                                  int64
	Turnover, DIO, DoS, SellThrough, GMROI string
	StockoutDays                           int
	StockoutRate, LostUnits, LostRevenue   string
}

func toRow(m SKUMetrics) row {
	return row{
		SKU: m.SKU, Category: m.Category, Active: m.Active,
		AvgCost: m.AvgCost.String(), AvgRetail: m.AvgRetail.String(), COGS: m.COGS.String(), GrossProfit: m.GrossProfit.String(),
		Units:    m.Units,
		Turnover: rf(m.Turnover), DIO: rf(m.DIO), DoS: rf(m.DaysOfSupply), SellThrough: rf(m.SellThrough), GMROI: rf(m.GMROI),
		StockoutDays: m.StockoutDays, StockoutRate: rf(m.StockoutRate), LostUnits: rf(m.LostUnits), LostRevenue: m.LostRevenue.String(),
	}
}

func TestAnalyze(t *testing.T) {
	r, err := Analyze(Config{}, fixture())
	// Every number below is computed by hand from the fixture.
	want := []row{{
		// mean units (10+4)/2 = 7 → 7 × 2.00 = 14.00 at cost, 7 × 5.00 = 35.00 at retail;
		// COGS 6 × 2.00 = 12.00; turnover 12/14; DIO 14/12 × 10; DoS 4 / (6/10), the
		// 28-day demand window cut to the 10-day period;
		// sell-through 6 / (10 + 0 + 0); GMROI 18/14. Sparse snapshots: no
		// sale on a snapshot day, no stock-out, lost units 0 × 0 / 2.
		SKU: "A", Category: "toys", Active: true,
		AvgCost: "CNY 14.00", AvgRetail: "CNY 35.00", COGS: "CNY 12.00", GrossProfit: "CNY 18.00", Units: 6,
		Turnover: "0.8571", DIO: "11.6667", DoS: "6.6667", SellThrough: "0.6000", GMROI: "1.2857",
		StockoutRate: "0.0000", LostUnits: "0.0000", LostRevenue: "CNY 0.00",
	}, {
		// mean units 26/10 = 2.6 (−1 counts as 0) → 2.60 at cost, 7.80 at
		// retail; 13 units sold, COGS 13.00, GP 26.00; turnover 13/2.6 = 5;
		// DIO 2.6/13 × 10 = 2; DoS 0 on hand → 0; opening 5 + 1 sold = 6,
		// sell-through 13 / (6 + 6 received); stock-outs on 4, 5, 10 Nov of
		// 10 days; 7 in-stock days sold 7 units (CNY 21.00) → lost 7×3/7 = 3
		// units, CNY 9.00.
		SKU: "B", Category: "toys", Active: true,
		AvgCost: "CNY 2.60", AvgRetail: "CNY 7.80", COGS: "CNY 13.00", GrossProfit: "CNY 26.00", Units: 13,
		Turnover: "5.0000", DIO: "2.0000", DoS: "0.0000", SellThrough: "1.0833", GMROI: "10.0000",
		StockoutDays: 3, StockoutRate: "0.3000", LostUnits: "3.0000", LostRevenue: "CNY 9.00",
	}, {
		// catalogue only: inactive, every ratio undefined.
		SKU: "C", Category: "books",
		AvgCost: "CNY 0.00", AvgRetail: "CNY 0.00", COGS: "CNY 0.00", GrossProfit: "CNY 0.00",
		Turnover: "n/a", DIO: "n/a", DoS: "n/a", SellThrough: "n/a", GMROI: "n/a",
		StockoutRate: "n/a", LostUnits: "n/a", LostRevenue: "CNY 0.00",
	}, {
		// 3 units at 2.00 = 6.00; no sales: turnover 0, DIO and days of
		// supply undefined (not infinite), sell-through 0/3.
		SKU: "D", Category: "books", Active: true,
		AvgCost: "CNY 6.00", AvgRetail: "CNY 12.00", COGS: "CNY 0.00", GrossProfit: "CNY 0.00",
		Turnover: "0.0000", DIO: "n/a", DoS: "n/a", SellThrough: "0.0000", GMROI: "0.0000",
		StockoutRate: "0.0000", LostUnits: "0.0000", LostRevenue: "CNY 0.00",
	}}
	var got []row
	for _, m := range r.SKUs {
		got = append(got, toRow(m))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SKUs (-want +got):\n%s", diff)
	}
	// Daily demand: A had no stock-out, 6 units over 10 days, sd
	// √((2 × 2.4² + 8 × 0.6²)/9) = √1.6; B sold one unit on each of its 7
	// days in stock, less than the 13 of all 10 days (3, 0 and 3 on the
	// days it ran out), which floor the demand: 1.3 and 0.95. See
	// TestDemandInStock for the days in stock.
	type demand struct{ Mean, SD string }
	var gotDemand []demand
	for _, m := range r.SKUs[:2] {
		gotDemand = append(gotDemand, demand{strconv.FormatFloat(m.DemandMean, 'f', 4, 64), strconv.FormatFloat(m.DemandStdDev, 'f', 4, 64)})
	}
	if diff := cmp.Diff([]demand{{"0.6000", "1.2649"}, {"1.3000", "0.9487"}}, gotDemand); diff != "" {
		t.Errorf("demand of A and B (-want +got):\n%s", diff)
	}

	// The negative on hand of B on 10 Nov is reported, not hidden.
	var de *DataError
	if !errors.As(err, &de) || !errors.Is(err, ErrNegativeOnHand) || de.SKU != "B" || de.Day != DayOf(nov(10)) {
		t.Errorf("Analyze error = %v, want a negative on hand of B on 2025-11-10", err)
	}
	if len(r.Problems) != 1 {
		t.Errorf("Problems = %v, want 1", r.Problems)
	}

	// Store: 14.00 + 2.60 + 6.00 = 22.60 average inventory, COGS 25.00;
	// turnover 25/22.6, DIO 22.6/25 × 10; stock-outs 3 of 2+10+2 SKU-days.
	s := r.Store
	// Lost: B's 3 units and CNY 9.00. Days of supply pooled: (4 + 0 + 3) on
	// hand × 10 / (6 + 13) units in the window (the period's 10 days) =
	// 3.6842 (D's stock counts
	// though D alone has none defined).
	gotStore := []string{s.AvgCost.String(), s.COGS.String(), rf(s.Turnover), rf(s.DIO), rf(s.StockoutRate), strconv.Itoa(s.SKUs),
		strconv.FormatFloat(s.LostUnits, 'f', 2, 64), s.LostRevenue.String(), rf(s.DaysOfSupply)}
	wantStore := []string{"CNY 22.60", "CNY 25.00", "1.1062", "9.0400", "0.2143", "3", "3.00", "CNY 9.00", "3.6842"}
	if diff := cmp.Diff(wantStore, gotStore); diff != "" {
		t.Errorf("store (-want +got):\n%s", diff)
	}
	// Toys: 16.60 average, COGS 25.00 → DIO 16.6/25 × 10 = 6.64 days.
	toys, _ := r.Category("toys")
	if diff := cmp.Diff([]string{"CNY 16.60", "6.6400"}, []string{toys.AvgCost.String(), rf(toys.DIO)}); diff != "" {
		t.Errorf("toys (-want +got):\n%s", diff)
	}
}

func TestAnalyzeTimeWeighted(t *testing.T) {
	r, _ := Analyze(Config{Averaging: TimeWeighted}, fixture())
	tests := []struct {
		sku, want, reason string
	}{
		{"A", "CNY 18.80", "1–9 Nov hold 10 units, 10 Nov holds 4: (9×10 + 4)/10 = 9.4 units × 2.00"},
		{"B", "CNY 2.60", "daily snapshots: the same as the mean of snapshots"},
		{"D", "CNY 6.00", "3 units all along"},
	}
	for _, tt := range tests {
		m, _ := r.SKU(tt.sku)
		if got := m.AvgCost.String(); got != tt.want {
			t.Errorf("%s: AvgCost = %s, want %s (%s)", tt.sku, got, tt.want, tt.reason)
		}
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(8))
	r, err := Analyze(Config{}, Input{Period: p})
	if err != nil || len(r.SKUs) != 0 || r.Store.Turnover.Defined() || !r.Store.AvgCost.IsZero() {
		t.Errorf("empty input: report %+v, err %v; want no SKUs, undefined ratios, nil error", r.Store, err)
	}
}

func TestSellThroughOptions(t *testing.T) {
	tests := []struct {
		base         SellThroughBase
		a, b, d, why string
	}{
		{OpeningPlusReceived, "0.6000", "1.0833", "0.0000", "A 6/(10+0), B 13/(6+6), D 0/(3+0)"},
		{Received, "n/a", "2.1667", "n/a", "A 6/0, B 13/6, D 0/0"},
		{SoldPlusEnding, "0.6000", "1.0000", "0.0000", "A 6/(6+4), B 13/(13+0), D 0/(0+3)"},
	}
	for _, tt := range tests {
		r, _ := Analyze(Config{SellThrough: tt.base}, fixture())
		var got []string
		for _, sku := range []string{"A", "B", "D"} {
			m, _ := r.SKU(sku)
			got = append(got, rf(m.SellThrough))
		}
		if diff := cmp.Diff([]string{tt.a, tt.b, tt.d}, got); diff != "" {
			t.Errorf("%v (-want +got), by hand %s:\n%s", tt.base, tt.why, diff)
		}
	}
}

func TestOpeningSnapshot(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	var s Sales
	s.Add("O", DayOf(nov(3)), 6, yuan("12.00"), yuan("6.00"))
	snaps := []Snapshot{
		{SKU: "O", Day: nov(1).AddDate(0, 0, -1), OnHand: 8, UnitCost: yuan("1.00")}, // 31 Oct: the opening stock
		{SKU: "O", Day: nov(10), OnHand: 2, UnitCost: yuan("1.00")},
	}
	tests := []struct {
		avg          Averaging
		want, reason string
		skuDays      int
		sellThrough  string
	}{
		{MeanOfSnapshots, "CNY 5.00", "(8 + 2) / 2", 1, "0.7500"},
		{TimeWeighted, "CNY 7.40", "1–9 Nov keep the opening 8, 10 Nov has 2: (9×8 + 2)/10", 1, "0.7500"},
	}
	for _, tt := range tests {
		r, err := Analyze(Config{Averaging: tt.avg}, Input{Period: p, Sales: &s, Snapshots: seqOf(snaps)})
		if err != nil {
			t.Fatal(err)
		}
		m, _ := r.SKU("O")
		// Sell-through 6 / (opening 8 + 0 received) in both cases; only the
		// 10 Nov snapshot is a day of the period.
		got := []string{m.AvgCost.String(), strconv.Itoa(m.SKUDays), rf(m.SellThrough)}
		if diff := cmp.Diff([]string{tt.want, strconv.Itoa(tt.skuDays), tt.sellThrough}, got); diff != "" {
			t.Errorf("%v (-want +got), average %s:\n%s", tt.avg, tt.reason, diff)
		}
	}
}

// TestDaysOfSupplyShortPeriod checks that a period shorter than the demand
// window averages demand over the period's days, not over days before it
// that the analysis does not read.
func TestDaysOfSupplyShortPeriod(t *testing.T) {
	// Hand computation: 1–7 Nov, 1 unit sold every day, 14 units on hand
	// at the end: 14 units / (7 units / 7 days) = 14 days of supply.
	p, _ := metrics.NewPeriod(nov(1), nov(8))
	var sales Sales
	var snaps []Snapshot
	for d := 1; d <= 7; d++ {
		sales.Add("S", DayOf(nov(d)), 1, yuan("5.00"), yuan("2.00"))
		snaps = append(snaps, Snapshot{SKU: "S", Day: nov(d), OnHand: int64(21 - d), UnitCost: yuan("2.00")})
	}
	r, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: &sales})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("14.0000", rf(r.SKUs[0].DaysOfSupply)); diff != "" {
		t.Errorf("DaysOfSupply (-want +got):\n%s", diff)
	}
}

// TestDemandInStock: the daily demand for replenishment is the mean over
// the days not out of stock when it is larger than the mean of every
// day's sales, which is a floor of the demand. E sold 10, 10, 5, 10, 10,
// 10 and 5 units on its 7 days in stock and 5, 0, 0 on the 3 days it was
// out: 60/7 = 8.5714 a day, sd √(35.714/6) = 2.4398, where every day gave
// 6.5 (the reorder point of a SKU that runs out read the days out as
// days of no demand). F ends every day at 0, selling 14 units a day:
// no day in stock, so every day's 14 (not 0, which took it off the
// reorder list).
func TestDemandInStock(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	var sales Sales
	var snaps []Snapshot
	onHand := []int64{20, 10, 5, 0, 0, 0, 30, 20, 10, 5}
	sold := []int64{10, 10, 5, 5, 0, 0, 10, 10, 10, 5}
	for i := range onHand {
		snaps = append(snaps, Snapshot{SKU: "E", Day: nov(i + 1), OnHand: onHand[i], UnitCost: yuan("1.00")})
	}
	for i := range onHand {
		snaps = append(snaps, Snapshot{SKU: "F", Day: nov(i + 1), OnHand: 0, UnitCost: yuan("1.00")})
	}
	for i := range onHand {
		if sold[i] > 0 {
			sales.Add("E", DayOf(nov(i+1)), sold[i], yuan("2.00").Mul(sold[i]), yuan("1.00").Mul(sold[i]))
		}
		sales.Add("F", DayOf(nov(i+1)), 14, yuan("28.00"), yuan("14.00"))
	}
	r, err := Analyze(Config{}, Input{Period: p, Snapshots: seqOf(snaps), Sales: &sales})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, m := range r.SKUs {
		got[m.SKU] = [2]string{strconv.FormatFloat(m.DemandMean, 'f', 4, 64), strconv.FormatFloat(m.DemandStdDev, 'f', 4, 64)}
	}
	want := map[string][2]string{"E": {"8.5714", "2.4398"}, "F": {"14.0000", "0.0000"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("demand (-want +got):\n%s", diff)
	}
}

// TestSKUsOfPeriod checks which SKUs without snapshots a report of 1–10
// Nov lists: those of the store's assortment in the period, not those
// that came to it after its end.
func TestSKUsOfPeriod(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	var sales Sales
	sold := func(sku string, d time.Time) { sales.Add(sku, DayOf(d), 1, yuan("5.00"), yuan("2.00")) }
	sold("old", time.Date(2025, 10, 5, 0, 0, 0, 0, time.UTC)) // sold before the period only
	sold("in", nov(3))                                        // sold in the period
	sold("after", nov(20))                                    // first sold after the period
	sold("launched", nov(14))                                 // first sold after, launched in the period
	sold("late", nov(13))                                     // launched after the period
	sold("received", nov(16))                                 // first sold after, received in the period
	in := Input{
		Period: p,
		Sales:  &sales,
		Items: []Item{
			{SKU: "old"}, {SKU: "in"}, {SKU: "after"}, {SKU: "received"}, {SKU: "receivedAfter"},
			{SKU: "launched", Launch: nov(8)}, {SKU: "late", Launch: nov(11)},
			{SKU: "catalogue"}, {SKU: "catalogueLate", Launch: nov(25)}, {SKU: "catalogueIn", Launch: nov(10)},
		},
		Receipts: []Receipt{
			{SKU: "received", Day: nov(2), Quantity: 5, UnitCost: yuan("2.00")},
			{SKU: "receivedAfter", Day: nov(11), Quantity: 5, UnitCost: yuan("2.00")},
		},
	}
	skus := func(in Input) []string {
		t.Helper()
		r, err := Analyze(Config{Currency: cny}, in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range r.SKUs {
			got = append(got, m.SKU)
		}
		return got
	}
	for _, tt := range []struct {
		name string
		in   func() Input
		want []string
	}{
		{"catalogue", func() Input { return in }, []string{"catalogue", "catalogueIn", "in", "launched", "old", "received"}},
		// Without launch days, the first sale or receipt decides.
		{"no catalogue", func() Input { x := in; x.Items = nil; return x }, []string{"in", "old", "received"}},
		// Without a period, every SKU.
		{"no period", func() Input { x := in; x.Period = metrics.Period{}; return x },
			[]string{"after", "catalogue", "catalogueIn", "catalogueLate", "in", "late", "launched", "old", "received", "receivedAfter"}},
	} {
		if diff := cmp.Diff(tt.want, skus(tt.in())); diff != "" {
			t.Errorf("%s: SKUs (-want +got):\n%s", tt.name, diff)
		}
	}
}
