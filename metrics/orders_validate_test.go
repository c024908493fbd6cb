package metrics_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// validBatch returns a batch of three orders (a guest's, one of two lines
// with a promotion, one without lines) made with Append.
func validBatch(t testing.TB) *metrics.Orders {
	t.Helper()
	cny := money.MustCurrency("CNY")
	at := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	var b metrics.Orders
	for _, o := range []metrics.Order{
		{ID: "1", PlacedAt: at, Status: metrics.Paid, Currency: cny, Channel: "app",
			Lines: []metrics.Line{{SKU: "TEA", Category: "food", Quantity: 1, UnitPrice: cny.FromMinor(100)}}},
		{ID: "2", CustomerID: "alice", PlacedAt: at, Status: metrics.Paid, Currency: cny, Promotion: "P1", Carrier: "SF", Region: "SH",
			Lines: []metrics.Line{{SKU: "MUG", Name: "Mug", Quantity: 2, UnitPrice: money.MustNew("1.005", "CNY"), Promotion: "P2"},
				{SKU: "TEA", Quantity: 1, UnitPrice: cny.FromMinor(100)}}},
		{ID: "3", CustomerID: "bob", PlacedAt: at, Status: metrics.Paid, Currency: cny},
	} {
		if err := b.Append(o); err != nil {
			t.Fatal(err)
		}
	}
	return &b
}

