package cohort

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// genActivityOrders draws the batch tests' orders (see genBatchOrders),
// some of them moved by up to 12 years either way for months, 480 days
// (68 weeks) for weeks or 120 days for days, so that a customer's
// periods span more than the 31 of a customer's bitmask, and the
// Ledger's matrix stays small enough to check often.
func genActivityOrders(t *rapid.T, g metrics.Grain) []metrics.Order {
	orders := genBatchOrders(t)
	if rapid.Bool().Draw(t, "far") {
		for i := range orders {
			k := rapid.IntRange(-12, 12).Draw(t, "far periods")
			if k == 0 || orders[i].PlacedAt.IsZero() || rapid.IntRange(0, 3).Draw(t, "move") != 0 {
				continue
			}
			switch g {
			case metrics.Day:
				orders[i].PlacedAt = orders[i].PlacedAt.AddDate(0, 0, 10*k)
			case metrics.Week:
				orders[i].PlacedAt = orders[i].PlacedAt.AddDate(0, 0, 40*k)
			default:
				orders[i].PlacedAt = orders[i].PlacedAt.AddDate(k, 0, 0)
			}
		}
	}
	return orders
}

// newActivity returns an empty Activity of a random location and grain,
// and an empty Ledger of the same location.
func newActivity(t *rapid.T) (*Activity, *Ledger) {
	loc := rapid.SampledFrom([]*time.Location{nil, time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("X", -11*3600-1800)}).Draw(t, "location")
	g := rapid.SampledFrom([]metrics.Grain{metrics.Custom, metrics.Day, metrics.Week, metrics.Month}).Draw(t, "grain")
	return &Activity{Location: loc, Grain: g}, &Ledger{Location: loc}
}

// feedActivity adds orders to a in runs of random length, each run through
// a batch sharing the dictionaries of the batches before it, a batch of
// its own dictionaries, or Add, and returns the error messages.
func feedActivity(t *rapid.T, a *Activity, orders []metrics.Order, modes []string) []string {
	var shared metrics.Orders
	shared.Init()
	var errs []string
	for len(orders) > 0 {
		k := rapid.IntRange(1, len(orders)).Draw(t, "run")
		run := orders[:k]
		orders = orders[k:]
		switch mode := rapid.SampledFrom(modes).Draw(t, "mode"); mode {
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
			errs = append(errs, errorList(a.AddOrders(&b))...)
		case "add":
			for _, o := range run {
				if err := a.Add(o); err != nil {
					errs = append(errs, err.Error())
				}
			}
		}
	}
	return errs
}

var activityModes = [][]string{{"shared"}, {"own"}, {"add"}, {"shared", "own", "add"}}

// countsOf returns what an Activity's matrix holds of m: m without
// orders, amounts and currency.
func countsOf(m *Matrix) *Matrix {
	out := *m
	out.Currency = money.Currency{}
	out.CountsOnly = true
	out.Rows = slices.Clone(m.Rows)
	for i := range out.Rows {
		r := &out.Rows[i]
		r.Cells = slices.Clone(r.Cells)
		for n := range r.Cells {
			c := &r.Cells[n]
			*c = Cell{Observed: c.Observed, Complete: c.Complete, Eligible: c.Eligible, Active: c.Active, Retention: c.Retention}
		}
	}
	return &out
}

// activityAnalyses is what an Activity gives: its counts and currency,
// and its matrix of cfg.
func activityAnalyses(t *rapid.T, a *Activity, cfg RetentionConfig) []any {
	c, g := a.Skipped()
	m, err := a.Retention(cfg)
	if err != nil {
		t.Fatalf("Retention(%+v): %v", cfg, err)
	}
	return []any{a.Customers(), a.Orders(), c, g, a.Currency().Code(), m}
}

// ledgerAnalyses is activityAnalyses of the ledger, the matrix without
// what an Activity does not hold.
func ledgerAnalyses(l *Ledger, cfg RetentionConfig) []any {
	c, g := l.Skipped()
	return []any{l.Customers(), l.Orders(), c, g, l.Currency().Code(), countsOf(l.mustRetention(cfg))}
}

