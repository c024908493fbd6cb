package metrics_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// encode returns s's encoding, failing the test on an error.
func encode(t interface{ Fatal(...any) }, s *metrics.Summarizer) []byte {
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// addShard adds orders to s, some as rows and some in batches, and the
// refunds with their orders; errors are ignored (the same orders give
// the same errors to the direct summary, which TestAddOrdersMatchesAdd
// checks).
func addShard(t *rapid.T, s *metrics.Summarizer, orders []metrics.Order, refunds []metrics.Refund) {
	if rapid.Bool().Draw(t, "asBatches") {
		for _, b := range batches(t, orders) {
			_ = s.AddOrders(b)
		}
	} else {
		for _, o := range orders {
			_ = s.Add(o)
		}
	}
	byID := map[string]metrics.Order{}
	for _, o := range orders {
		byID[o.ID] = o
	}
	for _, r := range refunds {
		_ = s.AddRefund(r, byID[r.OrderID])
	}
}

// TestSummarizerBinaryMerge checks that shards summarised apart, encoded,
// decoded and merged give exactly the direct summary (several currencies,
// guests, refunds, exact amounts past int64 and sub-cent amounts, rows and
// batches, with history and by days), and that a decoded Summarizer
// re-encodes to the same bytes.
func TestSummarizerBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds := genOddOrders(t)
		p := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
		if rapid.Bool().Draw(t, "allTime") {
			p = metrics.Period{}
		}
		opts := metrics.Options{RepurchaseByDays: rapid.Bool().Draw(t, "byDays")}
		if rapid.Bool().Draw(t, "history") {
			opts.FirstOrders = map[string]time.Time{"a": time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC), "c": time.Date(2024, 1, 1, 0, 0, 0, 5, time.UTC)}
		}
		direct := metrics.Summarizer{Period: p, Options: opts}
		for _, o := range orders {
			_ = direct.Add(o)
		}
		byID := map[string]metrics.Order{}
		for _, o := range orders {
			byID[o.ID] = o
		}
		for _, r := range refunds {
			_ = direct.AddRefund(r, byID[r.OrderID])
		}

		shards := rapid.IntRange(1, 4).Draw(t, "shards")
		so := make([][]metrics.Order, shards)
		sr := make([][]metrics.Refund, shards)
		shardOf := map[string]int{}
		for _, o := range orders {
			k := rapid.IntRange(0, shards-1).Draw(t, "shard")
			shardOf[o.ID] = k
			so[k] = append(so[k], o)
		}
		for _, r := range refunds {
			sr[shardOf[r.OrderID]] = append(sr[shardOf[r.OrderID]], r)
		}
		merged := metrics.Summarizer{Period: p, Options: opts}
		for k := range shards {
			part := metrics.Summarizer{Period: p, Options: opts}
			addShard(t, &part, so[k], sr[k])
			enc := encode(t, &part)
			back := metrics.Summarizer{Period: p, Options: opts}
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := encode(t, &back); !bytes.Equal(again, enc) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", enc, again)
			}
			if diff := cmp.Diff(part.Result(), back.Result(), cmpCurrency); diff != "" {
				t.Fatalf("decoded summary (-encoded +decoded):\n%s", diff)
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(direct.Result(), merged.Result(), cmpCurrency); diff != "" {
			t.Fatalf("merge of decoded shards != direct (-want +got):\n%s", diff)
		}
		// A decoded Summarizer takes more orders like the original.
		back := metrics.Summarizer{Period: p, Options: opts}
		if err := back.UnmarshalBinary(encode(t, &merged)); err != nil {
			t.Fatal(err)
		}
		for _, s := range []*metrics.Summarizer{&back, &direct} {
			for _, b := range batches(t, orders) {
				_ = s.AddOrders(b)
			}
		}
		if diff := cmp.Diff(direct.Result(), back.Result(), cmpCurrency); diff != "" {
			t.Fatalf("orders added after decoding (-want +got):\n%s", diff)
		}
	})
}

// TestSummarizerBinaryCanonical checks that equal state encodes alike:
// the same valid orders added in reverse, or as batches, give the same
// bytes.
func TestSummarizerBinaryCanonical(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds := genOrders(t)
		opts := metrics.Options{RepurchaseByDays: rapid.Bool().Draw(t, "byDays")}
		a := metrics.Summarizer{Period: nov, Options: opts}
		summarizeInto(t, &a, orders, refunds)
		rev := slices.Clone(orders)
		slices.Reverse(rev)
		b := metrics.Summarizer{Period: nov, Options: opts}
		for _, bt := range batches(t, rev) {
			if err := b.AddOrders(bt); err != nil {
				t.Fatal(err)
			}
		}
		byID := map[string]metrics.Order{}
		for _, o := range orders {
			byID[o.ID] = o
		}
		for _, r := range refunds {
			if err := b.AddRefund(r, byID[r.OrderID]); err != nil {
				t.Fatal(err)
			}
		}
		if ea, eb := encode(t, &a), encode(t, &b); !bytes.Equal(ea, eb) {
			t.Fatalf("equal summaries encode differently:\n%x\n%x", ea, eb)
		}
	})
}

