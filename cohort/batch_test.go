package cohort

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// genBatchOrders draws orders for the batch tests: up to 10 customers
// and guests, one to three lines or none, orders that AddOrders takes on
// its fast path and every kind it must hand to Add's code: amounts beyond
// minor units, the zero Money, another currency, no PlacedAt, invalid
// quantities and discounts, same-instant first orders (ties go to the
// smaller order ID), cancelled and guest orders.
func genBatchOrders(t *rapid.T) []metrics.Order {
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	n := rapid.IntRange(0, 60).Draw(t, "orders")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]metrics.Order, n)
	for i := range out {
		cur := cny
		if rapid.IntRange(0, 19).Draw(t, "usd") == 0 {
			cur = usd
		}
		amount := func(label string, lo, hi int64) money.Money {
			v := rapid.Int64Range(lo, hi).Draw(t, label)
			switch rapid.IntRange(0, 19).Draw(t, label+" kind") {
			case 0: // beyond minor units
				m, err := cur.FromDecimal(decimal.New(v*10+5, -3))
				if err != nil {
					t.Fatal(err)
				}
				return m
			case 1: // the zero Money, 0 in any currency
				return money.Money{}
			case 2: // whole minor units, another representation
				m, err := cur.FromDecimal(decimal.New(v*10, -3))
				if err != nil {
					t.Fatal(err)
				}
				return m
			}
			return cur.FromMinor(v)
		}
		lines := make([]metrics.Line, rapid.IntRange(0, 3).Draw(t, "lines"))
		for k := range lines {
			lines[k] = metrics.Line{
				SKU:       rapid.SampledFrom([]string{"a", "b", "c"}).Draw(t, "sku"),
				Category:  rapid.SampledFrom([]string{"tea", "cups", ""}).Draw(t, "category"),
				Quantity:  rapid.Int64Range(-1, 3).Draw(t, "qty"), // 0 and -1 are invalid
				UnitPrice: amount("price", 0, 5000),
				Discount:  amount("line discount", 0, 300),
				UnitCost:  amount("cost", 0, 2500),
			}
		}
		st := rapid.SampledFrom([]metrics.OrderStatus{metrics.Paid, metrics.Paid, metrics.Paid, metrics.Cancelled, metrics.Placed}).Draw(t, "status")
		at := start.Add(time.Duration(rapid.IntRange(0, 24).Draw(t, "slot")) * 6 * 24 * time.Hour) // few instants: ties
		if rapid.IntRange(0, 29).Draw(t, "no time") == 0 {
			at = time.Time{}
		}
		out[i] = metrics.Order{
			ID:         fmt.Sprintf("o%03d", rapid.IntRange(0, 999).Draw(t, "id")),
			CustomerID: rapid.SampledFrom([]string{"", "c1", "c2", "c3", "c4", "customer-with-a-long-id-5", "c6", "c7", "c8", "c9"}).Draw(t, "customer"),
			PlacedAt:   at, Status: st, Currency: cur,
			Channel:   rapid.SampledFrom([]string{"ads", "search", ""}).Draw(t, "channel"),
			Promotion: rapid.SampledFrom([]string{"spring", ""}).Draw(t, "promotion"),
			Discount:  amount("discount", 0, 500),
			Lines:     lines,
		}
	}
	return out
}