// genActivityConfig draws a configuration that an Activity of grain g,
// whose last order is on day last, can answer: either Kind, and an as-of
// day that is zero, the last day of a period, or a day after the last.
func genActivityConfig(t *rapid.T, g metrics.Grain, loc *time.Location, last int64) RetentionConfig {
	cfg := RetentionConfig{Grain: g, Kind: rapid.SampledFrom([]Kind{On, OnOrAfter}).Draw(t, "kind")}
	if loc == nil {
		loc = time.UTC
	}
	switch rapid.IntRange(0, 2).Draw(t, "as of") {
	case 1: // the end of a period around the data's
		p := index(last, checkedGrain(g)) + int64(rapid.IntRange(-30, 3).Draw(t, "as-of period"))
		cfg.AsOf = dayTime(startDay(p+1, checkedGrain(g))-1, loc).Add(time.Duration(rapid.IntRange(0, 23).Draw(t, "hour")) * time.Hour)
	case 2: // after the last order
		cfg.AsOf = dayTime(last+int64(rapid.IntRange(0, 100).Draw(t, "days after")), loc)
	}
	return cfg
}

func checkedGrain(g metrics.Grain) metrics.Grain {
	if g == metrics.Custom {
		return metrics.Month
	}
	return g
}

// TestPropActivityEqualsLedger: an Activity fed batches (sharing
// dictionaries or not, mixed with Add) gives the Ledger's errors, counts
// and retention matrix (but its amounts) for the same orders, for every
// grain, location, kind and as-of day it answers; and again after more
// orders come one by one.
func TestPropActivityEqualsLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, l := newActivity(t)
		orders := genActivityOrders(t, a.Grain)
		var wantErrs []string
		for _, o := range orders {
			if err := l.Add(o); err != nil {
				wantErrs = append(wantErrs, err.Error())
			}
		}
		gotErrs := feedActivity(t, a, orders, rapid.SampledFrom(activityModes).Draw(t, "modes"))
		if diff := cmp.Diff(wantErrs, gotErrs); diff != "" {
			t.Fatalf("errors (-Ledger +Activity):\n%s", diff)
		}
		cfg := genActivityConfig(t, a.Grain, a.Location, l.lastDay)
		if diff := cmp.Diff(ledgerAnalyses(l, cfg), activityAnalyses(t, a, cfg), opts); diff != "" {
			t.Fatalf("%+v (-Ledger +Activity):\n%s", cfg, diff)
		}
		for _, o := range genActivityOrders(t, a.Grain) {
			e1, e2 := l.Add(o), a.Add(o)
			if fmt.Sprint(e1) != fmt.Sprint(e2) {
				t.Fatalf("Add after batches: %v, want %v", e2, e1)
			}
		}
		cfg = genActivityConfig(t, a.Grain, a.Location, l.lastDay)
		if diff := cmp.Diff(ledgerAnalyses(l, cfg), activityAnalyses(t, a, cfg), opts); diff != "" {
			t.Fatalf("after more Adds, %+v (-Ledger +Activity):\n%s", cfg, diff)
		}
	})
}

// activityState is what an Activity holds, independent of its storage:
// each customer's periods, its counts, currency and last day.
type activityState struct {
	Periods                   map[string][]int32
	Cancelled, Guests, Orders int64
	Customers                 int
	Currency                  string
	LastDay                   int64
	HasDay                    bool
	Location                  string
	Grain                     metrics.Grain
}

func stateOf(a *Activity) activityState {
	g, _ := a.grain()
	s := activityState{Periods: map[string][]int32{}, Cancelled: a.cancelled, Guests: a.guests, Orders: a.orders,
		Customers: a.customers, Currency: a.cur.Code(), LastDay: a.lastDay, HasDay: a.hasDay, Location: a.loc().String(), Grain: g}
	for i := range a.cs {
		if a.cs[i].mask == 0 {
			continue
		}
		a.periods(i, func(p int32) bool { s.Periods[a.id(i)] = append(s.Periods[a.id(i)], p); return true })
	}
	return s
}