// binaryStore is a small Summarizer with two currencies, a guest, a
// refund, a first order from history, a sub-cent amount and an amount
// past int64.
func binaryStore(t testing.TB, p metrics.Period, opts metrics.Options) *metrics.Summarizer {
	t.Helper()
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	s := &metrics.Summarizer{Period: p, Options: opts}
	day := func(d int) time.Time { return time.Date(2025, 11, d, 10, 0, 0, 0, time.UTC) }
	orders := []metrics.Order{
		{ID: "1", CustomerID: "alice", PlacedAt: day(3), Channel: "app", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "TEA", Category: "drinks", Quantity: 2, UnitPrice: cny.FromMinor(4400), UnitCost: cny.FromMinor(2000)}}},
		{ID: "2", CustomerID: "alice", PlacedAt: day(9).Add(time.Nanosecond), Channel: "web", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "MUG", Category: "home", Quantity: 1, UnitPrice: money.MustNew("78.005", "CNY"), UnitCost: cny.FromMinor(2400)}}},
		{ID: "3", PlacedAt: day(10), Channel: "app", Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "TEA", Category: "drinks", Quantity: 1, UnitPrice: cny.FromMinor(4400), UnitCost: cny.FromMinor(2000)}}},
		{ID: "4", CustomerID: "bob", PlacedAt: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Channel: "web", Status: metrics.Paid, Currency: usd,
			Lines: []metrics.Line{{SKU: "MUG", Category: "home", Quantity: 1, UnitPrice: usd.FromMinor(1200), UnitCost: usd.FromMinor(500)}}},
		{ID: "5", CustomerID: "bob", PlacedAt: day(20), Channel: "web", Status: metrics.Paid, Currency: usd,
			Lines: []metrics.Line{{SKU: "GOLD", Category: "home", Quantity: 3, UnitPrice: usd.FromMinor(1 << 62), UnitCost: usd.FromMinor(1 << 61)}}},
	}
	for _, o := range orders {
		if err := s.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddRefund(metrics.Refund{ID: "r1", OrderID: "1", At: day(12), Amount: cny.FromMinor(4400),
		Lines: []metrics.ReturnedLine{{SKU: "TEA", Quantity: 1, Restocked: true}}}, orders[0]); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSummarizerBinaryErrors checks the errors of UnmarshalBinary: every
// truncation of a real encoding and every single-byte change that does
// not decode is ErrCorrupt or ErrIncompatible, never a panic, and leaves
// the Summarizer as it was; a Summarizer set up otherwise refuses the
// encoding with a *MergeError naming what differs; an inverted period is
// a *ConfigError.
func TestSummarizerBinaryErrors(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
	opts := metrics.Options{RepurchaseByDays: true, FirstOrders: map[string]time.Time{"alice": time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}
	enc := encode(t, binaryStore(t, nov, opts))

	// The receiver holds other state, which a failed decoding must keep.
	keep := binaryStore(t, nov, opts)
	if err := keep.Add(metrics.Order{ID: "x", CustomerID: "zoe", PlacedAt: time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC), Status: metrics.Paid,
		Currency: money.MustCurrency("EUR")}); err != nil {
		t.Fatal(err)
	}
	before := encode(t, keep)
	check := func(name string, data []byte, wants ...error) {
		t.Helper()
		err := keep.UnmarshalBinary(data)
		if err == nil {
			return
		}
		ok := false
		for _, w := range wants {
			ok = ok || errors.Is(err, w)
		}
		if !ok {
			t.Errorf("%s: error %v, want one of %v", name, err, wants)
		}
		if got := encode(t, keep); !bytes.Equal(got, before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the Summarizer", name)
		}
	}
	for n := range len(enc) {
		if keep.UnmarshalBinary(enc[:n]) == nil {
			t.Fatalf("%d of %d bytes decoded", n, len(enc))
		}
		check("truncated to "+strconv.Itoa(n), enc[:n], metrics.ErrCorrupt)
	}
	flips := 0
	for i := range enc {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(enc)
			bad[i] ^= x
			if keep.UnmarshalBinary(bad) == nil {
				// Some changes make another valid encoding (a count, an
				// amount, a number written in more bytes than it needs):
				// its re-encoding must decode and re-encode alike.
				again := encode(t, keep)
				if err := keep.UnmarshalBinary(again); err != nil || !bytes.Equal(encode(t, keep), again) {
					t.Fatalf("byte %d ^ %#x decoded, and its re-encoding does not re-encode alike (%v)", i, x, err)
				}
				if err := keep.UnmarshalBinary(before); err != nil {
					t.Fatal(err)
				}
				continue
			}
			flips++
			check("byte "+strconv.Itoa(i), bad, metrics.ErrCorrupt, metrics.ErrIncompatible)
		}
	}
	if flips < len(enc) {
		t.Errorf("only %d of %d changed encodings refused", flips, 3*len(enc))
	}
	check("trailing byte", append(slices.Clone(enc), 0), metrics.ErrCorrupt)
	check("version 2", append([]byte{2}, enc[1:]...), metrics.ErrCorrupt)

	for _, c := range []struct {
		name string
		p    metrics.Period
		opts metrics.Options
		want string
	}{
		{"another month", metrics.MonthOf(2025, time.October, time.FixedZone("CST", 8*3600)), opts, "another period"},
		{"another zone name", metrics.MonthOf(2025, time.November, time.FixedZone("Asia/Shanghai", 8*3600)), opts, "the period in CST, not Asia/Shanghai"},
		{"all time", metrics.Period{}, opts, "another period"},
		{"by orders", nov, metrics.Options{FirstOrders: opts.FirstOrders}, "RepurchaseByDays"},
		{"no history", nov, metrics.Options{RepurchaseByDays: true}, "FirstOrders"},
		{"other history", nov, metrics.Options{RepurchaseByDays: true, FirstOrders: map[string]time.Time{"alice": time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)}}, "FirstOrders"},
	} {
		s := metrics.Summarizer{Period: c.p, Options: c.opts}
		err := s.UnmarshalBinary(enc)
		var me *metrics.MergeError
		if !errors.As(err, &me) || !bytes.Contains([]byte(me.Problem), []byte(c.want)) {
			t.Errorf("%s: error %v, want a *MergeError saying %q", c.name, err, c.want)
		}
		if len(s.Result()) != 0 {
			t.Errorf("%s: a refused encoding was decoded", c.name)
		}
	}
	// The same history in another map is the same setup.
	same := metrics.Summarizer{Period: nov, Options: metrics.Options{RepurchaseByDays: true,
		FirstOrders: map[string]time.Time{"alice": time.Date(2025, 1, 2, 8, 0, 0, 0, time.FixedZone("CST", 8*3600))}}}
	if err := same.UnmarshalBinary(enc); err != nil {
		t.Errorf("the same history in another map and zone: %v", err)
	}
	inverted := metrics.Summarizer{Period: metrics.Period{Start: nov.End, End: nov.Start}}
	var ce *metrics.ConfigError
	if err := inverted.UnmarshalBinary(enc); !errors.As(err, &ce) {
		t.Errorf("inverted period: error %v, want a *ConfigError", err)
	}
}

