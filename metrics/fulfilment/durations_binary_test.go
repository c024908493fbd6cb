package fulfilment_test

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/internal/wiretest"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/fulfilment"
	"pgregory.net/rapid"
)

// encodeDurations returns d's encoding, failing the test on an error.
func encodeDurations(t interface{ Fatal(...any) }, d *fulfilment.Durations) []byte {
	b, err := d.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// durationsState is what Durations shows: its count and quantiles.
func durationsState(d *fulfilment.Durations) []any {
	out := []any{d.Len(), d.Times()}
	for _, p := range []float64{0, 0.25, 0.75, 1} {
		q, ok := d.Quantile(p)
		out = append(out, q, ok)
	}
	return out
}

// TestDurationsBinaryMerge checks that durations split over shards,
// encoded, decoded and merged give what adding them all gives, that a
// decoded Durations re-encodes to its bytes, and that the same durations
// in another order encode alike.
func TestDurationsBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		xs := rapid.SliceOfN(rapid.OneOf(rapid.Int64Range(0, 3000), rapid.Int64Range(0, math.MaxInt64)), 0, 50).Draw(t, "durations")
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		parts := make([]fulfilment.Durations, shards)
		var direct, rev fulfilment.Durations
		for _, x := range xs {
			direct.Add(time.Duration(x))
			parts[rapid.IntRange(0, shards-1).Draw(t, "shard")].Add(time.Duration(x))
		}
		for _, x := range slices.Backward(xs) {
			rev.Add(time.Duration(x))
		}
		var merged fulfilment.Durations
		for k := range parts {
			b := encodeDurations(t, &parts[k])
			var back fulfilment.Durations
			if err := back.UnmarshalBinary(b); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := encodeDurations(t, &back); !bytes.Equal(again, b) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", b, again)
			}
			merged.Merge(&back)
		}
		if diff := cmp.Diff(durationsState(&direct), durationsState(&merged)); diff != "" {
			t.Fatalf("merge of decoded shards != direct (-want +got):\n%s", diff)
		}
		if a, b := encodeDurations(t, &direct), encodeDurations(t, &rev); !bytes.Equal(a, b) {
			t.Fatalf("equal Durations encode differently:\n%x\n%x", a, b)
		}
		if a, b := encodeDurations(t, &direct), encodeDurations(t, &merged); !bytes.Equal(a, b) {
			t.Fatalf("the merged Durations encode otherwise than the direct ones:\n%x\n%x", a, b)
		}
	})
}

// binaryDurations holds delivery times of a few orders.
func binaryDurations() *fulfilment.Durations {
	var d fulfilment.Durations
	for _, h := range []int{26, 48, 48, 30, 300} {
		d.Add(time.Duration(h)*time.Hour + 90*time.Second)
	}
	return &d
}

// TestDurationsBinaryErrors checks (wiretest.Check) that every
// truncation of a real encoding and every other version byte is an error
// wrapping ErrCorrupt and metrics.ErrCorrupt, every single-byte change is
// refused or makes another valid encoding (which re-encodes to the same
// bytes), a refusal leaves the receiver as it was; and that hand-made
// encodings of what no Durations holds are refused.
func TestDurationsBinaryErrors(t *testing.T) {
	newKeep := func() wiretest.Codec {
		d := binaryDurations()
		d.Add(time.Minute)
		return d
	}
	data := encodeDurations(t, binaryDurations())
	for _, sentinel := range []error{fulfilment.ErrCorrupt, metrics.ErrCorrupt} {
		wiretest.Check(t, wiretest.Case{Name: "Durations", Data: data, New: newKeep, Corrupt: sentinel, MinRefused: 0.5})
	}
	keep := newKeep()
	before := wiretest.Encode(t, keep)
	refused := func(what string, bad []byte) {
		t.Helper()
		err := keep.UnmarshalBinary(bad)
		if !errors.Is(err, fulfilment.ErrCorrupt) || !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: error %v, want fulfilment.ErrCorrupt and metrics.ErrCorrupt", what, err)
		}
		if !bytes.Equal(wiretest.Encode(t, keep), before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the receiver", what)
		}
	}
	maxMinute := uint64(math.MaxInt64 / int64(time.Minute))
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"minutes out of order", []byte{1, 2, 5, 1, 4, 1}},
		{"a minute twice", []byte{1, 2, 5, 1, 5, 1}},
		{"a minute of no duration", []byte{1, 1, 5, 0}},
		{"a minute past time.Duration", append(append([]byte{1, 1}, uvarint(maxMinute+1)...), 1)},
		{"more durations than an int64 counts", append(append([]byte{1, 2, 1}, uvarint(math.MaxInt64)...), 2, 1)},
		{"an overlong count", []byte{1, 1, 5, 0x81, 0x00}},
	} {
		refused(c.name, c.data)
	}
	// The hand-made encodings above fail for the reason they name: the
	// same bytes in order decode.
	var ok fulfilment.Durations
	if err := ok.UnmarshalBinary(append(append([]byte{1, 2, 4, 1}, uvarint(maxMinute)...), 1)); err != nil {
		t.Fatalf("a valid hand-made encoding: %v", err)
	}
	if got, _ := ok.Quantile(0); ok.Len() != 2 || got != 4*time.Minute {
		t.Errorf("a valid hand-made encoding decoded to %d durations from %v", ok.Len(), got)
	}
}

