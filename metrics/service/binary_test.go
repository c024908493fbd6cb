package service

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopmetrics/shopmetrics/internal/wiretest"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// marshaler is what the three encodings have in common.
type marshaler = wiretest.Codec

// enc returns x's encoding, failing the test on an error.
func enc(t interface{ Fatal(...any) }, x marshaler) []byte {
	b, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// genDurations draws durations of any sign and size, often whole
// seconds or minutes (as times of tickets give), with edges of the range.
func genDurations(t *rapid.T) []time.Duration {
	unit := rapid.SampledFrom([]time.Duration{1, 7, time.Second, time.Minute}).Draw(t, "unit")
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) time.Duration {
		switch rapid.IntRange(0, 5).Draw(t, "kind") {
		case 0:
			return time.Duration(rapid.Int64().Draw(t, "any"))
		case 1:
			return rapid.SampledFrom([]time.Duration{0, math.MinInt64, math.MaxInt64, math.MinInt64 + 1}).Draw(t, "edge")
		}
		return unit * time.Duration(rapid.Int64Range(-1000, 100_000).Draw(t, "units"))
	}), 0, 30).Draw(t, "durations")
}

// sortedValues returns d's durations, sorted.
func sortedValues(d *Durations) []time.Duration { return slices.Sorted(slices.Values(d.v)) }

// TestDurationsBinaryMerge checks that durations split over shards,
// encoded, decoded and merged are exactly the durations, that a decoded
// Durations re-encodes to its bytes, and that order does not change the
// bytes.
func TestDurationsBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		vs := genDurations(t)
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		parts := make([]Durations, shards)
		var direct Durations
		for _, v := range vs {
			direct.Add(v)
			parts[rapid.IntRange(0, shards-1).Draw(t, "shard")].Add(v)
		}
		var merged Durations
		for k := range parts {
			b := enc(t, &parts[k])
			var back Durations
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary(%x): %v", b, err)
			}
			if again := enc(t, &back); !bytes.Equal(again, b) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", b, again)
			}
			merged.Merge(back)
		}
		if diff := cmp.Diff(sortedValues(&direct), sortedValues(&merged)); diff != "" {
			t.Fatalf("merged durations (-want +got):\n%s", diff)
		}
		var rev Durations
		for _, v := range slices.Backward(vs) {
			rev.Add(v)
		}
		if a, b := enc(t, &direct), enc(t, &rev); !bytes.Equal(a, b) {
			t.Fatalf("equal durations encode differently:\n%x\n%x", a, b)
		}
		for _, p := range []float64{0, 0.5, 0.9, 1} {
			w, _ := direct.Quantile(p)
			g, _ := merged.Quantile(p)
			if w != g {
				t.Fatalf("Quantile(%v) = %v after the round trip, %v direct", p, g, w)
			}
		}
	})
}

// deskConfigs are the setups the tests encode with: the default, a
// shorter SLA, business hours in Shanghai.
func deskConfigs(t interface{ Skipf(string, ...any) }) []Config {
	bh, err := NewBusinessHours(mustLoad(t, "Asia/Shanghai"), 9*time.Hour, 21*time.Hour, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday)
	if err != nil {
		panic(err)
	}
	return []Config{{}, {SLA: 30 * time.Minute}, {Hours: bh}}
}