// TestSummarizerBinaryAllocation checks that decoding allocates in
// proportion to its input: a real encoding, and one of many customers in
// as few bytes as the format allows, each at most 64 bytes allocated per
// byte decoded (a customer's record, ID and index cost about 70 bytes;
// its smallest encoding is 4 bytes, and slices grow by doubling). A length
// that claims more items than bytes fails before anything is allocated.
func TestSummarizerBinaryAllocation(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	orders, _ := benchOrders(20_000, 1)
	big := metrics.Summarizer{Period: nov}
	for o := range orders {
		if err := big.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	// Customers who only ordered before the period, with IDs of one byte
	// or two: the smallest records.
	small := metrics.Summarizer{Period: nov}
	cny := money.MustCurrency("CNY")
	for i := range 4000 {
		id := string([]byte{byte('!' + i%90), byte('!' + i/90)})
		if err := small.Add(metrics.Order{ID: id, CustomerID: id, PlacedAt: time.Unix(int64(i), 0), Status: metrics.Paid, Currency: cny}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		s    *metrics.Summarizer
	}{{"benchOrders", &big}, {"small customers", &small}} {
		enc := encode(t, c.s)
		var ms0, ms1 runtime.MemStats
		back := metrics.Summarizer{Period: nov}
		runtime.ReadMemStats(&ms0)
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&ms1)
		if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(enc)); per > 64 {
			t.Errorf("%s: %.1f bytes allocated per byte of %d", c.name, per, len(enc))
		}
	}
	// A header claiming 2^40 currencies.
	enc := encode(t, &metrics.Summarizer{Period: nov})
	bad := append(enc[:len(enc)-1], 0x80, 0x80, 0x80, 0x80, 0x80, 0x40)
	var ms0, ms1 runtime.MemStats
	back := metrics.Summarizer{Period: nov}
	runtime.ReadMemStats(&ms0)
	err := back.UnmarshalBinary(bad)
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, metrics.ErrCorrupt) {
		t.Errorf("a length beyond the data: %v", err)
	}
	if n := ms1.TotalAlloc - ms0.TotalAlloc; n > 4096 {
		t.Errorf("a length beyond the data: %d bytes allocated", n)
	}
}