// feedBatches adds orders to l in runs of random length, each run through
// a batch sharing the dictionaries of the batches before it, a batch of
// its own dictionaries, Add, AddAll, or AddNumbered with customer numbers
// of a dictionary shared by the runs or of the run's own, and returns the
// error messages.
func feedBatches(t *rapid.T, l *Ledger, orders []metrics.Order, modes []string) []string {
	var shared metrics.Orders
	shared.Init()
	var numbers metrics.Dict // the customer numbers of the "numbered" runs
	var errs []string
	for len(orders) > 0 {
		k := rapid.IntRange(1, len(orders)).Draw(t, "run")
		run := orders[:k]
		orders = orders[k:]
		mode := rapid.SampledFrom(modes).Draw(t, "mode")
		var err error
		switch mode {
		case "shared", "own":
			b := metrics.Orders{}
			if mode == "shared" {
				b = metrics.Orders{CustomerIDs: shared.CustomerIDs, Channels: shared.Channels, Promotions: shared.Promotions,
					Carriers: shared.Carriers, Regions: shared.Regions, SKUs: shared.SKUs, Names: shared.Names, Categories: shared.Categories}
			}
			for _, o := range run {
				if err := b.Append(o); err != nil {
					t.Fatal(err)
				}
			}
			err = l.AddOrders(&b)
		case "add":
			for _, o := range run {
				if e := l.Add(o); e != nil {
					errs = append(errs, e.Error())
				}
			}
		case "all":
			err = l.AddAll(run)
		case "numbered", "numbered-own":
			d := &numbers
			if mode == "numbered-own" {
				d = new(metrics.Dict)
			}
			for i := range run {
				o := &run[i]
				num := int32(-1)
				if o.CustomerID != "" {
					num = d.Index(o.CustomerID)
				}
				if e := l.AddNumbered(o, d, num); e != nil {
					errs = append(errs, e.Error())
				}
			}
		}
		errs = append(errs, errorList(err)...)
	}
	return errs
}

// errorList returns the messages of the errors joined in err.
func errorList(err error) []string {
	if err == nil {
		return nil
	}
	if _, ok := err.(*OrderError); ok {
		return []string{err.Error()}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range j.Unwrap() {
			out = append(out, errorList(e)...)
		}
		return out
	}
	return []string{err.Error()}
}

// batchAnalyses is analyses with the ledger's counts and every cohort key.
func batchAnalyses(l *Ledger, cfg RetentionConfig) []any {
	c, g := l.Skipped()
	out := []any{l.Customers(), l.Orders(), c, g, l.Currency().Code()}
	for _, by := range []By{ByChannel, ByCategory, ByPromotion, ByKey} {
		out = append(out, l.mustRetention(RetentionConfig{By: by}))
	}
	return append(out, analyses(l, cfg)...)
}

// newLedgers returns two empty ledgers of one random location and Key.
func newLedgers(t *rapid.T) (*Ledger, *Ledger) {
	loc := rapid.SampledFrom([]*time.Location{nil, time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("X", -11*3600-1800)}).Draw(t, "location")
	var key func(metrics.Order) string
	if rapid.Bool().Draw(t, "key") {
		key = func(o metrics.Order) string { return o.ID[:2] + o.Channel }
	}
	return &Ledger{Location: loc, Key: key}, &Ledger{Location: loc, Key: key}
}

// TestPropAddOrders: a ledger fed batches (sharing dictionaries or not,
// mixed with Add, AddAll and AddNumbered) or fed AddNumbered alone equals
// one fed the same orders with Add, one by one: every analysis, the counts
// and the errors.
func TestPropAddOrders(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genBatchOrders(t)
		want, got := newLedgers(t)
		var wantErrs []string
		for _, o := range orders {
			if err := want.Add(o); err != nil {
				wantErrs = append(wantErrs, err.Error())
			}
		}
		modes := [][]string{{"shared"}, {"own"}, {"numbered"}, {"shared", "own", "add", "all", "numbered", "numbered-own"}}[rapid.IntRange(0, 3).Draw(t, "modes")]
		gotErrs := feedBatches(t, got, orders, modes)
		if diff := cmp.Diff(wantErrs, gotErrs); diff != "" {
			t.Fatalf("errors (-Add +AddOrders):\n%s", diff)
		}
		cfg := genRetentionConfig(t)
		if diff := cmp.Diff(batchAnalyses(want, cfg), batchAnalyses(got, cfg), opts); diff != "" {
			t.Fatalf("analyses (-Add +AddOrders):\n%s", diff)
		}
		// The ledgers stay alike when more orders come by ID after
		// batches (the customers AddOrders created must be found).
		more := genBatchOrders(t)
		for _, o := range more {
			e1, e2 := want.Add(o), got.Add(o)
			if fmt.Sprint(e1) != fmt.Sprint(e2) {
				t.Fatalf("Add after batches: %v, want %v", e2, e1)
			}
		}
		if diff := cmp.Diff(batchAnalyses(want, cfg), batchAnalyses(got, cfg), opts); diff != "" {
			t.Fatalf("analyses after more Adds (-Add +AddOrders):\n%s", diff)
		}
	})
}