// TestDeskBinaryMerge checks that tickets counted on shards, encoded,
// decoded and merged give exactly the direct summary, that a decoded Desk
// re-encodes to the same bytes and counts more tickets like the
// original, and that the same tickets in another order encode alike.
func TestDeskBinaryMerge(t *testing.T) {
	cfgs := deskConfigs(t)
	rapid.Check(t, func(t *rapid.T) {
		cfg := rapid.SampledFrom(cfgs).Draw(t, "config")
		ks := genTickets(t)
		direct := Desk{Config: cfg}
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		parts := make([]Desk, shards)
		for k := range parts {
			parts[k].Config = cfg
		}
		for _, k := range ks {
			if err := direct.Add(k); err != nil {
				t.Fatal(err)
			}
			if err := parts[rapid.IntRange(0, shards-1).Draw(t, "shard")].Add(k); err != nil {
				t.Fatal(err)
			}
		}
		merged := Desk{Config: cfg}
		for k := range parts {
			b := enc(t, &parts[k])
			back := Desk{Config: cfg}
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := enc(t, &back); !bytes.Equal(again, b) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", b, again)
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		orders := rapid.Int64Range(0, 100).Draw(t, "orders")
		if diff := cmp.Diff(direct.Summary(orders), merged.Summary(orders)); diff != "" {
			t.Fatalf("merge of decoded shards != direct (-want +got):\n%s", diff)
		}
		rev := Desk{Config: cfg}
		for _, k := range slices.Backward(ks) {
			if err := rev.Add(k); err != nil {
				t.Fatal(err)
			}
		}
		if a, b := enc(t, &direct), enc(t, &rev); !bytes.Equal(a, b) {
			t.Fatalf("equal Desks encode differently:\n%x\n%x", a, b)
		}
		back := Desk{Config: cfg}
		if err := back.UnmarshalBinary(enc(t, &direct)); err != nil {
			t.Fatal(err)
		}
		for _, k := range ks {
			_ = back.Add(k)
			_ = direct.Add(k)
		}
		if diff := cmp.Diff(direct.Summary(orders), back.Summary(orders)); diff != "" {
			t.Fatalf("tickets added after decoding (-want +got):\n%s", diff)
		}
	})
}

// genReturns draws orders and refunds in two currencies (and sometimes
// amounts without one, sub-cent amounts and amounts past int64) and adds
// them to the Returns given, each to one of them.
func genReturns(t *rapid.T, rs ...*Returns) {
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	amount := func(label string) money.Money {
		switch rapid.IntRange(0, 9).Draw(t, label+"Kind") {
		case 0:
			return usd.FromMinor(rapid.Int64Range(1, 5000).Draw(t, label))
		case 1:
			return money.MustNew("0.005", "CNY")
		case 2:
			return cny.FromMinor(math.MaxInt64 - rapid.Int64Range(0, 10).Draw(t, label))
		case 3:
			return money.Currency{}.FromMinor(rapid.Int64Range(1, 50).Draw(t, label))
		}
		return cny.FromMinor(rapid.Int64Range(0, 10000).Draw(t, label))
	}
	skus := []string{"A", "B", "C", ""}
	n := rapid.IntRange(0, 30).Draw(t, "n")
	for i := range n {
		target := rs[rapid.IntRange(0, len(rs)-1).Draw(t, "shard")]
		sku := rapid.SampledFrom(skus).Draw(t, "sku")
		if rapid.Bool().Draw(t, "isOrder") {
			o := metrics.Order{Lines: []metrics.Line{{SKU: sku, Category: rapid.SampledFrom([]string{"c" + sku, ""}).Draw(t, "cat"),
				Quantity: rapid.Int64Range(-1, 9).Draw(t, "q"), UnitPrice: amount("price")}}}
			if err := target.AddOrder(o); err != nil {
				t.Fatal(err)
			}
			continue
		}
		f := metrics.Refund{ID: strconv.Itoa(i), Amount: amount("amount"), Reason: rapid.SampledFrom([]string{"size", "late", "broken", "?"}).Draw(t, "reason")}
		for range rapid.IntRange(0, 2).Draw(t, "lines") {
			f.Lines = append(f.Lines, metrics.ReturnedLine{SKU: rapid.SampledFrom(skus).Draw(t, "rsku"), Quantity: rapid.Int64Range(0, 3).Draw(t, "rq")})
		}
		if err := target.AddRefund(f); err != nil {
			t.Fatal(err)
		}
	}
}

// returnsSummaries returns r's summaries in the currencies genReturns
// uses, and without a currency.
func returnsSummaries(r *Returns) []ReturnSummary {
	return []ReturnSummary{r.Summary(money.MustCurrency("CNY")), r.Summary(money.MustCurrency("USD")), r.Summary(money.Currency{})}
}

// TestReturnsBinaryMerge checks that orders and refunds accumulated on
// shards, encoded, decoded and merged give exactly the direct summaries
// (in each currency), that a decoded Returns re-encodes to the same
// bytes and takes more refunds like the original, and that the same
// orders and refunds in another order encode alike.
func TestReturnsBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		parts := make([]*Returns, shards)
		for k := range parts {
			parts[k] = &Returns{}
		}
		genReturns(t, parts...)
		direct := &Returns{}
		merged := &Returns{}
		for _, p := range parts {
			if err := direct.Merge(p); err != nil {
				t.Fatal(err)
			}
			b := enc(t, p)
			var back Returns
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := enc(t, &back); !bytes.Equal(again, b) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", b, again)
			}
			if diff := cmp.Diff(returnsSummaries(p), returnsSummaries(&back)); diff != "" {
				t.Fatalf("decoded summaries (-encoded +decoded):\n%s", diff)
			}
			if err := merged.Merge(&back); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(returnsSummaries(direct), returnsSummaries(merged)); diff != "" {
			t.Fatalf("merge of decoded shards != merge of the shards (-want +got):\n%s", diff)
		}
		if a, b := enc(t, direct), enc(t, merged); !bytes.Equal(a, b) {
			t.Fatalf("equal Returns encode differently:\n%x\n%x", a, b)
		}
	})
}

