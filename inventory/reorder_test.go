package inventory

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// reorderFixture: 1–28 Nov 2025. R and S sell 2, 4, 2, 4, … units a day
// (mean 3, sample σ √(28/27) = 1.01835); T sells 1 a day (σ 0).
// On hand at 28 Nov: R 10, S 100, T 5.
func reorderFixture() (*Report, error) {
	p, _ := metrics.NewPeriod(nov(1), nov(29))
	var sales Sales
	for d := 1; d <= 28; d++ {
		q := int64(2 + 2*((d+1)%2)) // 2 on odd days, 4 on even days
		sales.Add("R", DayOf(nov(d)), q, yuan("10.00").Mul(q), yuan("4.00").Mul(q))
		sales.Add("S", DayOf(nov(d)), q, yuan("10.00").Mul(q), yuan("4.00").Mul(q))
		sales.Add("T", DayOf(nov(d)), 1, yuan("10.00"), yuan("4.00"))
	}
	snaps := []Snapshot{
		{SKU: "R", Day: nov(1), OnHand: 90, UnitCost: yuan("4.00")}, {SKU: "R", Day: nov(28), OnHand: 10, UnitCost: yuan("4.00")},
		{SKU: "S", Day: nov(1), OnHand: 180, UnitCost: yuan("4.00")}, {SKU: "S", Day: nov(28), OnHand: 100, UnitCost: yuan("4.00")},
		{SKU: "T", Day: nov(1), OnHand: 32, UnitCost: yuan("4.00")}, {SKU: "T", Day: nov(28), OnHand: 5, UnitCost: yuan("4.00")},
	}
	return Analyze(Config{}, Input{
		Period: p, Sales: &sales, Snapshots: seqOf(snaps),
		Items: []Item{
			{SKU: "R", LeadTimeDays: 4, ServiceLevel: 0.95, OrderCost: yuan("50"), HoldingCost: yuan("2")},
			{SKU: "S", LeadTimeDays: 4},
			{SKU: "T"},
		},
	})
}

func TestReorderList(t *testing.T) {
	r, err := reorderFixture()
	if err != nil {
		t.Fatal(err)
	}
	list, err := r.ReorderList(ReorderConfig{})
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		SKU                      string
		ROP, EOQ, SS, DUS, Sigma string
		Quantity                 int64
	}
	var got []line
	for _, o := range list {
		got = append(got, line{o.SKU, f3(o.ReorderPoint), f3(o.EOQ), f3(o.SafetyStock), rf(o.DaysUntilStockout), f3(o.StdDevDaily), o.Quantity})
	}
	// Hand computation, z(0.95) = 1.64485 from a normal table:
	//   R: σ = √(28/27) = 1.018; ss = 1.64485 × 1.018 × √4 = 3.350;
	//      ROP = 3 × 4 + 3.350 = 15.350 ≥ position 10, so listed;
	//      EOQ = √(2 × 3 × 365 × 50 / 2) = √54750 = 233.987;
	//      quantity = ⌈15.350 + 233.987 − 10⌉ = 240; 10 / 3 = 3.333 days.
	//   S: position 100 > ROP 15.350: not listed.
	//   T: defaults L = 7, 95 %; σ = 0, ROP = 7 ≥ 5; no EOQ, so the lot is
	//      28 days × 1 = 28 and quantity = ⌈7 + 28 − 5⌉ = 30; 5 days.
	want := []line{
		{"R", "15.350", "233.987", "3.350", "3.3333", "1.018", 240},
		{"T", "7.000", "0.000", "0.000", "5.0000", "0.000", 30},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReorderList (-want +got):\n%s", diff)
	}
}

func TestReorderListBadServiceLevel(t *testing.T) {
	r, _ := reorderFixture()
	r.items["S"].ServiceLevel = 1.5
	list, err := r.ReorderList(ReorderConfig{})
	var ce *metrics.ConfigError
	if !errorsAs(err, &ce) || ce.Field != `Items["S"].ServiceLevel` || len(list) != 2 {
		t.Errorf("ReorderList with a service level of 1.5 for S: %d lines, error %v; want R and T and a *metrics.ConfigError for Items[\"S\"].ServiceLevel", len(list), err)
	}
}