// roundTrip returns an Activity decoded from a's encoding, into one of
// a's Location and Grain or into a zero one.
func roundTrip(t interface{ Fatal(...any) }, a *Activity, zero bool) *Activity {
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	out := &Activity{Location: a.Location, Grain: a.Grain}
	if zero {
		out = &Activity{}
		if a.Location != nil && a.Location != time.UTC {
			out.Location = a.Location // fixed zones cannot be loaded by name
		}
	}
	if err := out.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPropActivityMerge: Activities of random shards of the orders (a
// customer's orders in several shards), each fed batches and rows, merged
// in random order, directly or through their encodings, equal one
// Activity of all the orders: what it holds, and its matrix.
func TestPropActivityMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		// One currency: shards whose first valid orders are in different
		// currencies do not merge (TestActivityConfigErrors).
		direct, _ := newActivity(t)
		orders := slices.DeleteFunc(genActivityOrders(t, direct.Grain), func(o metrics.Order) bool { return o.Currency.Code() != "CNY" })
		modes := rapid.SampledFrom(activityModes).Draw(t, "modes")
		feedActivity(t, direct, orders, modes)
		shards := make([][]metrics.Order, rapid.IntRange(1, 4).Draw(t, "shards"))
		for _, o := range orders {
			k := rapid.IntRange(0, len(shards)-1).Draw(t, "shard")
			shards[k] = append(shards[k], o)
		}
		parts := make([]*Activity, len(shards))
		for k := range shards {
			parts[k] = &Activity{Location: direct.Location, Grain: direct.Grain}
			feedActivity(t, parts[k], shards[k], modes)
			if rapid.Bool().Draw(t, "encode") {
				parts[k] = roundTrip(t, parts[k], rapid.Bool().Draw(t, "into zero"))
				parts[k].Grain = direct.Grain
			}
		}
		perm := rapid.Permutation(parts).Draw(t, "merge order")
		merged := perm[0]
		for _, p := range perm[1:] {
			before := stateOf(p)
			if err := merged.Merge(p); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, stateOf(p)); diff != "" {
				t.Fatalf("Merge changed its argument (-before +after):\n%s", diff)
			}
		}
		want, got := stateOf(direct), stateOf(merged)
		if len(orders) == 0 || want.Orders == 0 {
			want.Currency, got.Currency = "", "" // no valid order: a shard's failed orders set nothing
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("(-direct +merged):\n%s", diff)
		}
		cfg := genActivityConfig(t, direct.Grain, direct.Location, direct.lastDay)
		wm, err1 := direct.Retention(cfg)
		gm, err2 := merged.Retention(cfg)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if diff := cmp.Diff(wm, gm, opts); diff != "" {
			t.Fatalf("matrix (-direct +merged):\n%s", diff)
		}
		// The encoding is canonical: it does not depend on how the
		// Activity was built.
		b1, _ := direct.MarshalBinary()
		b2, _ := merged.MarshalBinary()
		if want.Currency == got.Currency && string(b1) != string(b2) {
			t.Fatalf("encodings differ:\n%x\n%x", b1, b2)
		}
	})
}