func batchErrors(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

// TestOrdersValidate checks the problems Validate finds, each named by
// column and first row, every one at once, and that a batch made by
// Append (or empty) has none.
func TestOrdersValidate(t *testing.T) {
	for _, c := range []struct {
		name   string
		reason string
		spoil  func(b *metrics.Orders)
		want   []string
	}{
		{"valid", "Append makes valid batches", func(*metrics.Orders) {}, nil},
		{"zero", "the zero batch is empty", func(b *metrics.Orders) { *b = metrics.Orders{} }, nil},
		{"init", "an empty batch after Init", func(b *metrics.Orders) { *b = metrics.Orders{}; b.Init() }, nil},
		{"short columns", "two order columns a row short, one line column long", func(b *metrics.Orders) {
			b.Customer = b.Customer[:2]
			b.Tax.Minor = b.Tax.Minor[:1]
			b.Quantity = append(b.Quantity, 1)
		}, []string{
			"metrics: malformed Orders batch: Customer: 2 rows, not one per order (3)",
			"metrics: malformed Orders batch: Tax: 1 rows, not one per order (3)",
			"metrics: malformed Orders batch: Quantity: 4 rows, not one per line (3, the rows of SKU)",
		}},
		{"line starts", "LineStart must be one longer than the orders", func(b *metrics.Orders) { b.LineStart = b.LineStart[:3] },
			[]string{"metrics: malformed Orders batch: LineStart: 3 entries, not one more than the orders (3)"}},
		{"decreasing", "LineStart must not decrease", func(b *metrics.Orders) { b.LineStart[2] = 0 },
			[]string{"metrics: malformed Orders batch: LineStart: row 2: decreases, from 1 to 0"}},
		{"not at zero", "lines before the first order's", func(b *metrics.Orders) { b.LineStart[0] = 1 },
			[]string{"metrics: malformed Orders batch: LineStart: row 0: starts at 1, not 0"}},
		{"short end", "LineStart must end at the lines", func(b *metrics.Orders) { b.LineStart[3] = 2; b.LineStart[2] = 2 },
			[]string{"metrics: malformed Orders batch: LineStart: row 3: ends at 2, not at the 3 rows of SKU"}},
		{"numbers", "numbers outside their dictionaries, in several columns", func(b *metrics.Orders) {
			b.Customer[0] = 2
			b.Customer[2] = -7
			b.LinePromotion[2] = 5
			b.Carrier[1] = 1
		}, []string{
			"metrics: malformed Orders batch: Customer: row 0: number 2 outside its dictionary of 2 strings (and 1 more row)",
			"metrics: malformed Orders batch: Carrier: row 1: number 1 outside its dictionary of 1 strings",
			"metrics: malformed Orders batch: LinePromotion: row 2: number 5 outside its dictionary of 2 strings",
		}},
		{"nil dictionary", "a nil dictionary holds no number", func(b *metrics.Orders) { b.Regions = nil },
			[]string{"metrics: malformed Orders batch: Region: row 1: number 0 outside its dictionary of 0 strings"}},
		{"currency", "a code past Currencies", func(b *metrics.Orders) { b.Currency[1] = 1 },
			[]string{"metrics: malformed Orders batch: Currency: row 1: code 1 of 1 Currencies"}},
		{"exact", "an exact amount for no row", func(b *metrics.Orders) { b.UnitPrice.Exact[7] = money.MustNew("1", "CNY") },
			[]string{"metrics: malformed Orders batch: UnitPrice.Exact: an amount for row 7 of 3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := validBatch(t)
			c.spoil(b)
			err := b.Validate()
			if diff := cmp.Diff(c.want, batchErrors(err)); diff != "" {
				t.Errorf("%s: Validate (-want +got):\n%s", c.reason, diff)
			}
			if err != nil && !errors.Is(err, metrics.ErrMalformed) {
				t.Errorf("%v is not ErrMalformed", err)
			}
			var be *metrics.BatchError
			if err != nil && !errors.As(err, &be) {
				t.Errorf("%v holds no *BatchError", err)
			}
		})
	}
}

// TestMalformedBatch checks that the batch entry points of metrics
// return Validate's errors for a malformed batch and add nothing, where
// they panicked before; Totals, which reads no dictionary column, takes
// a batch whose only fault is there.
func TestMalformedBatch(t *testing.T) {
	b := validBatch(t)
	b.SKU[0] = 9
	var s metrics.Summarizer
	if err := s.AddOrders(b); !errors.Is(err, metrics.ErrMalformed) {
		t.Errorf("Summarizer.AddOrders: %v, want ErrMalformed", err)
	}
	if len(s.Result()) != 0 {
		t.Errorf("Summarizer.AddOrders counted a malformed batch")
	}
	if sums, err := metrics.SummarizeOrders(metrics.Period{}, b, nil, metrics.Options{}); !errors.Is(err, metrics.ErrMalformed) || sums != nil {
		t.Errorf("SummarizeOrders: %v, %v, want ErrMalformed", sums, err)
	}
	var tot metrics.Totals
	if err := tot.AddOrders(b); err != nil {
		t.Errorf("Totals.AddOrders of a batch with a bad SKU number: %v", err)
	}
	if got := tot.For(money.MustCurrency("CNY")).Orders; got != 3 {
		t.Errorf("Totals counted %d orders, want 3", got)
	}
	b.LineStart[1] = 9
	tot = metrics.Totals{}
	if err := tot.AddOrders(b); !errors.Is(err, metrics.ErrMalformed) {
		t.Errorf("Totals.AddOrders: %v, want ErrMalformed", err)
	}
	if len(tot.Result()) != 0 {
		t.Errorf("Totals.AddOrders counted a malformed batch")
	}
}

// TestPropValidate checks that a batch that Validate passes, however its
// columns were damaged, is added by Summarizer.AddOrders, SummarizeOrders
// and Totals.AddOrders without a panic, and that batches made by Append
// pass.
func TestPropValidate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders, _ := genOddOrders(t)
		for _, b := range batches(t, orders) {
			if err := b.Validate(); err != nil {
				t.Fatalf("a batch made by Append: %v", err)
			}
			for range rapid.IntRange(0, 3).Draw(t, "damages") {
				damage(t, b)
			}
			if b.Validate() != nil {
				continue
			}
			var s metrics.Summarizer
			_ = s.AddOrders(b)
			_, _ = metrics.SummarizeOrders(metrics.Period{}, b, nil, metrics.Options{})
			var tot metrics.Totals
			_ = tot.AddOrders(b)
		}
	})
}

// damage changes one column of b: a number, a line start, a length.
func damage(t *rapid.T, b *metrics.Orders) {
	int32s := []*[]int32{&b.Customer, &b.Channel, &b.Promotion, &b.Carrier, &b.Region, &b.LineStart,
		&b.SKU, &b.Name, &b.Category, &b.LinePromotion}
	col := int32s[rapid.IntRange(0, len(int32s)-1).Draw(t, "column")]
	switch {
	case len(*col) == 0:
	case rapid.Bool().Draw(t, "shorten"):
		*col = (*col)[:len(*col)-1]
	default:
		(*col)[rapid.IntRange(0, len(*col)-1).Draw(t, "row")] = rapid.Int32Range(-3, 8).Draw(t, "value")
	}
	if rapid.Bool().Draw(t, "currency") && len(b.Currency) > 0 {
		b.Currency[0] = uint8(rapid.IntRange(0, 3).Draw(t, "code"))
	}
}
