package inventory

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestHugeOnHand is issue 16 item 6: 31 daily snapshots of 3e17 units
// gave average units −1 and an average retail of CNY −129.00, as the sum
// of units wrapped around int64. The averages are exact now.
func TestHugeOnHand(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(1).AddDate(0, 0, 31))
	var snaps []Snapshot
	for d := range 31 {
		snaps = append(snaps, Snapshot{SKU: "A", Day: nov(1 + d), OnHand: 3e17, UnitCost: yuan("1.00")})
	}
	for _, avg := range []Averaging{MeanOfSnapshots, TimeWeighted} {
		r, err := Analyze(Config{Averaging: avg}, Input{Period: p, Snapshots: seqOf(snaps), Items: []Item{{SKU: "A", UnitPrice: yuan("2.50")}}})
		if err != nil {
			t.Fatalf("%v: %v", avg, err)
		}
		a, _ := r.SKU("A")
		if a.AvgUnits != 3e17 || a.AvgRetail.String() != "CNY 750000000000000000.00" || a.AvgCost.String() != "CNY 300000000000000000.00" {
			t.Errorf("%v: average units %v, retail %v, cost %v; want 3e17, CNY 750000000000000000.00, CNY 300000000000000000.00", avg, a.AvgUnits, a.AvgRetail, a.AvgCost)
		}
	}
}

// edgeInt64 draws int64 values in [lo, MaxInt64], often at the edges.
func edgeInt64(lo int64) *rapid.Generator[int64] {
	return rapid.OneOf(
		rapid.Int64Range(lo, math.MaxInt64),
		rapid.Int64Range(max(lo, math.MaxInt64-1000), math.MaxInt64),
		rapid.Int64Range(max(lo, math.MaxInt64/2-1000), math.MaxInt64/2+1000),
		rapid.Int64Range(lo, 100),
	)
}

// TestPropUnitsExact checks, at the int64 edges, that the average units
// and the average inventory at retail and at cost are those of the exact
// sums (math/big), under both averagings, and that no error is reported:
// sums of units on hand never overflow.
func TestPropUnitsExact(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		days := rapid.IntRange(1, 40).Draw(t, "days")
		p, _ := metrics.NewPeriod(nov(1), nov(1).AddDate(0, 0, days))
		price := cny.FromMinor(rapid.Int64Range(1, 1e6).Draw(t, "price"))
		cost := cny.FromMinor(rapid.Int64Range(0, 1e6).Draw(t, "cost"))
		daily := rapid.Bool().Draw(t, "daily")
		var snaps []Snapshot
		var last int64
		sum := new(big.Int) // Σ on hand over the snapshots
		tw := new(big.Int)  // Σ on hand over the days, step-interpolated
		prev, prevDay := int64(-1), 0
		for d := range days {
			if !daily && d != 0 && d != days-1 && !rapid.Bool().Draw(t, "snapshot") {
				continue
			}
			u := edgeInt64(0).Draw(t, "onHand")
			snaps = append(snaps, Snapshot{SKU: "A", Day: nov(1 + d), OnHand: u, UnitCost: cost})
			sum.Add(sum, big.NewInt(u))
			if prev < 0 { // days before the first snapshot take its value
				tw.Add(tw, new(big.Int).Mul(big.NewInt(u), big.NewInt(int64(d))))
			} else {
				tw.Add(tw, new(big.Int).Mul(big.NewInt(prev), big.NewInt(int64(d-prevDay-1))))
			}
			tw.Add(tw, big.NewInt(u))
			prev, prevDay, last = u, d, u
		}
		tw.Add(tw, new(big.Int).Mul(big.NewInt(prev), big.NewInt(int64(days-prevDay-1))))
		for _, c := range []struct {
			avg   Averaging
			units *big.Int
			n     int64
		}{{MeanOfSnapshots, sum, int64(len(snaps))}, {TimeWeighted, tw, int64(days)}} {
			r, err := Analyze(Config{Averaging: c.avg}, Input{Period: p, Snapshots: seqOf(snaps), Items: []Item{{SKU: "A", UnitPrice: price}}})
			if err != nil {
				t.Fatalf("%v: %v", c.avg, err)
			}
			a, _ := r.SKU("A")
			wantUnits, _ := new(big.Rat).SetFrac(c.units, big.NewInt(c.n)).Float64()
			if math.Abs(a.AvgUnits-wantUnits) > 1e-12*wantUnits {
				t.Fatalf("%v: average units %v, want %v", c.avg, a.AvgUnits, wantUnits)
			}
			for _, m := range []struct {
				name string
				got  money.Money
				unit money.Money
			}{{"retail", a.AvgRetail, price}, {"cost", a.AvgCost, cost}} {
				u, _ := m.unit.Minor()
				want := roundHalfEven(new(big.Int).Mul(c.units, big.NewInt(u)), c.n)
				if got := m.got.Decimal().Shift(2).BigInt(); got.Cmp(want) != 0 {
					t.Fatalf("%v: average %s %v, want %v minor units", c.avg, m.name, m.got, want)
				}
			}
			if a.OnHand != last || r.Store.OnHand != last {
				t.Fatalf("%v: on hand %d, store %d, want %d", c.avg, a.OnHand, r.Store.OnHand, last)
			}
		}
	})
}