// TestActivityBinaryCorrupt: every truncation of an encoding, a wrong
// version and bytes changed where they break an invariant are errors
// wrapping metrics.ErrCorrupt, and leave the Activity unchanged.
func TestActivityBinaryCorrupt(t *testing.T) {
	var a Activity
	for _, o := range handStore() {
		if err := a.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	far := order("8", "a", "2035-01-05", 10, "ads") // 120 months on: an overflow period
	if err := a.Add(far); err != nil {
		t.Fatal(err)
	}
	good, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) {
		t.Helper()
		var x Activity
		if err := x.Add(order("9", "z", "2025-01-01", 1, "ads")); err != nil {
			t.Fatal(err)
		}
		before := stateOf(&x)
		err := x.UnmarshalBinary(data)
		if !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt", name, err)
		}
		if diff := cmp.Diff(before, stateOf(&x)); diff != "" {
			t.Errorf("%s: the Activity changed (-before +after):\n%s", name, diff)
		}
	}
	for n := range len(good) {
		check(fmt.Sprintf("truncated to %d bytes", n), good[:n])
	}
	check("trailing byte", append(slices.Clone(good), 0))
	for _, v := range []byte{1, 3} {
		bad := slices.Clone(good)
		bad[0] = v
		check(fmt.Sprintf("version %d", v), bad)
	}
	// Byte by byte: a change either fails or decodes to a valid Activity
	// (some other state), whose encoding decodes to the same state. (A
	// varint may decode from a longer form than it encodes to.)
	for i := range good {
		for _, v := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			if good[i] == v {
				continue
			}
			data := slices.Clone(good)
			data[i] = v
			var x Activity
			if err := x.UnmarshalBinary(data); err != nil {
				continue
			}
			if diff := cmp.Diff(stateOf(&x), stateOf(roundTrip(t, &x, false))); diff != "" {
				t.Errorf("byte %d = %#x decodes, but not again (-decoded +again):\n%s", i, v, diff)
			}
		}
	}
	var x Activity
	if err := x.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stateOf(&a), stateOf(&x)); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// FuzzActivityBinary: decoding any bytes gives an error or an Activity
// whose encoding decodes to the same Activity, whose Retention answers.
func FuzzActivityBinary(f *testing.F) {
	var a Activity
	for _, o := range append(handStore(), order("8", "a", "2035-01-05", 10, "ads"), order("9", "b", "2019-03-05", 10, "ads")) {
		if err := a.Add(o); err != nil {
			f.Fatal(err)
		}
	}
	good, err := a.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	var empty Activity
	e, _ := empty.MarshalBinary()
	f.Add(e)
	f.Fuzz(func(t *testing.T, data []byte) {
		var x Activity
		if err := x.UnmarshalBinary(data); err != nil {
			return
		}
		y := roundTrip(t, &x, false)
		if diff := cmp.Diff(stateOf(&x), stateOf(y)); diff != "" {
			t.Fatalf("(-decoded +again):\n%s", diff)
		}
		if _, err := x.Retention(RetentionConfig{Grain: x.Grain}); err != nil && !strings.Contains(err.Error(), "2^31 cells") {
			t.Fatal(err)
		}
	})
}

// TestActivityConfigErrors: what an Activity cannot answer, or a grain
// that is not Day, Week or Month, is a *metrics.ConfigError of the field.
func TestActivityConfigErrors(t *testing.T) {
	var a Activity // months
	for _, o := range handStore() {
		if err := a.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	mid := time.Date(2025, 3, 15, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name   string
		cfg    RetentionConfig
		fields []string
	}{
		{"by channel", RetentionConfig{By: ByChannel}, []string{"RetentionConfig.By"}},
		{"rolling", RetentionConfig{Window: Rolling}, []string{"RetentionConfig.Window"}},
		{"weeks of months", RetentionConfig{Grain: metrics.Week}, []string{"RetentionConfig.Grain"}},
		{"years", RetentionConfig{Grain: metrics.Year}, []string{"RetentionConfig.Grain"}},
		{"kind", RetentionConfig{Kind: 7}, []string{"RetentionConfig.Kind"}},
		{"as of mid-March, orders in April", RetentionConfig{AsOf: mid}, []string{"RetentionConfig.AsOf"}},
		{"all of them", RetentionConfig{By: ByKey, Window: Rolling, Kind: 2, AsOf: mid},
			[]string{"RetentionConfig.Kind", "RetentionConfig.Window", "RetentionConfig.By", "RetentionConfig.AsOf"}},
	} {
		m, err := a.Retention(c.cfg)
		var got []string
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				var ce *metrics.ConfigError
				if errors.As(e, &ce) {
					got = append(got, ce.Field)
				}
			}
		}
		if m != nil || !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("%s: %v, %v; want no matrix and a config error", c.name, m, err)
		}
		if diff := cmp.Diff(c.fields, got); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", c.name, diff)
		}
	}
	// The end of March is a period's last day: whole months, April's
	// order left out.
	if _, err := a.Retention(RetentionConfig{AsOf: time.Date(2025, 3, 31, 23, 0, 0, 0, time.UTC)}); err != nil {
		t.Errorf("as of 31 March: %v", err)
	}
	bad := Activity{Grain: metrics.Year}
	if err := bad.Add(handStore()[0]); !errors.Is(err, metrics.ErrConfig) || bad.Orders() != 0 {
		t.Errorf("Add with grain Year: %v, %d orders; want a config error and none", err, bad.Orders())
	}
	a.Grain = metrics.Day
	if err := a.Add(handStore()[0]); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("Add after the grain changed: %v, want a config error", err)
	}
	a.Grain = metrics.Month
	if err := a.Merge(&a); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge with itself: %v", err)
	}
	days := Activity{Grain: metrics.Day}
	if err := days.Add(handStore()[0]); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&days); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of months and days: %v", err)
	}
	shanghai := Activity{Location: time.FixedZone("CST", 8*3600)}
	if err := a.Merge(&shanghai); !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("Merge of UTC and CST: %v", err)
	}
	usd := Activity{}
	o := handStore()[0]
	usdCur := money.MustCurrency("USD")
	o.Currency, o.Lines[0].UnitPrice, o.Lines[0].UnitCost = usdCur, usdCur.FromMinor(100), usdCur.FromMinor(50)
	if err := usd.Add(o); err != nil {
		t.Fatal(err)
	}
	if err := a.Merge(&usd); !errors.Is(err, money.ErrCurrencyMismatch) {
		t.Errorf("Merge of CNY and USD: %v", err)
	}
	if err := a.Add(o); !errors.Is(err, ErrInvalidOrder) || !strings.Contains(err.Error(), `order "1"`) {
		t.Errorf("Add of a USD order to CNY: %v", err)
	}
}