// TestReturnsBinaryOrder checks that the same orders and refunds, added
// directly in one order or to shards merged in the reverse order, encode
// alike, and equal the direct accumulation's summaries.
func TestReturnsBinaryOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := &Returns{}, &Returns{}
		genReturns(t, a, b)
		var ab, ba Returns
		for _, x := range []*Returns{a, b} {
			if err := ab.Merge(x); err != nil {
				t.Fatal(err)
			}
		}
		for _, x := range []*Returns{b, a} {
			if err := ba.Merge(x); err != nil {
				t.Fatal(err)
			}
		}
		if x, y := enc(t, &ab), enc(t, &ba); !bytes.Equal(x, y) {
			t.Fatalf("merges in two orders encode differently:\n%x\n%x", x, y)
		}
	})
}

// binaryDesk is a Desk of a few tickets on two channels, with scores,
// reopenings and business hours.
func binaryDesk(t testing.TB) *Desk {
	t.Helper()
	s := &Desk{Config: deskConfigs(t)[2]}
	base := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
	for i, k := range []Ticket{
		{ID: "1", Channel: "chat", OpenedAt: base, FirstResponseAt: base.Add(10 * time.Minute), ResolvedAt: base.Add(3 * time.Hour), Score: 5, Reason: "size"},
		{ID: "2", Channel: "chat", OpenedAt: base.Add(time.Hour), FirstResponseAt: base.Add(4 * time.Hour), Reopened: true, Score: 2},
		{ID: "3", Channel: "email", OpenedAt: base.Add(26 * time.Hour), Reason: "late"},
		{ID: "4", Channel: "phone", OpenedAt: base.Add(27 * time.Hour), FirstResponseAt: base.Add(27*time.Hour + 90*time.Second),
			ResolvedAt: base.Add(28 * time.Hour), Score: 4, Reason: "size"},
	} {
		if err := s.Add(k); err != nil {
			t.Fatalf("ticket %d: %v", i, err)
		}
	}
	return s
}

