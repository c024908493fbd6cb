package fulfilment

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// checkTracker returns a Tracker of three orders over two carriers and
// regions: delivered on time, delivered late, and shipped but late
// undelivered at AsOf.
func checkTracker(t *testing.T) *Tracker {
	t.Helper()
	at := func(h int) time.Time {
		return time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC).Add(time.Duration(h) * time.Hour)
	}
	tr := &Tracker{AsOf: at(240)}
	for _, o := range []metrics.Order{
		{ID: "a", PlacedAt: at(0), PaidAt: at(1), ShippedAt: at(3), DeliveredAt: at(40), PromisedBy: at(72), Carrier: "SF", Region: "Zhejiang"},
		{ID: "b", PlacedAt: at(0), ShippedAt: at(30), DeliveredAt: at(100), PromisedBy: at(72), Carrier: "YTO", Region: "Zhejiang"},
		{ID: "c", PlacedAt: at(2), PaidAt: at(2), ShippedAt: at(5), PromisedBy: at(96), Carrier: "SF", Region: "Jiangsu"},
	} {
		if err := tr.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// TestTrackerBinaryImpossible checks that UnmarshalBinary refuses the
// encodings of figures no orders make (each made by changing a real
// Tracker's state, which MarshalBinary writes as it is), and of groups
// out of order; and that the Tracker they come from decodes.
func TestTrackerBinaryImpossible(t *testing.T) {
	var ok Tracker
	if err := ok.UnmarshalBinary(mustEncode(t, checkTracker(t))); err != nil {
		t.Fatalf("the Tracker the cases come from: %v", err)
	}
	// The total: 3 orders, 3 shipped (1 measured from placing), 2
	// delivered with 2 times to deliver; 1 on time, 2 late of which 1
	// undelivered; no pending order, none without a promise.
	const (
		adds     = "do not add up to the orders"
		statuses = "statuses that do not add up"
		times    = "more times than orders"
		late     = "late or pending orders out of range"
		groups   = "do not add up to the total"
	)
	for _, c := range []struct {
		name   string
		change func(tr *Tracker)
		want   string
	}{
		{"an order too many", func(tr *Tracker) { tr.total.orders++ }, adds},
		{"a shipped order unshipped too", func(tr *Tracker) { tr.total.unshipped++ }, adds},
		{"a delivered order undelivered too", func(tr *Tracker) { tr.total.undelivered++ }, adds},
		{"statuses that do not add up", func(tr *Tracker) { tr.total.onTime++ }, statuses},
		{"more shipped from placing than shipped", func(tr *Tracker) { tr.total.shipFromPlaced = 4 }, times},
		{"more times to deliver than delivered", func(tr *Tracker) { tr.total.deliver.Add(time.Hour) }, times},
		{"more late undelivered than late", func(tr *Tracker) { tr.total.lateUndelivered, tr.total.late, tr.total.onTime = 2, 1, 2 }, late},
		{"more pending and late undelivered than undelivered", func(tr *Tracker) { tr.total.pending, tr.total.onTime = 1, 0 }, late},
		{"more on-time and late delivered than delivered", func(tr *Tracker) { tr.total.lateUndelivered = 0 }, late},
		{"a carrier's cancelled order not in the total", func(tr *Tracker) { tr.carriers["SF"].cancelled++ }, groups},
		{"a carrier's time not in the total", func(tr *Tracker) {
			g := tr.carriers["YTO"] // its one time to the door a minute later
			m := g.door.minutes()[0]
			g.door.addCount(m, -1)
			g.door.addCount(m+1, 1)
		}, groups},
		{"a region missing", func(tr *Tracker) { delete(tr.regions, "Jiangsu") }, groups},
	} {
		tr := checkTracker(t)
		c.change(tr)
		var x Tracker
		err := x.UnmarshalBinary(mustEncode(t, tr))
		if !errors.Is(err, ErrCorrupt) || !errors.Is(err, metrics.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrCorrupt saying %q", c.name, err, c.want)
		}
	}
	// The carriers in reverse order.
	tr := checkTracker(t)
	b := wire.AppendTime([]byte{trackerV1}, tr.AsOf)
	b = tr.total.append(b)
	b = binary.AppendUvarint(b, 2)
	for _, k := range []string{"YTO", "SF"} {
		b = tr.carriers[k].append(wire.AppendString(b, k))
	}
	b = binary.AppendUvarint(b, uint64(len(tr.regions)))
	for _, k := range sortedKeys(tr.regions) {
		b = tr.regions[k].append(wire.AppendString(b, k))
	}
	var x Tracker
	if err := x.UnmarshalBinary(b); !errors.Is(err, ErrCorrupt) {
		t.Errorf("carriers out of order: error %v, want ErrCorrupt", err)
	}
}

func mustEncode(t *testing.T, tr *Tracker) []byte {
	t.Helper()
	b, err := tr.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLinkBinaryNothingKnown checks that UnmarshalBinary refuses an order
// ID that was neither added nor referred to, which no Link holds, and
// decodes the same ID with a ticket.
func TestLinkBinaryNothingKnown(t *testing.T) {
	l := &Link{}
	l.AddTicket("o1")
	b, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var x Link
	if err := x.UnmarshalBinary(b); err != nil {
		t.Fatalf("a Link of one ticket: %v", err)
	}
	l.orders["o1"].tickets = 0
	if b, err = l.MarshalBinary(); err != nil {
		t.Fatal(err)
	}
	if err := x.UnmarshalBinary(b); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "nothing is known") {
		t.Errorf("an order of which nothing is known: error %v, want ErrCorrupt", err)
	}
}

// TestLinkBinaryOrder checks that UnmarshalBinary refuses order IDs out
// of order or repeated, which MarshalBinary never writes (decoding them
// would give a Link that encodes to other bytes), and decodes the same
// IDs in increasing order.
func TestLinkBinaryOrder(t *testing.T) {
	enc := func(ids ...string) []byte {
		b := wire.AppendTime([]byte{linkV1}, time.Time{})
		b = binary.AppendUvarint(b, uint64(len(ids)))
		for _, id := range ids {
			b = wire.AppendString(b, id)
			b = append(b, 0, 0, 1) // not added, no late refund, a ticket
		}
		return b
	}
	var x Link
	if err := x.UnmarshalBinary(enc("a", "b")); err != nil {
		t.Fatalf("IDs in order: %v", err)
	}
	for _, ids := range [][]string{{"b", "a"}, {"a", "a"}, {"a", "c", "b"}} {
		var y Link
		err := y.UnmarshalBinary(enc(ids...))
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "out of order or repeated") {
			t.Errorf("IDs %q: error %v, want ErrCorrupt saying out of order", ids, err)
		}
	}
}

