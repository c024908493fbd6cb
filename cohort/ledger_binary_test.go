package cohort

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// decodeLedger returns a ledger of l's Location and Key decoded from l's
// encoding, failing t on an error.
func decodeLedger(t interface{ Fatal(...any) }, l *Ledger) *Ledger {
	data, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	out := &Ledger{Location: l.Location, Key: l.Key}
	if err := out.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPropLedgerBinary: a ledger decoded from an encoding gives every
// analysis of the ledger encoded (cohorts by every key, refunds, amounts
// beyond minor units), encodes to the same bytes, takes more orders as
// the original does, and ledgers of shards sent through their encodings
// merge into the ledger of all the orders.
func TestPropLedgerBinary(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders, refunds, cfg := genActivity(t)
		l := storageLedger()
		if rapid.Bool().Draw(t, "shanghai") {
			l.Location = time.FixedZone("CST", 8*3600)
		}
		split := rapid.IntRange(0, len(orders)).Draw(t, "split")
		addTo(t, l, orders[:split], refunds)
		if rapid.Bool().Draw(t, "query between") {
			l.mustRetention(cfg) // some orders in the histories, some in the log
		}
		addTo(t, l, orders[split:], refunds)
		got := decodeLedger(t, l)
		if diff := cmp.Diff(batchAnalyses(l, cfg), batchAnalyses(got, cfg), opts, approx); diff != "" {
			t.Fatalf("(-encoded +decoded):\n%s", diff)
		}
		b1, _ := l.MarshalBinary()
		b2, _ := got.MarshalBinary()
		if string(b1) != string(b2) {
			t.Fatalf("the decoded ledger encodes differently:\n%x\n%x", b1, b2)
		}
		more := genOrders(t)
		for i := range more {
			more[i].ID = "x" + more[i].ID
		}
		addTo(t, l, more, nil)
		addTo(t, got, more, nil)
		if diff := cmp.Diff(batchAnalyses(l, cfg), batchAnalyses(got, cfg), opts, approx); diff != "" {
			t.Fatalf("after more orders (-encoded +decoded):\n%s", diff)
		}

		all := append(slices.Clone(orders), more...)
		shards := make([][]metrics.Order, rapid.IntRange(1, 3).Draw(t, "shards"))
		for _, o := range all {
			k := rapid.IntRange(0, len(shards)-1).Draw(t, "shard")
			shards[k] = append(shards[k], o)
		}
		merged := &Ledger{Location: l.Location, Key: l.Key}
		for _, s := range shards {
			part := &Ledger{Location: l.Location, Key: l.Key}
			addTo(t, part, s, refunds)
			if err := merged.Merge(decodeLedger(t, part)); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(batchAnalyses(l, cfg), batchAnalyses(merged, cfg), opts, approx); diff != "" {
			t.Fatalf("shards through encodings, merged (-direct +merged):\n%s", diff)
		}
	})
}

// TestLedgerBinaryCorrupt: every truncation of an encoding, a wrong
// version and trailing bytes are errors wrapping metrics.ErrCorrupt that
// leave the ledger unchanged; any changed byte either fails or decodes to
// a ledger that decodes again alike; a Location other than the
// encoding's is a config error.
func TestLedgerBinaryCorrupt(t *testing.T) {
	l := ledgerOf(t, handStore())
	far := order("8", "a", "2035-01-05", 10, "ads")
	far.Lines[0].UnitPrice, _ = far.Currency.Parse("10.005") // beyond minor units
	if err := l.Add(far); err != nil {
		t.Fatal(err)
	}
	good, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, data []byte) {
		t.Helper()
		x := ledgerOf(t, []metrics.Order{order("9", "z", "2025-01-01", 1, "ads")})
		before, _ := x.MarshalBinary()
		err := x.UnmarshalBinary(data)
		if !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt", name, err)
		}
		if after, _ := x.MarshalBinary(); string(after) != string(before) {
			t.Errorf("%s: the ledger changed", name)
		}
	}
	for n := range len(good) {
		check(fmt.Sprintf("truncated to %d bytes", n), good[:n])
	}
	check("trailing byte", append(slices.Clone(good), 0))
	bad := slices.Clone(good)
	bad[0] = 9
	check("version 9", bad)
	for i := range good {
		for _, v := range []byte{0, 1, 0x7f, 0x80, 0xff} {
			data := slices.Clone(good)
			if data[i] == v {
				continue
			}
			data[i] = v
			var x Ledger
			if err := x.UnmarshalBinary(data); err != nil {
				continue
			}
			again, _ := x.MarshalBinary()
			y := decodeLedger(t, &x)
			if again2, _ := y.MarshalBinary(); string(again) != string(again2) {
				t.Errorf("byte %d = %#x decodes, but not again alike", i, v)
			}
		}
	}
	var x Ledger
	if err := x.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
	cfg := RetentionConfig{}
	if diff := cmp.Diff(batchAnalyses(l, cfg), batchAnalyses(&x, cfg), opts, approx); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	cst := Ledger{Location: time.FixedZone("CST", 8*3600)}
	if err := cst.UnmarshalBinary(good); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("decoding UTC into CST: %v, want a config error", err)
	}
}

// FuzzLedgerBinary: decoding any bytes gives an error or a ledger whose
// encoding decodes to a ledger that encodes alike, and whose queries
// answer.
func FuzzLedgerBinary(f *testing.F) {
	l := ledgerOf(f, handStore())
	good, err := l.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	var empty Ledger
	e, _ := empty.MarshalBinary()
	f.Add(e)
	f.Fuzz(func(t *testing.T, data []byte) {
		var x Ledger
		if err := x.UnmarshalBinary(data); err != nil {
			return
		}
		b1, _ := x.MarshalBinary()
		b2, _ := decodeLedger(t, &x).MarshalBinary()
		if string(b1) != string(b2) {
			t.Fatalf("decoded again differently:\n%x\n%x", b1, b2)
		}
		if _, err := x.Repurchase(RepurchaseConfig{}); err != nil {
			t.Fatal(err)
		}
		x.RFM(RFMConfig{})
	})
}