// binaryReturns is a Returns of two SKUs in two currencies, refunds for
// three reasons, one without goods, and a sub-cent amount.
func binaryReturns(t testing.TB) *Returns {
	t.Helper()
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	r := &Returns{}
	for _, o := range []metrics.Order{
		{ID: "1", Lines: []metrics.Line{{SKU: "TEA", Category: "drinks", Quantity: 3, UnitPrice: cny.FromMinor(4400)},
			{SKU: "MUG", Category: "home", Quantity: 1, UnitPrice: money.MustNew("78.005", "CNY")}}},
		{ID: "2", Lines: []metrics.Line{{SKU: "MUG", Category: "home", Quantity: 2, UnitPrice: usd.FromMinor(1200)}}},
	} {
		if err := r.AddOrder(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []metrics.Refund{
		{ID: "r1", OrderID: "1", Amount: cny.FromMinor(8800), Reason: "wrong size", Lines: []metrics.ReturnedLine{{SKU: "TEA", Quantity: 2}}},
		{ID: "r2", OrderID: "2", Amount: usd.FromMinor(1200), Reason: "arrived broken", Lines: []metrics.ReturnedLine{{SKU: "MUG", Quantity: 1}}},
		{ID: "r3", OrderID: "1", Amount: cny.FromMinor(500), Reason: "shipping fee"},
	} {
		if err := r.AddRefund(f); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// binaryDurations is response times to the second and one odd duration.
func binaryDurations() *Durations {
	var d Durations
	for _, v := range []time.Duration{90 * time.Second, 10 * time.Minute, 3 * time.Hour, 0, time.Hour + time.Second} {
		d.Add(v)
	}
	return &d
}

// TestBinaryErrors checks the errors of the three UnmarshalBinary
// (wiretest.Check): every truncation of a real encoding and every other
// version byte is ErrCorrupt; every single-byte change is refused with
// ErrCorrupt or ErrIncompatible (a changed setup), or makes another valid
// encoding, which re-encodes to the same bytes; a refusal leaves the
// receiver as it was.
func TestBinaryErrors(t *testing.T) {
	for _, c := range []struct {
		name    string
		make    func() marshaler
		atLeast float64 // the share of changed encodings refused
	}{
		{"Durations", func() marshaler { return binaryDurations() }, 0.5},
		{"Desk", func() marshaler { return binaryDesk(t) }, 0.8},
		{"Returns", func() marshaler { return binaryReturns(t) }, 0.6},
	} {
		var older []byte
		if c.name == "Returns" {
			older = []byte{returnsV1}
		}
		wiretest.Check(t, wiretest.Case{Name: c.name, Data: enc(t, c.make()), New: func() wiretest.Codec { return c.make() },
			Corrupt: metrics.ErrCorrupt, Other: []error{metrics.ErrIncompatible}, MinRefused: c.atLeast, Older: older})
	}
}

// TestDurationsBinaryHandMade checks hand-made encodings: the valid ones
// decode to their durations; those that are not the one encoding of
// their durations, or overflow, are refused.
func TestDurationsBinaryHandMade(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want []time.Duration // nil: refused
	}{
		{"empty", []byte{1, 0}, []time.Duration{}},
		{"seconds", []byte{1, 2, 0x80, 0x94, 0xeb, 0xdc, 0x03, 2, 1}, []time.Duration{time.Second, 2 * time.Second}},
		{"zeros", []byte{1, 2, 1, 0, 0}, []time.Duration{0, 0}},
		{"minus 2^63", []byte{1, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 1}, []time.Duration{math.MinInt64}},
		{"divisor 0", []byte{1, 1, 0, 2}, nil},
		{"divisor not the greatest", []byte{1, 2, 1, 4, 2}, nil}, // 2 and 4 with divisor 1
		{"coprime with divisor 1", []byte{1, 2, 1, 2, 2}, []time.Duration{1, 3}},
		{"zeros with divisor 2", []byte{1, 1, 2, 0}, nil},
		{"divisor past 2^63", []byte{1, 1, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 1}, nil},
		{"overflow", []byte{1, 2, 0x80, 0x94, 0xeb, 0xdc, 0x03, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20}, nil}, // 1 s + 2^40 s
		{"count past the data", []byte{1, 9, 1, 0}, nil},
	} {
		var d Durations
		err := d.UnmarshalBinary(c.data)
		switch {
		case c.want == nil && !errors.Is(err, metrics.ErrCorrupt):
			t.Errorf("%s: error %v, want ErrCorrupt", c.name, err)
		case c.want != nil && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != nil:
			if diff := cmp.Diff(c.want, sortedValues(&d), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", c.name, diff)
			}
		}
	}
}

// rawDesk builds an encoding of a Desk with cfg's setup from its parts,
// for states no Add makes.
type rawDesk struct {
	counts            [6]uint64 // tickets, answered, within SLA, resolved, reopened, resolved at least once
	scores            [6]uint64
	first, res        []time.Duration
	channels, reasons []string // name, count as text, name, count, ...
}

func (r rawDesk) bytes(cfg Config) []byte {
	setup := cfg.appendSetup(nil)
	b := binary.AppendUvarint([]byte{deskV1}, uint64(len(setup)))
	b = append(b, setup...)
	for _, n := range r.counts {
		b = binary.AppendUvarint(b, n)
	}
	for _, n := range r.scores {
		b = binary.AppendUvarint(b, n)
	}
	for _, vs := range [][]time.Duration{r.first, r.res} {
		b = (&Durations{v: slices.Clone(vs)}).appendBinary(b)
	}
	for _, kv := range [][]string{r.channels, r.reasons} {
		b = binary.AppendUvarint(b, uint64(len(kv)/2))
		for i := 0; i < len(kv); i += 2 {
			n, _ := strconv.ParseUint(kv[i+1], 10, 64)
			b = append(binary.AppendUvarint(b, uint64(len(kv[i]))), kv[i]...)
			b = binary.AppendUvarint(b, n)
		}
	}
	return b
}

// TestDeskBinaryImpossible checks that encodings of counts no tickets
// make are refused, and that the valid hand-made one they are made from
// decodes.
func TestDeskBinaryImpossible(t *testing.T) {
	// Two tickets: one answered in 10 minutes (within the hour), resolved
	// after 2 hours and 1 ns, scored 5, by chat; one unanswered, reopened
	// after a resolution, unscored, by email.
	valid := rawDesk{counts: [6]uint64{2, 1, 1, 1, 1, 2}, scores: [6]uint64{1, 0, 0, 0, 0, 1},
		first: []time.Duration{10 * time.Minute}, res: []time.Duration{2*time.Hour + 1},
		channels: []string{"chat", "1", "email", "1"}, reasons: []string{"", "2"}}
	var s Desk
	if err := s.UnmarshalBinary(valid.bytes(Config{})); err != nil {
		t.Fatalf("the valid hand-made Desk: %v", err)
	}
	got := s.Summary(0)
	if got.Tickets != 2 || got.Answered != 1 || got.FirstResponseMedian != 10*time.Minute || got.ResolveMedian != 2*time.Hour+1 || got.Responses != 1 {
		t.Fatalf("the valid hand-made Desk decoded to %+v", got)
	}
	change := func(f func(r *rawDesk)) []byte {
		r := valid
		r.first, r.res = slices.Clone(valid.first), slices.Clone(valid.res)
		f(&r)
		return r.bytes(Config{})
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"more answered than tickets", change(func(r *rawDesk) { r.counts[1] = 3 })},
		{"more within the SLA than answered", change(func(r *rawDesk) { r.counts[2] = 2 })},
		{"more resolved than tickets", change(func(r *rawDesk) { r.counts[3] = 3 })},
		{"more reopened than tickets", change(func(r *rawDesk) { r.counts[4] = 3 })},
		{"resolved at least once fewer than resolved", change(func(r *rawDesk) { r.counts[4], r.counts[5] = 0, 0 })},
		{"resolved at least once more than resolved and reopened", change(func(r *rawDesk) { r.counts[4] = 0 })},
		{"a first-response time too many", change(func(r *rawDesk) { r.first = append(r.first, 11*time.Minute) })},
		{"a resolution time too few", change(func(r *rawDesk) { r.res = nil })},
		{"a negative time", change(func(r *rawDesk) { r.first[0] = -time.Minute })},
		{"within the SLA, not by its time", change(func(r *rawDesk) { r.first[0] = time.Hour + 1 })},
		{"scores that do not add up", change(func(r *rawDesk) { r.scores[0] = 2 })},
		{"channels that do not add up", change(func(r *rawDesk) { r.channels[3] = "2" })},
		{"a channel of no ticket", change(func(r *rawDesk) { r.channels = []string{"chat", "2", "email", "0"} })},
		{"channels out of order", change(func(r *rawDesk) { r.channels = []string{"email", "1", "chat", "1"} })},
		{"a channel twice", change(func(r *rawDesk) { r.channels = []string{"chat", "1", "chat", "1"} })},
		{"reasons without tickets", (rawDesk{reasons: []string{"", "0"}}).bytes(Config{})},
	} {
		keep := binaryDesk(t)
		before := enc(t, keep)
		x := Desk{}
		if err := x.UnmarshalBinary(c.data); !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", c.name, err)
		}
		if err := keep.UnmarshalBinary(c.data); err == nil || !bytes.Equal(enc(t, keep), before) {
			t.Errorf("%s: decoded into a Desk set up otherwise, or changed it (%v)", c.name, err)
		}
	}
}

// TestDeskBinarySetup checks that decoding refuses an encoding made with
// another Config exactly when Merge would, with a *metrics.MergeError;
// and that an invalid Config is a *metrics.ConfigError for both
// MarshalBinary and UnmarshalBinary.
func TestDeskBinarySetup(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	sh2, err := time.LoadLocation("Asia/Shanghai") // another load of the same zone
	if err != nil {
		t.Skip(err)
	}
	ny := mustLoad(t, "America/New_York")
	hours := func(loc *time.Location, open, close time.Duration, days ...time.Weekday) BusinessHours {
		h, err := NewBusinessHours(loc, open, close, days...)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	base := hours(sh, 9*time.Hour, 21*time.Hour, weekdays...)
	closedOtherwise := base
	closedOtherwise.Days[time.Sunday].Open, closedOtherwise.Days[time.Sunday].Close = 10*time.Hour, 10*time.Hour
	cfgs := []struct {
		name string
		cfg  Config
	}{
		{"default", Config{}},
		{"an hour written out", Config{SLA: time.Hour}},
		{"half an hour", Config{SLA: 30 * time.Minute}},
		{"always open in Shanghai", Config{Hours: BusinessHours{Location: sh}}},
		{"Shanghai hours", Config{Hours: base}},
		{"Shanghai hours, loaded again", Config{Hours: hours(sh2, 9*time.Hour, 21*time.Hour, weekdays...)}},
		{"Shanghai hours, Sunday closed otherwise", Config{Hours: closedOtherwise}},
		{"Shanghai hours from 10", Config{Hours: hours(sh, 10*time.Hour, 21*time.Hour, weekdays...)}},
		{"Shanghai hours on Saturday too", Config{Hours: hours(sh, 9*time.Hour, 21*time.Hour, append(weekdays, time.Saturday)...)}},
		{"New York hours", Config{Hours: hours(ny, 9*time.Hour, 21*time.Hour, weekdays...)}},
		{"CST at +8", Config{Hours: hours(time.FixedZone("CST", 8*3600), 9*time.Hour, 21*time.Hour, weekdays...)}},
		{"CST at -6", Config{Hours: hours(time.FixedZone("CST", -6*3600), 9*time.Hour, 21*time.Hour, weekdays...)}},
	}
	for _, a := range cfgs {
		data := enc(t, &Desk{Config: a.cfg})
		for _, b := range cfgs {
			mergeErr := (&Desk{Config: b.cfg}).Merge(&Desk{Config: a.cfg})
			x := Desk{Config: b.cfg}
			err := x.UnmarshalBinary(data)
			if (err == nil) != (mergeErr == nil) {
				t.Errorf("%s into %s: UnmarshalBinary: %v; Merge: %v", a.name, b.name, err, mergeErr)
			}
			var me *metrics.MergeError
			if err != nil && (!errors.As(err, &me) || !errors.Is(err, metrics.ErrIncompatible)) {
				t.Errorf("%s into %s: error %v, want a *metrics.MergeError", a.name, b.name, err)
			}
		}
	}
	bad := Desk{Config: Config{SLA: -time.Second}}
	var ce *metrics.ConfigError
	if _, err := bad.MarshalBinary(); !errors.As(err, &ce) {
		t.Errorf("MarshalBinary with a negative SLA: %v, want a *metrics.ConfigError", err)
	}
	if err := bad.UnmarshalBinary(enc(t, &Desk{})); !errors.As(err, &ce) {
		t.Errorf("UnmarshalBinary with a negative SLA: %v, want a *metrics.ConfigError", err)
	}
}

// rawReturns builds an encoding of a Returns with the default rules
// from its parts, each given as the bytes after the setup.
func rawReturns(parts ...[]byte) []byte {
	setup := ReasonMap{}.appendSetup(nil)
	b := binary.AppendUvarint([]byte{returnsV1}, uint64(len(setup)))
	b = append(b, setup...)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// TestReturnsBinaryImpossible checks that hand-made encodings of what no
// Returns holds are refused, and that the valid one they are made from
// decodes.
func TestReturnsBinaryImpossible(t *testing.T) {
	cny := []byte{1, 3, 'C', 'N', 'Y'}                      // one currency, CNY
	noReasons := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0} // six reasons: no refunds, no amounts
	set := func(units int64) []byte {                       // CNY units
		return append([]byte{1, 0}, binary.AppendVarint(nil, units)[:]...)
	}
	sku := func(code string, sold int64, soldValue []byte, mask byte, units ...int64) []byte {
		b := append([]byte{byte(len(code))}, code...)
		b = append(b, 0) // category ""
		b = binary.AppendVarint(b, sold)
		b = append(append(b, soldValue...), 0)
		b = append(b, mask)
		for _, u := range units {
			b = binary.AppendVarint(b, u)
		}
		return b
	}
	withFlag := func(b []byte) []byte { return append(b, 0) } // the total's "no exact part" byte
	// SKU A: 3 sold for ¥1.00, 1 returned for a size problem (no refund
	// amount allocated: a refund of ¥0).
	sizeRefund := []byte{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	valid := rawReturns(cny, sizeRefund, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 1<<ReasonSizeFit, 1))
	var r Returns
	if err := r.UnmarshalBinary(valid); err != nil {
		t.Fatalf("the valid hand-made Returns: %v", err)
	}
	s := r.Summary(money.MustCurrency("CNY"))
	if len(s.BySKU) != 1 || s.BySKU[0].Sold != 3 || s.BySKU[0].Returned != 1 || s.BySKU[0].SoldValue.String() != "CNY 1.00" || s.ByReason[0].Units != 1 || s.ByReason[0].Refunds != 1 {
		t.Fatalf("the valid hand-made Returns decoded to %+v", s)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"an unknown currency", rawReturns([]byte{1, 3, 'Z', 'Z', 'Z'}, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 0))},
		{"a lower-case currency", rawReturns([]byte{1, 3, 'c', 'n', 'y'}, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 0))},
		{"currencies out of order", rawReturns([]byte{2, 3, 'U', 'S', 'D', 3, 'C', 'N', 'Y'}, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 0))},
		{"a currency of no amount", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, []byte{0}, 0))},
		{"a currency number past the list", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, []byte{1, 1, 2, 0}, 0))},
		{"a zero total", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(0)), 0))},
		{"a currency twice in a set", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, []byte{2, 0, 2, 0, 0, 2, 0}, 0))},
		{"amounts of a reason without refunds", rawReturns(cny, append(withFlag(set(5)), noReasons[2:]...), []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 0))},
		{"SKUs out of order", rawReturns(cny, noReasons, []byte{0}, []byte{2}, sku("B", 3, withFlag(set(100)), 0), sku("A", 3, []byte{0}, 0))},
		{"a SKU twice", rawReturns(cny, noReasons, []byte{0}, []byte{2}, sku("A", 3, withFlag(set(100)), 0), sku("A", 3, []byte{0}, 0))},
		{"a mask past the reasons", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 1<<6, 1))},
		{"zero units under a reason's bit", rawReturns(cny, noReasons, []byte{0}, []byte{1}, sku("A", 3, withFlag(set(100)), 1, 0))},
	} {
		keep := binaryReturns(t)
		before := enc(t, keep)
		if err := keep.UnmarshalBinary(c.data); !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: error %v, want ErrCorrupt", c.name, err)
		}
		if !bytes.Equal(enc(t, keep), before) {
			t.Errorf("%s: a refused encoding changed the Returns", c.name)
		}
	}
	// Rules: the zero map and the default rules written out are the same;
	// other rules are refused as Merge refuses them; invalid rules are a
	// *metrics.ConfigError.
	if err := (&Returns{Reasons: ReasonMap{Rules: DefaultReasonRules}}).UnmarshalBinary(valid); err != nil {
		t.Errorf("the default rules written out: %v", err)
	}
	other := ReasonMap{Rules: append([]ReasonRule{{"掉色", ReasonNotAsDescribed}}, DefaultReasonRules...)}
	var me *metrics.MergeError
	if err := (&Returns{Reasons: other}).UnmarshalBinary(valid); !errors.As(err, &me) || !errors.Is(err, metrics.ErrIncompatible) {
		t.Errorf("other rules: error %v, want a *metrics.MergeError", err)
	}
	if err := (&Returns{Reasons: other}).Merge(&Returns{}); err == nil {
		t.Errorf("Merge accepts other rules, which UnmarshalBinary refuses")
	}
	invalid := ReasonMap{Rules: []ReasonRule{{"x", ReturnReason(9)}}}
	var ce *metrics.ConfigError
	if err := (&Returns{Reasons: invalid}).UnmarshalBinary(valid); !errors.As(err, &ce) {
		t.Errorf("invalid rules: error %v, want a *metrics.ConfigError", err)
	}
	if _, err := (&Returns{Reasons: invalid}).MarshalBinary(); !errors.As(err, &ce) {
		t.Errorf("MarshalBinary with invalid rules: error %v, want a *metrics.ConfigError", err)
	}
}

