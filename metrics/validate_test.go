package metrics_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

func TestValidate(t *testing.T) {
	c := money.MustCurrency("CNY")
	line := metrics.Line{SKU: "A", Quantity: 2, UnitPrice: cny("10.00"), UnitCost: cny("4.00")}
	good := metrics.Order{ID: "G", PlacedAt: day(2025, 11, 1), Currency: c, Lines: []metrics.Line{line}, Shipping: cny("5.00")}
	with := func(id string, f func(*metrics.Order)) metrics.Order {
		o := good
		o.ID = id
		o.Lines = slices.Clone(good.Lines)
		f(&o)
		return o
	}
	orders := []metrics.Order{
		good,
		with("G", func(*metrics.Order) {}),
		with("", func(*metrics.Order) {}),
		with("T", func(o *metrics.Order) { o.PlacedAt = time.Time{} }),
		with("Q", func(o *metrics.Order) { o.Lines[0].Quantity = 0 }),
		with("M", func(o *metrics.Order) { o.Lines[0].UnitPrice = money.MustNew("10.00", "USD") }),
		with("N", func(o *metrics.Order) { o.Lines[0].UnitCost = cny("-1") }),
		with("D", func(o *metrics.Order) { o.Lines[0].Discount = cny("20.01") }),
		with("OD", func(o *metrics.Order) { o.Discount = cny("20.01") }),
		with("X", func(o *metrics.Order) { o.Currency = money.Currency{}; o.Tax = cny("-1") }),
		with("H", func(*metrics.Order) {}),
	}
	refunds := []metrics.Refund{
		{ID: "R1", OrderID: "G", At: day(2025, 11, 2), Amount: cny("20.00"),
			Lines: []metrics.ReturnedLine{{SKU: "A", Quantity: 1}}},
		// G paid 2 × 10 + 5 = 25.00; 20.00 + 5.01 exceeds it.
		{ID: "R2", OrderID: "G", At: day(2025, 11, 2), Amount: cny("5.01"),
			Lines: []metrics.ReturnedLine{{SKU: "A", Quantity: 2}, {SKU: "B", Quantity: 1}, {SKU: "A", Quantity: 0}}},
		{ID: "R1", OrderID: "nope", Amount: money.MustNew("1", "USD")},
		{OrderID: "G", At: day(2025, 11, 2), Amount: money.MustNew("1", "USD")},
		// Dated the day before H was placed; the placed time itself is fine.
		{ID: "R3", OrderID: "H", At: day(2025, 10, 31)},
		{ID: "R4", OrderID: "H", At: day(2025, 11, 1)},
	}
	err := metrics.Validate(slices.Values(orders), slices.Values(refunds))
	if !errors.Is(err, metrics.ErrInvalid) {
		t.Fatalf("Validate error %v does not wrap ErrInvalid", err)
	}
	type loc struct{ Order, Refund, Field string }
	var got []loc
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ve *metrics.ValidationError
		if !errors.As(e, &ve) {
			t.Fatalf("%v is not a *ValidationError", e)
		}
		got = append(got, loc{ve.OrderID, ve.RefundID, ve.Field})
	}
	// One entry per problem planted above, in input order.
	want := []loc{
		{"G", "", "ID"},
		{"", "", "ID"},
		{"T", "", "PlacedAt"},
		{"Q", "", "Lines[0].Quantity"},
		{"M", "", "Lines[0].UnitPrice"},
		{"N", "", "Lines[0].UnitCost"},
		{"D", "", "Lines[0].Discount"},
		{"OD", "", "Discount"},
		{"X", "", "Currency"},
		{"X", "", "Tax"},
		{"G", "R2", "Amount"},
		{"G", "R2", "Lines[0].Quantity"}, // 1 of 2 units already returned by R1
		{"G", "R2", "Lines[1].SKU"},
		{"G", "R2", "Lines[2].Quantity"},
		{"nope", "R1", "ID"},
		{"nope", "R1", "At"},
		{"nope", "R1", "OrderID"},
		{"G", "", "ID"},
		{"G", "", "Amount"},
		{"H", "R3", "At"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Validate problems (-want +got):\n%s\nerror: %v", diff, err)
	}
}