// TestPropMergeBatches: ledgers of shards built from batches, merged,
// equal one ledger of all the orders built with Add.
func TestPropMergeBatches(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genBatchOrders(t)
		direct, merged := newLedgers(t)
		for _, o := range orders {
			_ = direct.Add(o) // invalid orders are left out of both; the errors are TestPropAddOrders'
		}
		for len(orders) > 0 {
			k := rapid.IntRange(1, len(orders)).Draw(t, "shard")
			shard := &Ledger{Location: direct.Location, Key: direct.Key}
			feedBatches(t, shard, orders[:k], []string{"shared", "own", "numbered"})
			orders = orders[k:]
			if err := merged.Merge(shard); err != nil {
				if !errors.Is(err, metrics.ErrIncompatible) {
					t.Fatal(err)
				}
				t.Skip("shards of different currencies") // Merge refuses them, rightly
			}
		}
		cfg := genRetentionConfig(t)
		if diff := cmp.Diff(batchAnalyses(direct, cfg), batchAnalyses(merged, cfg), opts); diff != "" {
			t.Fatalf("(-direct +merged):\n%s", diff)
		}
	})
}

// TestAddOrdersErrors: the errors of a batch's bad orders name them, wrap
// ErrInvalidOrder (and the money sentinels), and leave the rest added.
func TestAddOrdersErrors(t *testing.T) {
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	good := order("1", "a", "2025-01-05", 100, "ads")
	tests := []struct {
		name   string
		reason string
		order  metrics.Order
		want   string
		is     error
	}{
		{"quantity", "a line of no units", func() metrics.Order {
			o := order("2", "b", "2025-01-06", 50, "ads")
			o.Lines[0].Quantity = 0
			return o
		}(), `cohort: order "2": line 1 (SKU "S"): quantity 0 is not positive`, ErrInvalidOrder},
		{"currency", "the ledger holds CNY from order 1", func() metrics.Order {
			o := order("3", "b", "2025-01-06", 50, "ads")
			o.Currency = usd
			for k := range o.Lines {
				o.Lines[k].UnitPrice, o.Lines[k].UnitCost = usd.FromMinor(100), usd.FromMinor(50)
			}
			return o
		}(), `cohort: order "3": currency USD, the ledger holds CNY`, money.ErrCurrencyMismatch},
		{"no time", "PlacedAt is NoTime in the batch", func() metrics.Order {
			o := order("4", "b", "2025-01-06", 50, "ads")
			o.PlacedAt = time.Time{}
			return o
		}(), `cohort: order "4": no PlacedAt`, ErrInvalidOrder},
		{"discount", "a negative order discount", func() metrics.Order {
			o := order("5", "b", "2025-01-06", 50, "ads")
			o.Discount = cny.FromMinor(-1)
			return o
		}(), `cohort: order "5": negative order discount CNY -0.01`, ErrInvalidOrder},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b metrics.Orders
			for _, o := range []metrics.Order{good, tt.order, order("9", "c", "2025-02-01", 30, "ads")} {
				if err := b.Append(o); err != nil {
					t.Fatal(err)
				}
			}
			var l Ledger
			err := l.AddOrders(&b)
			var oe *OrderError
			if !errors.As(err, &oe) || !errors.Is(err, tt.is) || !errors.Is(err, ErrInvalidOrder) {
				t.Fatalf("%s: error %v, want an *OrderError wrapping %v", tt.reason, err, tt.is)
			}
			if got := err.Error(); !strings.HasPrefix(got, tt.want) {
				t.Errorf("%s: error %q, want it to start %q", tt.reason, got, tt.want)
			}
			if l.Orders() != 2 || l.Customers() != 2 {
				t.Errorf("%s: %d orders of %d customers added, want the other 2 of 2", tt.reason, l.Orders(), l.Customers())
			}
		})
	}
}