// TestPropMinorValid: on a batch without Exact amounts, minorValid agrees
// with minorValue, on which the Ledger's fast path rests.
func TestPropMinorValid(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var b metrics.Orders
		for _, o := range genBatchOrders(t) {
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
		}
		for _, a := range []*metrics.Amounts{&b.Discount, &b.UnitPrice, &b.LineDiscount, &b.UnitCost} {
			a.Exact = nil // what minorValid reads: the Minor columns
		}
		for i := range b.Len() {
			_, _, _, want := minorValue(&b, i, b.Currencies[b.Currency[i]])
			if got := minorValid(&b, i); got != want {
				t.Fatalf("order %d: minorValid %v, minorValue %v", i, got, want)
			}
		}
	})
}

// TestPropActivityPeriods: a customer's periods, added in any order
// around the 31 of the bitmask's window (and on its edges), are the set
// added, whatever moves to the overflow list and back, and merging two
// customers' periods gives the union.
func TestPropActivityPeriods(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var a, b Activity
		a.customerOf("c") // customer 0, with no periods yet
		b.customerOf("c")
		model := map[int32]bool{}
		for _, x := range []*Activity{&a, &b} {
			for range rapid.IntRange(1, 12).Draw(t, "n") {
				// Periods near multiples of the window, where bits move.
				p := int32(rapid.IntRange(-3, 3).Draw(t, "windows")*window + rapid.IntRange(-2, 2).Draw(t, "edge"))
				x.addPeriod(0, p)
				if x == &a {
					model[p] = true
				}
			}
		}
		var got []int32
		a.periods(0, func(p int32) bool { got = append(got, p); return true })
		want := slices.Sorted(maps.Keys(model))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("periods (-added +held):\n%s", diff)
		}
		b.periods(0, func(p int32) bool { model[p] = true; return true })
		if err := a.Merge(&b); err != nil {
			t.Fatal(err)
		}
		got = got[:0]
		a.periods(0, func(p int32) bool { got = append(got, p); return true })
		if diff := cmp.Diff(slices.Sorted(maps.Keys(model)), got); diff != "" {
			t.Fatalf("merged periods (-union +held):\n%s", diff)
		}
	})
}