func TestValidateClean(t *testing.T) {
	orders, refunds := smallStore()
	if err := metrics.Validate(slices.Values(orders), slices.Values(refunds)); err != nil {
		t.Errorf("Validate(small store) = %v; want nil", err)
	}
}

func TestValidationErrorMessage(t *testing.T) {
	e := &metrics.ValidationError{OrderID: "O1", RefundID: "R9", Field: "Amount", Problem: "negative amount CNY -1.00"}
	want := `metrics: refund "R9" of order "O1": Amount: negative amount CNY -1.00`
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q; want %q", got, want)
	}
}

// TestValidateOrderAgrees: ValidateOrder reports of one order what Validate
// reports of a batch holding only it.
func TestValidateOrderAgrees(t *testing.T) {
	cny := money.MustCurrency("CNY")
	good := metrics.Order{ID: "o1", PlacedAt: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), Currency: cny,
		Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
	bad := good
	bad.Lines = []metrics.Line{{SKU: "A", Quantity: -1, UnitPrice: cny.FromMinor(-5)}}
	bad.Tax = cny.FromMinor(-1)
	for _, o := range []metrics.Order{good, bad} {
		one, batch := metrics.ValidateOrder(o), metrics.Validate(slices.Values([]metrics.Order{o}), nil)
		if (one == nil) != (batch == nil) || one != nil && one.Error() != batch.Error() {
			t.Errorf("order %+v: ValidateOrder %v, Validate %v", o, one, batch)
		}
	}
	if metrics.ValidateOrder(bad) == nil {
		t.Error("a negative quantity, price and tax: no error")
	}
	if n := testing.AllocsPerRun(100, func() { _ = metrics.ValidateOrder(good) }); n != 0 {
		t.Errorf("ValidateOrder of a valid order: %v allocations, want 0", n)
	}
}

// TestValidMinor: an order that ValidateOrder's fast path passes has no
// problem and a known total by its full checks, and the fast path passes
// the orders of whole minor units that the full checks find valid.
func TestValidMinor(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t)
		if rapid.Bool().Draw(t, "fix") { // mostly valid orders, as in a store's data
			if o.ID == "" {
				o.ID = "o1"
			}
			o.PlacedAt = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
			o.PaidAt, o.ShippedAt, o.DeliveredAt, o.PromisedBy = time.Time{}, time.Time{}, time.Time{}, time.Time{}
			if o.Currency.IsZero() {
				o.Currency = money.MustCurrency("CNY")
			}
			o.Status = metrics.Paid
		}
		problems, sane := metrics.CheckOrder(o)
		fast := metrics.ValidMinor(&o)
		if fast && (len(problems) > 0 || !sane) {
			t.Fatalf("fast path passed an order with problems %v (sane %v)", problems, sane)
		}
		if got := metrics.ValidateOrder(o); (got == nil) != (len(problems) == 0) {
			t.Fatalf("ValidateOrder %v; the full checks found %v", got, problems)
		}
		minor := true
		for _, m := range []money.Money{o.Discount, o.Shipping, o.Tax} {
			if _, ok := m.MinorIn(o.Currency); !ok {
				minor = false
			}
		}
		for _, l := range o.Lines {
			for _, m := range []money.Money{l.UnitPrice, l.Discount, l.UnitCost} {
				if _, ok := m.MinorIn(o.Currency); !ok {
					minor = false
				}
			}
		}
		if minor && !o.Currency.IsZero() && len(problems) == 0 && sane && !fast {
			t.Fatalf("fast path refused a valid order of minor units: %+v", o)
		}
	})
}
