package wire

import (
	"errors"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var errTest = errors.New("test: corrupt")

func corrupt(what string) error { return errors.Join(errTest, errors.New(what)) }

func TestRoundTrip(t *testing.T) {
	var b []byte
	b = append(b, 7, 1)
	b = appendUvarint(b, 300)
	b = appendVarint(b, -5)
	b = appendUvarint(b, math.MaxInt64)
	b = AppendString(b, "门店")
	b = AppendString(b, "")
	d := NewDecoder(b, corrupt)
	type got struct {
		B      byte
		F      bool
		U      uint64
		V      int64
		C      int64
		S1, S2 string
	}
	g := got{d.Byte(), d.Bool(), d.Uvarint(), d.Varint(), d.Count(), d.Text(), d.Text()}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got{7, true, 300, -5, math.MaxInt64, "门店", ""}, g); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
}

func TestProblems(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		read func(d *Decoder)
		want string
	}{
		{"truncated byte", nil, func(d *Decoder) { d.Byte() }, "truncated"},
		{"bad flag", []byte{2}, func(d *Decoder) { d.Bool() }, "flag out of range"},
		{"overlong varint", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, func(d *Decoder) { d.Uvarint() }, "truncated or overlong number"},
		{"longer form of 0", []byte{0x80, 0x00}, func(d *Decoder) { d.Uvarint() }, "truncated or overlong number"},
		{"longer form of 1", []byte{0x81, 0x80, 0x00}, func(d *Decoder) { d.Uvarint() }, "truncated or overlong number"},
		{"longer form of -44", []byte{0xd7, 0x00}, func(d *Decoder) { d.Varint() }, "truncated or overlong number"},
		{"count out of range", appendUvarint(nil, math.MaxUint64), func(d *Decoder) { d.Count() }, "count out of range"},
		{"length beyond the data", appendUvarint(nil, 5), func(d *Decoder) { d.Text() }, "length beyond the data"},
		{"trailing bytes", []byte{1, 2}, func(d *Decoder) { d.Byte() }, "trailing bytes"},
	} {
		d := NewDecoder(c.data, corrupt)
		c.read(&d)
		if c.name != "trailing bytes" {
			// After a problem every read gives zeros, and the first
			// problem stays.
			if d.Byte() != 0 || d.Uvarint() != 0 || d.Text() != "" {
				t.Errorf("%s: reads after the problem are not zero", c.name)
			}
		}
		err := d.End()
		if !errors.Is(err, errTest) || err == nil || !contains(err.Error(), c.want) {
			t.Errorf("%s: End() = %v, want an error wrapping errTest saying %q", c.name, err, c.want)
		}
	}
	var zero Decoder
	zero.Byte()
	if err := zero.End(); err == nil || err.Error() != "wire: corrupt binary data: truncated" {
		t.Errorf("zero Decoder: %v", err)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// FuzzDecoder reads arbitrary bytes with every method in an order the
// input chooses: never a panic, and End reports a problem or none.
func FuzzDecoder(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3})
	f.Add(AppendString([]byte{5}, "abc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewDecoder(data, corrupt)
		for i := 0; i < 64 && d.Len() > 0; i++ {
			switch data[i%len(data)] % 7 {
			case 0:
				d.Byte()
			case 1:
				d.Bool()
			case 2:
				d.Uvarint()
			case 3:
				d.Varint()
			case 4:
				d.Count()
			case 5:
				d.Text()
			case 6:
				d.Bytes(int(data[0]) - 8)
			}
		}
		if err := d.End(); err != nil && !errors.Is(err, errTest) {
			t.Fatalf("End() = %v, not the package's error", err)
		}
	})
}