// TestAddOrdersMalformed: a batch whose columns disagree is refused with
// a *metrics.BatchError naming the column, before the ledger or an
// Activity changes.
func TestAddOrdersMalformed(t *testing.T) {
	tests := []struct {
		name, reason, want string
		spoil              func(b *metrics.Orders)
	}{
		{"short column", "a column with a row missing", "Tax", func(b *metrics.Orders) { b.Tax.Minor = b.Tax.Minor[:1] }},
		{"customer number", "a number past the dictionary", "Customer", func(b *metrics.Orders) { b.Customer[1] = 99 }},
		{"line starts", "lines of order 0 ending before they start", "LineStart", func(b *metrics.Orders) { b.LineStart[1] = 5 }},
		{"currency", "a currency code past Currencies", "Currency", func(b *metrics.Orders) { b.Currency[0] = 3 }},
		{"channel", "a channel number past the dictionary, a column only an order off the fast path reads", "Channel", func(b *metrics.Orders) { b.Channel[1] = 99 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b metrics.Orders
			for _, o := range handStore()[:2] {
				if err := b.Append(o); err != nil {
					t.Fatal(err)
				}
			}
			tt.spoil(&b)
			var l Ledger
			err := l.AddOrders(&b)
			var be *metrics.BatchError
			if !errors.As(err, &be) || !errors.Is(err, metrics.ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: Ledger: %v, want a *metrics.BatchError naming %s", tt.reason, err, tt.want)
			}
			if l.Orders() != 0 || l.Customers() != 0 {
				t.Errorf("%s: the ledger changed", tt.reason)
			}
			var a Activity
			if err := a.AddOrders(&b); !errors.Is(err, metrics.ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s: Activity: %v, want a *metrics.BatchError naming %s", tt.reason, err, tt.want)
			}
			if a.Orders() != 0 || a.Customers() != 0 {
				t.Errorf("%s: the Activity changed", tt.reason)
			}
		})
	}
}

// TestAddOrdersManyDictionaries: batches of more dictionaries than the
// ledger keeps remaps for, the first one's coming back after it was
// dropped, find the customers the earlier batches created.
func TestAddOrdersManyDictionaries(t *testing.T) {
	orders := handStore()
	var want, got Ledger
	for _, o := range orders {
		if err := want.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	var first metrics.Orders
	if err := first.Append(orders[0]); err != nil {
		t.Fatal(err)
	}
	if err := got.AddOrders(&first); err != nil {
		t.Fatal(err)
	}
	for _, o := range orders[1 : len(orders)-1] { // one batch of its own dictionaries each
		var b metrics.Orders
		if err := b.Append(o); err != nil {
			t.Fatal(err)
		}
		if err := got.AddOrders(&b); err != nil {
			t.Fatal(err)
		}
	}
	if ds := got.remaps.Dicts(); len(ds) != maxRemaps || slices.Contains(ds, first.CustomerIDs) {
		t.Fatalf("%d remaps, the first batch's among them: the test needs it dropped", len(ds))
	}
	first.Reset()
	if err := first.Append(orders[len(orders)-1]); err != nil { // customer a, in the first dictionary
		t.Fatal(err)
	}
	if err := got.AddOrders(&first); err != nil {
		t.Fatal(err)
	}
	cfg := RetentionConfig{}
	if diff := cmp.Diff(analyses(&want, cfg), analyses(&got, cfg), opts); diff != "" {
		t.Errorf("(-Add +AddOrders):\n%s", diff)
	}
	if got.Customers() != 3 {
		t.Errorf("%d customers, want 3", got.Customers())
	}
}