// TestTrackerBinaryGhostGroup checks that UnmarshalBinary refuses a
// carrier or region of no orders, cancelled or not, which no Add makes
// (ByCarrier would list it), and decodes one of a cancelled order only.
func TestTrackerBinaryGhostGroup(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(tr *Tracker)
	}{
		{"a carrier", func(tr *Tracker) { tr.carriers["ghost"] = &group{} }},
		{"a region", func(tr *Tracker) { tr.regions["ghost"] = &group{} }},
	} {
		tr := checkTracker(t)
		c.change(tr)
		var x Tracker
		err := x.UnmarshalBinary(mustEncode(t, tr))
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "of no orders") {
			t.Errorf("%s of no orders: error %v, want ErrCorrupt saying of no orders", c.name, err)
		}
	}
	tr := checkTracker(t)
	if err := tr.Add(metrics.Order{ID: "d", Status: metrics.Cancelled, Carrier: "ZTO", Region: "Anhui"}); err != nil {
		t.Fatal(err)
	}
	var x Tracker
	if err := x.UnmarshalBinary(mustEncode(t, tr)); err != nil {
		t.Errorf("a carrier and a region of a cancelled order only: %v", err)
	}
}

// TestBinaryTimeCanonical checks that Tracker and Link refuse an AsOf
// that time.Time.UnmarshalBinary takes but MarshalBinary never writes
// (nanoseconds of 1.5e9, which decode to another time), and take
// the same instant in its canonical form.
func TestBinaryTimeCanonical(t *testing.T) {
	asOf := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	canon, err := asOf.Add(500 * time.Millisecond).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	odd := binary.BigEndian.AppendUint64([]byte{1}, uint64(asOf.Unix()+62135596800))
	odd = binary.BigEndian.AppendUint32(odd, 1_500_000_000)
	odd = binary.BigEndian.AppendUint16(odd, 0xFFFF)
	var check time.Time
	if err := check.UnmarshalBinary(odd); err != nil {
		t.Fatalf("time.Time refuses the non-canonical time (%v): the test is no longer about it", err)
	}
	if again, _ := check.MarshalBinary(); bytes.Equal(again, odd) {
		t.Fatalf("the non-canonical time re-encodes alike: the test is no longer about it")
	}
	for _, c := range []struct {
		name string
		x    interface{ UnmarshalBinary([]byte) error }
		v    byte
	}{{"Tracker", &Tracker{}, trackerV1}, {"Link", &Link{}, linkV1}} {
		enc := func(tb []byte) []byte {
			b := binary.AppendUvarint([]byte{c.v}, uint64(len(tb)))
			b = append(b, tb...)
			if c.name == "Tracker" {
				var g group
				b = g.append(b)
				b = binary.AppendUvarint(b, 0)
			}
			return binary.AppendUvarint(b, 0)
		}
		if err := c.x.UnmarshalBinary(enc(canon)); err != nil {
			t.Errorf("%s, a canonical AsOf: %v", c.name, err)
		}
		err := c.x.UnmarshalBinary(enc(odd))
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "canonical") {
			t.Errorf("%s, nanoseconds 1.5e9: error %v, want ErrCorrupt saying not canonical", c.name, err)
		}
	}
}