// TestBinaryAllocation checks that decoding allocates in proportion to
// its input, for encodings of many small records: tickets (each one's
// time about a byte, 8 bytes held), SKUs (each one's state, map entry and
// sums about 300 bytes, from 7 bytes of encoding): at most 16 bytes per
// byte for Durations and Desk, 64 for Returns; and that a length
// claiming more than the bytes left allocates almost nothing.
func TestBinaryAllocation(t *testing.T) {
	var many Durations
	for i := range 20_000 {
		many.Add(time.Duration(i) * time.Second)
	}
	desk := Desk{}
	base := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
	for i := range 5000 {
		at := base.Add(time.Duration(i) * time.Minute)
		_ = desk.Add(Ticket{ID: "t", Channel: "chat", OpenedAt: at, FirstResponseAt: at.Add(time.Duration(i%97) * time.Second),
			ResolvedAt: at.Add(time.Hour), Score: i % 6})
	}
	rets := &Returns{}
	cny := money.MustCurrency("CNY")
	for i := range 5000 {
		_ = rets.AddOrder(metrics.Order{Lines: []metrics.Line{{SKU: strconv.Itoa(i), Quantity: 1, UnitPrice: cny.FromMinor(1)}}})
	}
	huge := []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x20} // 2^40
	for _, c := range []struct {
		name string
		x    marshaler
		into func() marshaler
		per  float64
		bad  []byte // a length claiming 2^40 items
	}{
		{"Durations", &many, func() marshaler { return &Durations{} }, 16, append([]byte{durationsV1}, huge...)},
		{"Desk", &desk, func() marshaler { return &Desk{} }, 16, rawDesk{}.bytes(Config{})[:len(rawDesk{}.bytes(Config{}))-4]},
		{"Returns", rets, func() marshaler { return &Returns{} }, 64, rawReturns(huge)},
	} {
		data := enc(t, c.x)
		into := c.into()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		if err := into.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&ms1)
		if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(data)); per > c.per {
			t.Errorf("%s: %.1f bytes allocated per byte of %d", c.name, per, len(data))
		}
		bad := c.bad
		if c.name == "Desk" { // the empty Desk's encoding up to its first times, then 2^40 of them
			bad = append(slices.Clone(bad), huge...)
		}
		runtime.ReadMemStats(&ms0)
		err := c.into().UnmarshalBinary(bad)
		runtime.ReadMemStats(&ms1)
		if !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: a length beyond the data: %v", c.name, err)
		}
		if n := ms1.TotalAlloc - ms0.TotalAlloc; n > 4096 {
			t.Errorf("%s: a length beyond the data: %d bytes allocated", c.name, n)
		}
	}
}

