package profile_test

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

func usd(s string) money.Money { return money.MustNew(s, "USD") }

// brief is the part of a Row a hand table checks.
type brief struct {
	Value                           string
	Buyers, New, Orders, Repeaters  int64
	Sales, AOV, ValuePerBuyer       string
	SalesShare, BuyerShare, Repurch float64
}

func briefOf(rs []profile.Row) []brief {
	var out []brief
	for _, r := range rs {
		sh, _ := r.SalesShare.Value()
		bs, _ := r.BuyerShare.Value()
		rp, _ := r.Repurchase.Value()
		out = append(out, brief{r.Value, r.Buyers, r.New, r.Orders, r.Repeaters,
			amount(r.Sales), valueAmount(r.AOV), valueAmount(r.ValuePerBuyer), sh, bs, rp})
	}
	return out
}

func TestRows(t *testing.T) {
	var tb profile.Table
	add := func(c profile.Customer, sales string, orders int64, isNew bool) {
		t.Helper()
		if err := tb.Add(c, profile.Buyer{Sales: usd(sales), Orders: orders, New: isNew, Value: usd(sales).Mul(2)}); err != nil {
			t.Fatal(err)
		}
	}
	add(profile.Customer{ID: "a", Age: 30, Gender: "F", Labels: map[string]string{"income": "high"}}, "100.00", 2, false)
	add(profile.Customer{ID: "b", Age: 22, Gender: "M"}, "50.00", 1, true)
	add(profile.Customer{ID: "c", AgeBand: "25-34", Gender: "F"}, "30.00", 1, true)
	add(profile.Customer{ID: "d"}, "20.00", 3, false) // no attributes
	add(profile.Customer{}, "0.00", 1, false)         // no customer record

	if diff := cmp.Diff([]string{profile.DimAgeBand, profile.DimGender, "income"}, tb.Dimensions()); diff != "" {
		t.Errorf("Dimensions (-want +got):\n%s", diff)
	}
	// Hand sums: sales 200; buyers 5.
	tests := []struct {
		name, reason string
		dim          string
		max          int
		want         []brief
	}{
		{"age", "25-34 holds a (age 30) and c (band given); d and the record-less buyer are unknown", profile.DimAgeBand, 0, []brief{
			{"25-34", 2, 1, 3, 1, "130.00", "43.33", "130.00", 0.65, 0.4, 0.5},
			{"18-24", 1, 1, 1, 0, "50.00", "50.00", "100.00", 0.25, 0.2, 0},
			{"unknown", 2, 0, 4, 1, "20.00", "5.00", "20.00", 0.1, 0.4, 0.5},
		}},
		{"folded", "max 1 folds every known value into other", profile.DimAgeBand, 1, []brief{
			{"other", 3, 2, 4, 1, "180.00", "45.00", "120.00", 0.9, 0.6, 1.0 / 3},
			{"unknown", 2, 0, 4, 1, "20.00", "5.00", "20.00", 0.1, 0.4, 0.5},
		}},
		{"label", "a label is a dimension; customers without it are unknown", "income", 0, []brief{
			{"high", 1, 0, 2, 1, "100.00", "50.00", "200.00", 0.5, 0.2, 1},
			{"unknown", 4, 2, 6, 1, "100.00", "16.67", "50.00", 0.5, 0.8, 0.25},
		}},
		{"unseen", "a dimension no customer has is all unknown", profile.DimCity, 0, []brief{
			{"unknown", 5, 2, 8, 2, "200.00", "25.00", "80.00", 1, 1, 0.4},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := briefOf(tb.Rows(tt.dim, tt.max))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-12)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestAddCurrencyMismatch(t *testing.T) {
	var tb profile.Table
	if err := tb.Add(profile.Customer{ID: "a"}, profile.Buyer{Sales: usd("1.00"), Orders: 1}); err != nil {
		t.Fatal(err)
	}
	err := tb.Add(profile.Customer{ID: "b"}, profile.Buyer{Sales: money.MustNew("1.00", "EUR"), Orders: 1})
	if err == nil {
		t.Fatal("no error for a second currency")
	}
	if tb.Buyers() != 1 {
		t.Errorf("buyers %d after a rejected add, want 1", tb.Buyers())
	}
}

// TestShift checks the two-proportion test against a hand computation:
// 60 of 100 new buyers and 40 of 200 returning ones are 18-24. Pooled
// p = 100/300; se = sqrt(p(1-p)(1/100+1/200)) = 0.057735; z = (0.6-0.2)/se
// = 6.9282; the base share is 100/300, so +26.67 pp.
func TestShift(t *testing.T) {
	var tb profile.Table
	for i := range 300 {
		age := 40
		isNew := i < 100
		if isNew && i < 60 || !isNew && i < 140 {
			age = 20
		}
		if err := tb.Add(profile.Customer{ID: "x", Age: age}, profile.Buyer{Sales: usd("1.00"), Orders: 1, New: isNew}); err != nil {
			t.Fatal(err)
		}
	}
	rows := tb.Rows(profile.DimAgeBand, 0)
	var r profile.Row
	for _, x := range rows {
		if x.Value == "18-24" {
			r = x
		}
	}
	pts, _ := r.Shift.Points.Float()
	z, _ := r.Shift.Z.Float()
	p, _ := r.Shift.P.Float()
	if math.Abs(pts-(0.6-1.0/3)) > 1e-12 || math.Abs(z-6.928203) > 1e-6 || p > 1e-10 || !r.Shift.Significant {
		t.Errorf("shift %+v: points %v z %v p %v", r.Shift, pts, z, p)
	}
	if r.Shift.Points.Unit() != metrics.UnitPoints {
		t.Errorf("points unit %v", r.Shift.Points.Unit())
	}
}

// TestShiftUndefined checks that small groups give no test.
func TestShiftUndefined(t *testing.T) {
	var tb profile.Table
	for i := range 8 {
		if err := tb.Add(profile.Customer{ID: "x", Gender: []string{"F", "M"}[i%2]}, profile.Buyer{Sales: usd("1.00"), Orders: 1, New: i < 3}); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range tb.Rows(profile.DimGender, 0) {
		if r.Shift.P.Defined() || r.Shift.Significant {
			t.Errorf("%s: a test on 3 new and 5 returning buyers: %+v", r.Value, r.Shift)
		}
		if !r.Shift.Points.Defined() {
			t.Errorf("%s: points undefined", r.Value)
		}
	}
}

func TestValidate(t *testing.T) {
	_, err := profile.Index([]profile.Customer{
		{ID: "a", Age: 30}, {ID: "a"}, {ID: "", Age: -1}, {ID: "b", Labels: map[string]string{"city": "x", "": "y"}},
	})
	want := "profile: customer \"a\": ID: duplicate customer ID\n" +
		"profile: customer \"\": ID: empty customer ID\n" +
		"profile: customer \"\": Age: age -1 out of range 0 to 120\n" +
		"profile: customer \"b\": Labels: label with an empty name\n" +
		"profile: customer \"b\": Labels[city]: label named like a standard attribute"
	if err == nil || err.Error() != want {
		t.Errorf("Index error:\n%v\nwant:\n%s", err, want)
	}
}

func TestAgeBands(t *testing.T) {
	var def profile.AgeBands
	got := []string{def.Band(0), def.Band(17), def.Band(18), def.Band(24), def.Band(25), def.Band(54), def.Band(55), def.Band(99)}
	want := []string{"", "<18", "18-24", "18-24", "25-34", "45-54", "55+", "55+"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("default bands (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"<18", "18-24", "25-34", "35-44", "45-54", "55+"}, def.Names()); diff != "" {
		t.Errorf("Names (-want +got):\n%s", diff)
	}
	custom := profile.AgeBands{Bounds: []int{30, 60}}
	if diff := cmp.Diff([]string{"<30", "30-59", "60+"}, custom.Names()); diff != "" {
		t.Errorf("custom Names (-want +got):\n%s", diff)
	}
	if (profile.AgeBands{Bounds: []int{30, 30}}).Valid() || (profile.AgeBands{Bounds: []int{0, 30}}).Valid() {
		t.Error("invalid bounds reported valid")
	}
}

func amount(m money.Money) string { return m.Amount() }

func valueAmount(v metrics.Value) string {
	m, ok := v.Money()
	if !ok {
		return "n/a"
	}
	return m.Amount()
}