// TestActivityEmptyCustomerNumber: a batch whose dictionary numbers the
// empty customer ID (as a reader that numbers every cell does) holds
// guest orders under that number, which the Activity skips as the Ledger
// does, directly or not.
func TestActivityEmptyCustomerNumber(t *testing.T) {
	for _, direct := range []bool{true, false} {
		var b metrics.Orders
		for _, o := range handStore() {
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
		}
		b.Customer[1] = b.CustomerIDs.Index("") // order 2, of b
		var a Activity
		var l Ledger
		if !direct {
			if err := a.Add(order("0", "z", "2025-01-02", 5, "ads")); err != nil {
				t.Fatal(err)
			}
			if err := l.Add(order("0", "z", "2025-01-02", 5, "ads")); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.AddOrders(&b); err != nil {
			t.Fatal(err)
		}
		if err := l.AddOrders(&b); err != nil {
			t.Fatal(err)
		}
		c, g := a.Skipped()
		if g != 1 || a.Customers() != l.Customers() || a.Orders() != l.Orders() {
			t.Errorf("direct %v: %d guests, %d customers, %d orders; want 1 and the Ledger's %d, %d", direct, g, a.Customers(), a.Orders(), l.Customers(), l.Orders())
		}
		if lc, lg := l.Skipped(); lc != c || lg != g {
			t.Errorf("direct %v: skipped %d, %d; the Ledger %d, %d", direct, c, g, lc, lg)
		}
		m, err := a.Retention(RetentionConfig{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(countsOf(l.mustRetention(RetentionConfig{})), m, opts); diff != "" {
			t.Errorf("direct %v (-Ledger +Activity):\n%s", direct, diff)
		}
	}
}

// TestActivityTableCountsOnly: an Activity's matrix is CountsOnly, and its
// Table gives the counts and rates but refuses the measures of orders and
// amounts, which it does not know, instead of printing zeros.
func TestActivityTableCountsOnly(t *testing.T) {
	var a Activity
	for i, day := range []int{1, 40, 70} {
		o := metrics.Order{ID: fmt.Sprint("o", i), CustomerID: "c", Currency: money.MustCurrency("CNY"), PlacedAt: time.Date(2025, 1, day, 0, 0, 0, 0, time.UTC),
			Lines: []metrics.Line{{SKU: "s", Quantity: 1, UnitPrice: money.MustNew("10.00", "CNY")}}}
		if err := a.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	m, err := a.Retention(RetentionConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.CountsOnly {
		t.Error("an Activity's matrix is not CountsOnly")
	}
	for v := Measure(0); int(v) < len(measureNames); v++ {
		_, err := m.Table(v)
		if ok := v == Customers || v == Rate; ok != (err == nil) {
			t.Errorf("Table(%v): %v; want a table: %v", v, err, ok)
		}
		if err != nil && !errors.Is(err, metrics.ErrConfig) {
			t.Errorf("Table(%v): %v is not a config error", v, err)
		}
	}
}

// TestActivityBinaryImpossible: encodings of states that no Add makes
// are corrupt: a cohort period before the earliest day an order may have
// (a week of -2^31, which decoded and printed as cohort
// "-41155304-W17": found by review), and more active periods than orders.
func TestActivityBinaryImpossible(t *testing.T) {
	enc := func(orders byte, base int64, mask uint64) []byte {
		b := []byte{2, 3, 'U', 'T', 'C'}
		b = binary.BigEndian.AppendUint64(b, civil.OffsetsDigest(time.UTC))
		b = append(b, byte(metrics.Week), 3, 'C', 'N', 'Y', 0, 0, orders, 1)
		b = binary.AppendVarint(b, 0) // the last day: 1970-01-01
		b = append(b, 1, 1, 'a')      // one customer, "a"
		b = binary.AppendVarint(b, base)
		b = binary.AppendUvarint(b, mask)
		return append(b, 0) // no periods past the mask
	}
	var ok Activity
	if err := ok.UnmarshalBinary(enc(1, 0, 1)); err != nil {
		t.Fatalf("a customer of week 0 with one order: %v", err)
	}
	for name, data := range map[string][]byte{
		"week -2^31":                 enc(1, math.MinInt32, 1),
		"3 active weeks for 1 order": enc(1, -2, 0b111),
	} {
		var x Activity
		if err := x.UnmarshalBinary(data); !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt", name, err)
		}
	}
}
