package metrics_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// genOddOrders draws genOrders' orders and makes some of them odd: amounts
// that are not whole minor units (12.345), the zero Money, amounts in
// another currency, huge amounts whose products overflow an int64, bad
// quantities and discounts, no currency, no placement time. These take the
// exact path of AddOrders, or give errors, and must do so exactly as Add.
func genOddOrders(t *rapid.T) ([]metrics.Order, []metrics.Refund) {
	orders, refunds := genOrders(t)
	for i := range orders {
		o := &orders[i]
		if !rapid.Bool().Draw(t, "odd") {
			continue
		}
		c := o.Currency
		switch rapid.IntRange(0, 10).Draw(t, "oddity") {
		case 0:
			if len(o.Lines) > 0 {
				o.Lines[0].UnitPrice = money.MustNew("12.345", c.Code())
			}
		case 1:
			o.Shipping, o.Tax = money.Money{}, money.Money{}
			for j := range o.Lines {
				o.Lines[j].Discount = money.Money{}
			}
		case 2:
			o.Tax = money.MustNew("1.00", "JPY")
		case 3:
			if len(o.Lines) > 0 {
				o.Lines[0].UnitPrice = c.FromMinor(1 << 62)
				o.Lines[0].Quantity = 3
			}
		case 4:
			if len(o.Lines) > 0 {
				o.Lines[0].Quantity = 0
			}
		case 5:
			o.Currency = money.Currency{}
		case 6:
			o.PlacedAt = time.Time{}
		case 7:
			o.Discount = c.FromMinor(1 << 40) // more than the lines
		case 8:
			m, _ := c.FromDecimal(decimal.New(120, -1)) // 12.0: whole minor units, another representation
			o.Shipping = m
		case 9:
			o.Shipping = c.FromMinor(-5)
		case 10:
			o.Tax = c.FromMinor(-1)
		}
	}
	return orders, refunds
}

// batches appends orders to a few batches: some share one set of
// dictionaries, the others have their own.
func batches(t *rapid.T, orders []metrics.Order) []*metrics.Orders {
	shared := &metrics.Orders{}
	shared.Init()
	var out []*metrics.Orders
	for len(orders) > 0 {
		n := rapid.IntRange(1, len(orders)).Draw(t, "batch")
		b := &metrics.Orders{}
		if rapid.Bool().Draw(t, "sharedDicts") {
			b = &metrics.Orders{CustomerIDs: shared.CustomerIDs, Channels: shared.Channels, Promotions: shared.Promotions,
				Carriers: shared.Carriers, Regions: shared.Regions, SKUs: shared.SKUs, Names: shared.Names, Categories: shared.Categories}
		}
		for _, o := range orders[:n] {
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, b)
		orders = orders[n:]
	}
	return out
}

func errorLines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

// TestAddOrdersMatchesAdd checks that Summarizer.AddOrders gives exactly
// what Add gives on the same orders one by one, errors included, over
// several batches that share dictionaries or not, with all time or a
// period, FirstOrders and RepurchaseByDays; and that summarizers built
// from batches merge into the direct summary.
func TestAddOrdersMatchesAdd(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
	rapid.Check(t, func(t *rapid.T) {
		orders, _ := genOddOrders(t)
		p := nov
		if rapid.Bool().Draw(t, "allTime") {
			p = metrics.Period{}
		}
		opts := metrics.Options{RepurchaseByDays: rapid.Bool().Draw(t, "byDays")}
		if rapid.Bool().Draw(t, "history") {
			opts.FirstOrders = map[string]time.Time{"a": time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC), "c": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		}
		direct := metrics.Summarizer{Period: p, Options: opts}
		var wantErr []string
		for _, o := range orders {
			wantErr = append(wantErr, errorLines(direct.Add(o))...)
		}
		bs := batches(t, orders)
		var cols metrics.Summarizer
		cols.Period, cols.Options = p, opts
		var gotErr []string
		var parts []*metrics.Summarizer
		for _, b := range bs {
			gotErr = append(gotErr, errorLines(cols.AddOrders(b))...)
			part := &metrics.Summarizer{Period: p, Options: opts}
			if err := part.AddOrders(b); err != nil && !errors.Is(err, metrics.ErrInvalid) {
				t.Fatalf("AddOrders: %v is not ErrInvalid", err)
			}
			parts = append(parts, part)
		}
		if diff := cmp.Diff(wantErr, gotErr); diff != "" {
			t.Fatalf("errors (-Add +AddOrders):\n%s", diff)
		}
		want := direct.Result()
		if diff := cmp.Diff(want, cols.Result(), cmpCurrency); diff != "" {
			t.Fatalf("AddOrders != Add (-want +got):\n%s", diff)
		}
		merged := metrics.Summarizer{Period: p, Options: opts}
		for _, part := range parts {
			if err := merged.Merge(part); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(want, merged.Result(), cmpCurrency); diff != "" {
			t.Fatalf("merge of batches != direct (-want +got):\n%s", diff)
		}
	})
}

// TestSummarizeOrdersMatchesSummarize checks SummarizeOrders against
// Summarize on one batch with refunds, errors included.
func TestSummarizeOrdersMatchesSummarize(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds := genOddOrders(t)
		if len(orders) > 1 && rapid.Bool().Draw(t, "duplicateID") {
			orders[1].ID = orders[0].ID // refunds go to the last order of an ID
		}
		opts := metrics.Options{RepurchaseByDays: rapid.Bool().Draw(t, "byDays")}
		want, wantErr := metrics.Summarize(nov, slices.Values(orders), slices.Values(refunds), opts)
		var b metrics.Orders
		for _, o := range orders {
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
		}
		got, gotErr := metrics.SummarizeOrders(nov, &b, slices.Values(refunds), opts)
		if diff := cmp.Diff(errorLines(wantErr), errorLines(gotErr)); diff != "" {
			t.Fatalf("errors (-Summarize +SummarizeOrders):\n%s", diff)
		}
		if diff := cmp.Diff(want, got, cmpCurrency); diff != "" {
			t.Fatalf("SummarizeOrders != Summarize (-want +got):\n%s", diff)
		}
	})
}

// TestAddOrdersBadPeriod checks that an inverted period adds nothing.
func TestAddOrdersBadPeriod(t *testing.T) {
	orders, _ := exampleStore()
	var b metrics.Orders
	for _, o := range orders {
		if err := b.Append(o); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	s := metrics.Summarizer{Period: metrics.Period{Start: at, End: at}}
	if err := s.AddOrders(&b); !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("AddOrders with an empty period: %v, want ErrConfig", err)
	}
	if got := s.Result(); len(got) != 0 {
		t.Fatalf("AddOrders with an empty period counted %v", got)
	}
	if _, err := metrics.SummarizeOrders(metrics.Period{Start: at, End: at}, &b, nil, metrics.Options{}); !errors.Is(err, metrics.ErrConfig) {
		t.Fatalf("SummarizeOrders with an empty period: %v, want ErrConfig", err)
	}
	var empty metrics.Summarizer
	if err := empty.AddOrders(&metrics.Orders{}); err != nil || len(empty.Result()) != 0 {
		t.Fatalf("AddOrders of an empty batch: %v, %v", err, empty.Result())
	}
}