// fuzzBinary decodes data into x as wiretest.Fuzz does, with the
// package's errors.
func fuzzBinary(t *testing.T, x marshaler, data []byte) {
	wiretest.Fuzz(t, x, data, metrics.ErrCorrupt, metrics.ErrIncompatible)
}

func FuzzDurationsUnmarshalBinary(f *testing.F) {
	f.Add(enc(f, binaryDurations()))
	f.Add(enc(f, &Durations{}))
	f.Add(binaryDesk(f).firstResponse.appendBinary([]byte{durationsV1}))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := binaryDurations()
		fuzzBinary(t, d, data)
		d.Merge(*binaryDurations())
		_, _ = d.Quantile(0.9)
	})
}

func FuzzDeskUnmarshalBinary(f *testing.F) {
	f.Add(enc(f, binaryDesk(f)))
	f.Add(enc(f, &Desk{Config: binaryDesk(f).Config}))
	f.Add(enc(f, &Desk{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, s := range []*Desk{binaryDesk(t), {}} {
			fuzzBinary(t, s, data)
			if err := s.Merge(&Desk{Config: s.Config}); err != nil {
				t.Fatal(err)
			}
			_ = s.Summary(10)
		}
	})
}

func FuzzReturnsUnmarshalBinary(f *testing.F) {
	f.Add(enc(f, binaryReturns(f)))
	f.Add(enc(f, &Returns{}))
	v1, err := hex.DecodeString(returnsV1Data)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v1)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := binaryReturns(t)
		if len(data) > 0 && data[0] == returnsV1 {
			// Read as version 1, and re-encoded as version 2, which
			// decodes to the same bytes again.
			before := enc(t, r)
			if err := r.UnmarshalBinary(data); err != nil {
				if !errors.Is(err, metrics.ErrCorrupt) && !errors.Is(err, metrics.ErrIncompatible) {
					t.Fatalf("error %v wraps neither ErrCorrupt nor ErrIncompatible", err)
				}
				if !bytes.Equal(enc(t, r), before) {
					t.Fatal("a refused decoding changed the receiver")
				}
			} else {
				b := enc(t, r)
				var back Returns
				if err := back.UnmarshalBinary(b); err != nil || !bytes.Equal(enc(t, &back), b) {
					t.Fatalf("a version 1 decoding re-encodes to %x, which does not round-trip (%v)", b, err)
				}
			}
		} else {
			fuzzBinary(t, r, data)
		}
		if err := r.Merge(binaryReturns(t)); err != nil {
			t.Fatal(err)
		}
		_ = r.Summary(money.MustCurrency("CNY"))
	})
}