// FuzzSummarizerUnmarshalBinary checks that decoding any bytes gives an
// error wrapping ErrCorrupt or ErrIncompatible, never a panic, and leaves
// the Summarizer unchanged; whatever decodes re-encodes to bytes that
// decode to the same summary and encode alike again, and merges.
func FuzzSummarizerUnmarshalBinary(f *testing.F) {
	nov := metrics.MonthOf(2025, time.November, time.FixedZone("CST", 8*3600))
	byDays := metrics.Options{RepurchaseByDays: true}
	f.Add(encode(f, binaryStore(f, nov, metrics.Options{})))
	f.Add(encode(f, binaryStore(f, nov, byDays)))
	f.Add(encode(f, &metrics.Summarizer{Period: nov}))
	f.Add(encode(f, binaryStore(f, metrics.Period{}, metrics.Options{})))
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []metrics.Options{{}, byDays} {
			s := binaryStore(t, nov, opts)
			before := encode(t, s)
			if err := s.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, metrics.ErrCorrupt) && !errors.Is(err, metrics.ErrIncompatible) {
					t.Fatalf("error %v wraps neither ErrCorrupt nor ErrIncompatible", err)
				}
				if !bytes.Equal(encode(t, s), before) {
					t.Fatalf("a failed UnmarshalBinary changed the Summarizer")
				}
				continue
			}
			res := s.Result()
			again := encode(t, s)
			y := metrics.Summarizer{Period: nov, Options: opts}
			if err := y.UnmarshalBinary(again); err != nil {
				t.Fatalf("re-decoding: %v", err)
			}
			if diff := cmp.Diff(res, y.Result(), cmpCurrency); diff != "" {
				t.Fatalf("re-decoding (-first +second):\n%s", diff)
			}
			if !bytes.Equal(encode(t, &y), again) {
				t.Fatalf("the re-encoding does not re-encode alike")
			}
			if err := y.Merge(binaryStore(t, nov, opts)); err != nil {
				t.Fatal(err)
			}
			_ = y.Result()
		}
	})
}

// TestPeersSummarizerBinary splits the harness's 200,000 orders into 8
// batches of one shared dictionary, summarises each apart, sends each
// through its encoding and merges the decoded shards: the merged summary
// is the direct one, whose totals are DuckDB's a_totals (TestPeersTotals)
// and whose buyers, 133,602, are the distinct customer_ids that
// `awk -F, 'NR>1{c[$2]=1} END{print length(c)}' orders.csv` counts.
// Skipped without the data or with -short.
func TestPeersSummarizerBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the harness data")
	}
	b, rows := loadPeersOrders(t, peersOrders200k)
	var direct metrics.Summarizer
	if err := direct.AddOrders(b); err != nil {
		t.Fatal(err)
	}
	const shards = 8
	var merged metrics.Summarizer
	size := 0
	for k := range shards {
		part := &metrics.Orders{CustomerIDs: b.CustomerIDs, Channels: b.Channels, Promotions: b.Promotions, Carriers: b.Carriers,
			Regions: b.Regions, SKUs: b.SKUs, Names: b.Names, Categories: b.Categories}
		for i := k; i < len(rows); i += shards {
			if err := part.Append(rows[i]); err != nil {
				t.Fatal(err)
			}
		}
		var s metrics.Summarizer
		if err := s.AddOrders(part); err != nil {
			t.Fatal(err)
		}
		enc := encode(t, &s)
		size += len(enc)
		var back metrics.Summarizer
		if err := back.UnmarshalBinary(enc); err != nil {
			t.Fatal(err)
		}
		if err := merged.Merge(&back); err != nil {
			t.Fatal(err)
		}
	}
	want, got := direct.Result(), merged.Result()
	if diff := cmp.Diff(want, got, cmpCurrency); diff != "" {
		t.Fatalf("merge of decoded shards != direct (-want +got):\n%s", diff)
	}
	const duckdb = "currency,orders,gross,discount,cogs,net_revenue,gross_profit,gross_margin\n" +
		"USD,200000,10748411.45,647028.24,5105176.38,10101383.21,4996206.83,0.494606\n"
	if diff := cmp.Diff(duckdb, totalsCSV([]metrics.SalesTotal{totalOf(got[0])})); diff != "" {
		t.Errorf("a_totals (-DuckDB +decoded):\n%s", diff)
	}
	if got[0].Buyers != 133_602 {
		t.Errorf("%d buyers, want 133,602 (awk)", got[0].Buyers)
	}
	t.Logf("%d shards: %d bytes encoded, %.1f per order", shards, size, float64(size)/float64(len(rows)))
}