// roundHalfEven returns num / den rounded half to even.
func roundHalfEven(num *big.Int, den int64) *big.Int {
	q, m := new(big.Int).QuoRem(num, big.NewInt(den), new(big.Int))
	twice := new(big.Int).Lsh(new(big.Int).Abs(m), 1)
	if c := twice.Cmp(big.NewInt(den)); c > 0 || (c == 0 && q.Bit(0) == 1) {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// TestUnitsOverflow checks that every int64 count of units that could pass
// the int64 range is checked: the record that would pass it is left out
// and reported as a *DataError wrapping ErrOverflow, naming the SKU, the
// day and the record.
func TestUnitsOverflow(t *testing.T) {
	p, _ := metrics.NewPeriod(nov(1), nov(11))
	const big = math.MaxInt64 - 5
	var sales Sales
	sales.Add("A", DayOf(nov(2)), big, yuan("1.00"), yuan("0.50"))
	sales.Add("A", DayOf(nov(3)), 10, yuan("1.00"), yuan("0.50")) // past the range
	o := metrics.Order{ID: "O1", PlacedAt: nov(4), Currency: cny, Lines: []metrics.Line{
		{SKU: "A", Quantity: 6, UnitPrice: yuan("1.00")}, // past the range
		{SKU: "B", Quantity: big, UnitPrice: yuan("1.00")},
	}}
	sales.AddOrder(o)
	var de *DataError
	if err := sales.Err(); !errors.As(err, &de) || de.OrderID != "" || de.SKU != "A" || de.Day != DayOf(nov(3)) || !errors.Is(err, ErrOverflow) {
		t.Errorf("Sales.Add past the range: %v, want an ErrOverflow for A on 2025-11-03", err)
	}
	var lines Sales // a line past the range is located by its order and line
	lines.Add("A", DayOf(nov(2)), big, yuan("1.00"), yuan("0.50"))
	lines.AddOrder(o)
	if err := lines.Err(); !errors.As(err, &de) || de.OrderID != "O1" || de.Record != 1 || de.SKU != "A" || !errors.Is(err, ErrOverflow) {
		t.Errorf("AddOrder past the range: %v, want ErrOverflow for order O1 line 1", err)
	}
	snaps := []Snapshot{
		{SKU: "A", Day: nov(1), OnHand: math.MaxInt64, UnitCost: yuan("1.00")},
		{SKU: "B", Day: nov(1), OnHand: math.MaxInt64, UnitCost: yuan("1.00")}, // the store's on hand passes the range
	}
	r, err := Analyze(Config{}, Input{
		Period: p, Snapshots: seqOf(snaps), Sales: &sales,
		Receipts: []Receipt{
			{SKU: "A", Day: nov(2), Quantity: big, UnitCost: yuan("1.00")},
			{SKU: "A", Day: nov(3), Quantity: 6, UnitCost: yuan("1.00")}, // past the range
		},
		Adjustments: []Adjustment{
			{SKU: "A", Day: nov(2), Quantity: -big},
			{SKU: "A", Day: nov(3), Quantity: 6}, // Σ|q| past the range
			{SKU: "C", Day: nov(3), Quantity: math.MinInt64},
		},
	})
	want := []problem{
		{"order", "A", "2025-11-03", 2, ErrOverflow}, // and order O1's line 1 on 4 Nov
		{"receipt", "A", "2025-11-03", 1, ErrOverflow},
		{"adjustment", "A", "2025-11-03", 1, ErrOverflow},
		{"adjustment", "C", "2025-11-03", 1, ErrOverflow},
		{"snapshot", "B", "2025-11-01", 1, ErrOverflow},
	}
	got := problemsOf(err)
	if len(got) != len(want) {
		t.Fatalf("problems %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: %v, want %v", i, got[i], want[i])
		}
	}
	a, _ := r.SKU("A")
	if a.Units != big || a.Received != big || a.Adjusted != -big {
		t.Errorf("A: units %d, received %d, adjusted %d; want %d, %d, %d", a.Units, a.Received, a.Adjusted, int64(big), int64(big), -int64(big))
	}
	if r.Store.SKUs != 1 || r.Store.OnHand != math.MaxInt64 {
		t.Errorf("store: %d SKUs, on hand %d; want A alone, %d", r.Store.SKUs, r.Store.OnHand, int64(math.MaxInt64))
	}
	if s := fmt.Sprint(a.SellThrough); s == "" {
		t.Errorf("sell-through %q", s)
	}
}

// TestReorderOverflow checks that an inventory position past the int64
// range is a located ErrOverflow, not a wrapped-around order.
func TestReorderOverflow(t *testing.T) {
	r, err := reorderFixture()
	if err != nil {
		t.Fatal(err)
	}
	r.items["R"].OnOrder = math.MaxInt64
	list, err := r.ReorderList(ReorderConfig{})
	var de *DataError
	if !errors.As(err, &de) || de.SKU != "R" || !errors.Is(err, ErrOverflow) {
		t.Errorf("ReorderList with R on order MaxInt64: %v, want an ErrOverflow for R", err)
	}
	for _, o := range list {
		if o.SKU == "R" {
			t.Errorf("R listed with position %d", o.Position)
		}
	}
}