// TestLedgerBinaryOverflowCanonical: a day's totals past int64 encode in
// their canonical form, so the same orders added in another order give
// the same bytes (found by review: the split of a total between its
// int64 and its exact part followed the order of the additions).
func TestLedgerBinaryOverflowCanonical(t *testing.T) {
	mk := func(id string, minor int64, h int) metrics.Order {
		o := order(id, "c", "2025-01-02", 1, "ads")
		o.PlacedAt = o.PlacedAt.Add(time.Duration(h) * time.Hour)
		o.Lines[0].UnitPrice = o.Currency.FromMinor(minor)
		return o
	}
	const half = 1 << 62
	orders := []metrics.Order{mk("o1", half, 0), mk("o2", half+10, 1), mk("o3", 5, 2)}
	enc := func(perm ...int) []byte {
		var l Ledger
		for _, i := range perm {
			if err := l.Add(orders[i]); err != nil {
				t.Fatal(err)
			}
		}
		b, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if b1, b2 := enc(0, 1, 2), enc(1, 0, 2); string(b1) != string(b2) {
		t.Errorf("the same orders in another order encode otherwise:\n%x\n%x", b1, b2)
	}
}

// TestLedgerBinaryKeyTable: the cohort keys are written in the order
// customers first use them, each used; a table with a key no customer
// uses is not an encoding MarshalBinary makes, and decoding it is an error
// (found by review: it decoded).
func TestLedgerBinaryKeyTable(t *testing.T) {
	var l Ledger
	for _, o := range []metrics.Order{order("1", "c1", "2025-01-02", 10, "ads"), order("2", "c2", "2025-01-02", 10, "search")} {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	good, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	k1 := []byte{3, 'a', 'd', 's', 0, 3, 't', 'e', 'a', 0}
	k2 := []byte{6, 's', 'e', 'a', 'r', 'c', 'h', 0, 3, 't', 'e', 'a', 0}
	i := bytes.Index(good, slices.Concat(k1, k2))
	if i < 1 || good[i-1] != 2 {
		t.Fatalf("the key table is not where the test expects it: % x", good)
	}
	unused := slices.Concat(good[:i-1], []byte{3}, k1, k2, []byte{1, 'z', 0, 0, 0}, good[i+len(k1)+len(k2):])
	for name, data := range map[string][]byte{"a key no customer uses": unused} {
		var x Ledger
		if err := x.UnmarshalBinary(data); !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt", name, err)
		}
	}
	var x Ledger
	if err := x.UnmarshalBinary(good); err != nil {
		t.Fatal(err)
	}
}

// TestBinaryZones: a zone travels by name and UTC offsets, and decodes
// as Merge compares zones (found by review: a zone was matched by name
// alone). A zone without a name, or time.Local (the encoding process's
// zone: a zero value would load this process's own), decodes only into
// an accumulator whose Location is set; a fixed zone with a real zone's name is not that zone;
// a set Location of the same name and other offsets is refused; the same
// zone, set or loaded by name, is taken.
func TestBinaryZones(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	o := order("o1", "c1", "2025-03-04", 100, "")
	encode := func(loc *time.Location) (ledger, activity []byte) {
		l, a := Ledger{Location: loc}, Activity{Location: loc}
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
		if err := a.Add(o); err != nil {
			t.Fatal(err)
		}
		lb, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		ab, err := a.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return lb, ab
	}
	for _, c := range []struct {
		name     string
		from, to *time.Location // to nil: a zero value, which loads the zone by name
		ok       bool
	}{
		{"a zone without a name into a zero value", time.FixedZone("", 8*3600), nil, false},
		{"a zone without a name into the same", time.FixedZone("", 8*3600), time.FixedZone("", 8*3600), true},
		{"a fixed zone named UTC at +8", time.FixedZone("UTC", 8*3600), nil, false},
		{"a fixed zone named EST at +8", time.FixedZone("EST", 8*3600), nil, false},
		{"CST +8 into CST −6", time.FixedZone("CST", 8*3600), time.FixedZone("CST", -6*3600), false},
		{"Asia/Shanghai loaded by name", shanghai, nil, true},
		{"Asia/Shanghai into Asia/Shanghai", shanghai, shanghai, true},
		{"UTC into a zero value", time.UTC, nil, true},
		{"time.Local into a zero value", time.Local, nil, false},
		{"time.Local into time.Local", time.Local, time.Local, true},
	} {
		lb, ab := encode(c.from)
		l, a := Ledger{Location: c.to}, Activity{Location: c.to}
		var ce *metrics.ConfigError
		lerr, aerr := l.UnmarshalBinary(lb), a.UnmarshalBinary(ab)
		for what, err := range map[string]error{"Ledger": lerr, "Activity": aerr} {
			switch {
			case c.ok && err != nil:
				t.Errorf("%s: %s: %v", c.name, what, err)
			case !c.ok && !errors.As(err, &ce):
				t.Errorf("%s: %s: %v, want a *metrics.ConfigError of its Location", c.name, what, err)
			}
		}
		if c.ok && (l.Customers() != 1 || a.Customers() != 1) {
			t.Errorf("%s: %d and %d customers decoded, want 1", c.name, l.Customers(), a.Customers())
		}
	}
}