// TestSummarizerBinaryManyCurrencies: data claiming every currency, one of
// them with a 1 MiB SKU key, allocates in proportion to its length, not
// to its length times its currencies (each currency reserved the whole
// data left for its IDs: found by review, 301× the input).
func TestSummarizerBinaryManyCurrencies(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	empty := metrics.Summarizer{Period: nov}
	head, err := empty.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	head = head[:len(head)-1] // without its count of currencies, 0
	var codes []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				if _, err := money.ParseCurrency(string([]rune{a, b, c})); err == nil {
					codes = append(codes, string([]rune{a, b, c}))
				}
			}
		}
	}
	const long = 1 << 20
	data := binary.AppendUvarint(slices.Clone(head), uint64(len(codes)))
	for i, code := range codes {
		data = binary.AppendUvarint(data, 3)
		data = append(data, code...)
		data = append(data, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) // orders, guests, units, mask, 7 totals
		data = append(data, 0, 0)                            // channels, customers
		data = append(data, 0, 0)                            // channel and category groups
		if i < len(codes)-1 {
			data = append(data, 0) // SKU groups
			continue
		}
		data = append(data, 1)
		data = binary.AppendUvarint(data, long)
		data = append(data, strings.Repeat("x", long)...)
		data = append(data, 0, 0, 0, 0, 0, 0, 0)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	s := metrics.Summarizer{Period: nov}
	err = s.UnmarshalBinary(data)
	runtime.ReadMemStats(&m1)
	if got := m1.TotalAlloc - m0.TotalAlloc; got > 64*uint64(len(data)) {
		t.Errorf("%d currencies in %d bytes (decoding: %v): %d bytes allocated, %.0f× the data", len(codes), len(data), err, got, float64(got)/float64(len(data)))
	}
}

// TestSummarizerBinaryOverflowCanonical: totals past int64 keep part of
// their value in an exact Extra, which part depending on the order of
// the additions; the encoding writes each total in its one canonical form,
// so the same orders in another order, or merged from shards, encode
// alike (found by review: they did not).
func TestSummarizerBinaryOverflowCanonical(t *testing.T) {
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	cny := money.MustCurrency("CNY")
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	mk := func(id, cust string, minor int64) metrics.Order {
		return metrics.Order{ID: id, CustomerID: cust, PlacedAt: at, Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "a", Quantity: 1, UnitPrice: cny.FromMinor(minor)}}}
	}
	const half = 1 << 62
	orders := []metrics.Order{mk("o1", "a", half), mk("o2", "b", half+10), mk("o3", "c", 5)}
	enc := func(perm ...int) []byte {
		s := metrics.Summarizer{Period: nov}
		for _, i := range perm {
			if err := s.Add(orders[i]); err != nil {
				t.Fatal(err)
			}
		}
		b, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	want := enc(0, 1, 2)
	if got := enc(1, 0, 2); string(got) != string(want) {
		t.Errorf("orders 2, 1, 3 encode other bytes than 1, 2, 3:\n%x\n%x", got, want)
	}
	var x, y metrics.Summarizer
	x.Period, y.Period = nov, nov
	for _, err := range []error{x.Add(orders[2]), y.Add(orders[0]), y.Add(orders[1]), x.Merge(&y)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got, err := x.MarshalBinary(); err != nil || string(got) != string(want) {
		t.Errorf("merged shards encode other bytes than one Summarizer (%v)", err)
	}
	var back metrics.Summarizer
	back.Period = nov
	if err := back.UnmarshalBinary(want); err != nil {
		t.Fatal(err)
	}
	if got, _ := back.MarshalBinary(); string(got) != string(want) {
		t.Error("decoding and encoding again changes the bytes")
	}
}
