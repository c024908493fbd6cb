package clv

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// encodeGrouper returns g's encoding, failing t on an error.
func encodeGrouper(t interface{ Fatal(...any) }, g *Grouper) []byte {
	b, err := g.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// genCustomers draws customers as FromSummary gives them, in weeks (days
// over 7, so mostly not whole), with repeated rows (customers acquired on
// one day without a repeat), whole and fractional spend, −0, and whole
// weights (0 means 1).
func genCustomers(t *rapid.T) []Customer {
	n := rapid.IntRange(0, 40).Draw(t, "customers")
	out := make([]Customer, 0, n)
	for range n {
		age := rapid.IntRange(0, 60).Draw(t, "ageDays")
		c := Customer{T: float64(age) / 7}
		if x := rapid.IntRange(0, 3).Draw(t, "x"); x > 0 && age > 0 {
			c.X = float64(x)
			c.Tx = float64(rapid.IntRange(1, age).Draw(t, "recencyDays")) / 7
			c.Monetary = rapid.SampledFrom([]float64{10, 25.5, 99.99, 1e6, 1.0 / 3}).Draw(t, "monetary")
		} else if rapid.Bool().Draw(t, "negativeZero") {
			c.Monetary = math.Copysign(0, -1)
		}
		c.Weight = float64(rapid.IntRange(0, 3).Draw(t, "weight"))
		out = append(out, c)
	}
	return out
}

// TestGrouperBinaryMerge checks that shards grouped apart, encoded,
// decoded and merged give exactly the rows of one Grouper of all the
// customers, and the same bytes; that a decoded Grouper re-encodes to the
// same bytes and takes more customers as the original does; and that the
// same customers in reverse encode alike.
func TestGrouperBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs := genCustomers(t)
		var direct Grouper
		for _, c := range cs {
			direct.Add(c)
		}
		want := encodeGrouper(t, &direct)
		var rev Grouper
		for _, c := range slices.Backward(cs) {
			rev.Add(c)
		}
		if got := encodeGrouper(t, &rev); !bytes.Equal(got, want) {
			t.Fatalf("the same customers in reverse encode otherwise:\n%x\n%x", want, got)
		}
		shards := make([]Grouper, rapid.IntRange(1, 4).Draw(t, "shards"))
		for _, c := range cs {
			shards[rapid.IntRange(0, len(shards)-1).Draw(t, "shard")].Add(c)
		}
		var merged Grouper
		for i := range shards {
			enc := encodeGrouper(t, &shards[i])
			var back Grouper
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatal(err)
			}
			if again := encodeGrouper(t, &back); !bytes.Equal(again, enc) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", enc, again)
			}
			merged.Merge(&back)
		}
		if diff := cmp.Diff(direct.Rows(), merged.Rows()); diff != "" {
			t.Fatalf("rows of the merged shards (-direct +merged):\n%s", diff)
		}
		if got := encodeGrouper(t, &merged); !bytes.Equal(got, want) {
			t.Fatalf("merge of decoded shards encodes otherwise:\n%x\n%x", want, got)
		}
		var back Grouper
		if err := back.UnmarshalBinary(want); err != nil {
			t.Fatal(err)
		}
		for _, c := range genCustomers(t) {
			back.Add(c)
			direct.Add(c)
		}
		if diff := cmp.Diff(direct.Rows(), back.Rows()); diff != "" {
			t.Fatalf("customers added after decoding (-direct +decoded):\n%s", diff)
		}
	})
}

// binaryGrouper is a small Grouper of every kind of field: whole and
// fractional, large, and a weight of 2.
func binaryGrouper() *Grouper {
	var g Grouper
	for _, c := range []Customer{
		{X: 0, T: 3},
		{X: 0, T: 3},
		{X: 2, Tx: 10.0 / 7, T: 20.0 / 7, Monetary: 25.5},
		{X: 1, Tx: 1, T: 52, Monetary: 1e15, Weight: 2},
		{X: 1 << 40, Tx: 1, T: 2, Monetary: 1e300},
	} {
		g.Add(c)
	}
	return &g
}