func uvarint(v uint64) []byte {
	var b []byte
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// TestDurationsBinaryAllocation checks that decoding allocates in
// proportion to its input (a month of distinct minutes, each 3 or 4
// bytes, at most 64 bytes allocated per byte: the map's entries), and
// almost nothing for a length claiming more minutes than there are bytes.
func TestDurationsBinaryAllocation(t *testing.T) {
	var d fulfilment.Durations
	for m := range 44_640 {
		d.Add(time.Duration(m) * time.Minute)
	}
	data := encodeDurations(t, &d)
	var ms0, ms1 runtime.MemStats
	var back fulfilment.Durations
	runtime.ReadMemStats(&ms0)
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(data)); per > 64 {
		t.Errorf("%.1f bytes allocated per byte of %d", per, len(data))
	}
	runtime.ReadMemStats(&ms0)
	err := back.UnmarshalBinary([]byte{1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20})
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, fulfilment.ErrCorrupt) {
		t.Errorf("a length beyond the data: %v", err)
	}
	if n := ms1.TotalAlloc - ms0.TotalAlloc; n > 1024 {
		t.Errorf("a length beyond the data: %d bytes allocated", n)
	}
}

// FuzzDurationsUnmarshal checks that decoding any bytes gives Durations
// or an error wrapping ErrCorrupt, never a panic, leaving the receiver
// unchanged on error, and that what decodes re-encodes to the same bytes.
func FuzzDurationsUnmarshal(f *testing.F) {
	f.Add(encodeDurations(f, binaryDurations()))
	f.Add(encodeDurations(f, &fulfilment.Durations{}))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := binaryDurations()
		if !wiretest.Fuzz(t, d, data, fulfilment.ErrCorrupt) {
			if err := d.UnmarshalBinary(data); !errors.Is(err, metrics.ErrCorrupt) {
				t.Fatalf("error %v does not wrap metrics.ErrCorrupt", err)
			}
			return
		}
		d.Merge(binaryDurations())
		_ = d.Times()
	})
}

// BenchmarkDurationsBinary reports the size of the encoding of the demo
// store's times to the door (internal/sample, December 2025, the default
// review's month) per delivered order, and the time to encode and decode
// it.
func BenchmarkDurationsBinary(b *testing.B) {
	var d fulfilment.Durations
	for o := range sample.Orders(sample.Config{}) {
		if o.PlacedAt.Year() == 2025 && o.PlacedAt.Month() == time.December && !o.DeliveredAt.IsZero() && o.Status != metrics.Cancelled {
			d.Add(o.DeliveredAt.Sub(o.PlacedAt))
		}
	}
	if d.Len() == 0 {
		b.Fatal("no delivered order in December 2025")
	}
	var data []byte
	for b.Loop() {
		data = encodeDurations(b, &d)
		var back fulfilment.Durations
		if err := back.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(data)), "bytes")
	b.ReportMetric(float64(len(data))/float64(d.Len()), "bytes/order")
	b.ReportMetric(float64(d.Len()), "orders")
}