// returnsV1Data is a version 1 encoding, made by the encoder before line
// counts: order o1 of 3 units of A and 1 of B (category c), and a refund
// of 20.00 CNY returning 2 units of A for size.
const returnsV1Data = "0109467326ca0f8097bcd20103434e590000010100a01f000000000000000000000201410163060100f02e000100a01f00020401420163020100e807000000"

// TestReturnsBinaryV1 checks that a version 1 encoding still decodes, to
// a Returns that tests its outliers on units (it has no line counts),
// that it re-encodes as version 2 with that flag, and that the flag
// stays through a merge and a round trip.
func TestReturnsBinaryV1(t *testing.T) {
	data, err := hex.DecodeString(returnsV1Data)
	if err != nil {
		t.Fatal(err)
	}
	var r Returns
	if err := r.UnmarshalBinary(data); err != nil {
		t.Fatalf("UnmarshalBinary(version 1): %v", err)
	}
	if !r.unitsOnly {
		t.Error("a Returns decoded from version 1 tests on lines it does not have")
	}
	s := r.Summary(money.MustCurrency("CNY"))
	want := []ReturnStat{
		{Name: "A", Category: "c", Sold: 3, Returned: 2, UnitRate: metrics.CountRatio(2, 3), SoldValue: money.MustNew("30.00", "CNY"),
			ReturnedValue: money.MustNew("20.00", "CNY"), ValueRate: metrics.NewRatio(20, 30), TopReason: ReasonSizeFit},
		{Name: "B", Category: "c", Sold: 1, Returned: 0, UnitRate: metrics.CountRatio(0, 1), SoldValue: money.MustNew("5.00", "CNY"),
			ReturnedValue: money.MustNew("0", "CNY"), ValueRate: metrics.NewRatio(0, 5), TopReason: ReasonOther},
	}
	// Tested on units: A's 2 of 3 against B's 0 of 1, p = 1/2 (Fisher's
	// upper tail: 2 units drawn of 4, both of the 2 returned... A draws 3
	// of the 4 units, of which 2 returned: P(X ≥ 2) = 1).
	for i := range s.BySKU {
		if _, ok := s.BySKU[i].PValue.Float(); !ok {
			t.Errorf("%s not tested on units", s.BySKU[i].Name)
		}
		s.BySKU[i].PValue = metrics.Value{}
	}
	if diff := cmp.Diff(want, s.BySKU); diff != "" {
		t.Errorf("BySKU of the version 1 encoding (-want +got):\n%s", diff)
	}
	b := enc(t, &r)
	if b[0] != returnsV2 {
		t.Errorf("re-encoded as version %d", b[0])
	}
	// A fresh Returns merged with it tests on units too, and says so in
	// its encoding.
	fresh := binaryReturns(t)
	if err := fresh.Merge(&r); err != nil {
		t.Fatal(err)
	}
	var back Returns
	if err := back.UnmarshalBinary(enc(t, fresh)); err != nil {
		t.Fatal(err)
	}
	if !fresh.unitsOnly || !back.unitsOnly {
		t.Errorf("units only: merged %v, round trip %v; want both", fresh.unitsOnly, back.unitsOnly)
	}
	if !bytes.Equal(enc(t, &back), enc(t, fresh)) {
		t.Error("the merged Returns does not re-encode to its bytes")
	}
}