// TestGrouperBinaryErrors checks the errors of UnmarshalBinary: every
// truncation, trailing bytes, another version and every single-byte change
// that does not make another valid encoding are errors wrapping
// metrics.ErrCorrupt that leave the Grouper unchanged; encodings not in
// their one form are refused; non-finite rows are not encoded.
func TestGrouperBinaryErrors(t *testing.T) {
	enc := encodeGrouper(t, binaryGrouper())
	keep := binaryGrouper()
	keep.Add(Customer{X: 7, Tx: 7, T: 7})
	before := encodeGrouper(t, keep)
	check := func(name string, data []byte) {
		t.Helper()
		err := keep.UnmarshalBinary(data)
		if !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: error %v, want one wrapping metrics.ErrCorrupt", name, err)
		}
		if got := encodeGrouper(t, keep); !bytes.Equal(got, before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the Grouper", name)
		}
	}
	for n := range len(enc) {
		check("truncated to "+strconv.Itoa(n), enc[:n])
	}
	check("trailing byte", append(slices.Clone(enc), 0))
	check("version 2", append([]byte{2}, enc[1:]...))
	for i := range enc {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(enc)
			bad[i] ^= x
			var y Grouper
			if y.UnmarshalBinary(bad) != nil {
				check("byte "+strconv.Itoa(i), bad)
				continue
			}
			again := encodeGrouper(t, &y)
			var z Grouper
			if err := z.UnmarshalBinary(again); err != nil || !bytes.Equal(encodeGrouper(t, &z), again) {
				t.Fatalf("byte %d ^ %#x decoded, and its re-encoding does not decode alike (%v)", i, x, err)
			}
		}
	}
	bits := func(v float64) []byte { return binary.LittleEndian.AppendUint64(nil, math.Float64bits(v)) }
	row := func(flags byte, fields ...[]byte) []byte {
		return slices.Concat(append([][]byte{{flags}}, fields...)...)
	}
	one := []byte{2} // the varint of 1
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"a whole number as float bits", slices.Concat([]byte{1, 1}, row(1, bits(3), one, one, one, one))},
		{"-0 as float bits", slices.Concat([]byte{1, 1}, row(8, one, one, one, bits(math.Copysign(0, -1)), one))},
		{"NaN", slices.Concat([]byte{1, 1}, row(8, one, one, one, bits(math.NaN()), one))},
		{"infinity", slices.Concat([]byte{1, 1}, row(16, one, one, one, one, bits(math.Inf(1))))},
		{"a varint past 2^53", slices.Concat([]byte{1, 1}, row(0, binary.AppendVarint(nil, 1<<53+1), one, one, one, one))},
		{"bad flags", slices.Concat([]byte{1, 1}, row(32, one, one, one, one, one))},
		{"rows repeated", slices.Concat([]byte{1, 2}, row(0, one, one, one, one, one), row(0, one, one, one, one, one))},
		{"rows out of order", slices.Concat([]byte{1, 2}, row(0, []byte{4}, one, one, one, one), row(0, one, one, one, one, one))},
	} {
		check(c.name, c.data)
	}
	var ok Grouper
	if err := ok.UnmarshalBinary(slices.Concat([]byte{1, 2}, row(0, one, one, one, one, one), row(0, []byte{4}, one, one, one, one))); err != nil {
		t.Errorf("two rows in order: %v", err)
	}

	var nan Grouper
	nan.Add(Customer{X: 1, Tx: 1, T: 2, Monetary: math.NaN()})
	var ce *CustomerError
	if _, err := nan.MarshalBinary(); !errors.As(err, &ce) || !errors.Is(err, ErrInvalidCustomer) {
		t.Errorf("a NaN row: %v, want a *CustomerError", err)
	}
}

// TestGrouperBinaryAllocation checks that decoding allocates in proportion
// to its input: at most 64 bytes per byte of an encoding of small whole
// rows (6 bytes each), and nothing much for a count beyond the data.
func TestGrouperBinaryAllocation(t *testing.T) {
	var g Grouper
	for i := range 5000 {
		g.Add(Customer{X: float64(i % 50), T: float64(i / 50)})
	}
	enc := encodeGrouper(t, &g)
	var ms0, ms1 runtime.MemStats
	var back Grouper
	runtime.ReadMemStats(&ms0)
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(enc)); per > 64 {
		t.Errorf("%.1f bytes allocated per byte of %d", per, len(enc))
	}
	runtime.ReadMemStats(&ms0)
	err := back.UnmarshalBinary([]byte{1, 0x80, 0x80, 0x80, 0x80, 0x40})
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, metrics.ErrCorrupt) || ms1.TotalAlloc-ms0.TotalAlloc > 4096 {
		t.Errorf("a count beyond the data: %v, %d bytes allocated", err, ms1.TotalAlloc-ms0.TotalAlloc)
	}
}

// FuzzGrouperUnmarshalBinary checks that decoding any bytes gives an error
// wrapping metrics.ErrCorrupt, never a panic, and leaves the Grouper
// unchanged; whatever decodes re-encodes to bytes that decode and encode
// alike again, and whose rows are valid input to Validate's checks of
// finiteness.
func FuzzGrouperUnmarshalBinary(f *testing.F) {
	f.Add(encodeGrouper(f, binaryGrouper()))
	f.Add(encodeGrouper(f, &Grouper{}))
	f.Add([]byte{1, 1, 0, 2, 2, 2, 2, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		g := binaryGrouper()
		before := encodeGrouper(t, g)
		if err := g.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, metrics.ErrCorrupt) {
				t.Fatalf("error %v does not wrap metrics.ErrCorrupt", err)
			}
			if !bytes.Equal(encodeGrouper(t, g), before) {
				t.Fatal("a failed UnmarshalBinary changed the Grouper")
			}
			return
		}
		again := encodeGrouper(t, g)
		var y Grouper
		if err := y.UnmarshalBinary(again); err != nil || !bytes.Equal(encodeGrouper(t, &y), again) {
			t.Fatalf("the re-encoding does not decode alike (%v)", err)
		}
		if y.Len() != g.Len() {
			t.Fatalf("%d rows, then %d", g.Len(), y.Len())
		}
		y.Merge(binaryGrouper())
	})
}
