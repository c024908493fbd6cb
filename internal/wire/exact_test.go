package wire

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestExact checks the exact numbers' form directly (internal/moneywire's
// tests check it through money.Total, with rapid and a fuzz target): a
// round trip to the canonical form, and hand-made encodings refused.
func TestExact(t *testing.T) {
	half := decimal.RequireFromString("0.50")
	big := decimal.RequireFromString("9223372036854775808") // 2^63: past int64
	for _, c := range []struct {
		name  string
		units int64
		extra *decimal.Decimal
		want  string // the canonical value
	}{
		{"whole", -44, nil, "-44"},
		{"half", 3, &half, "3.5"},
		{"past int64", 0, &big, "9223372036854775808"},
		{"back in int64", -1, &big, "9223372036854775807"},
	} {
		b := AppendExact(nil, c.units, c.extra)
		d := NewDecoder(b, nil)
		u, e := d.Exact()
		if err := d.End(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got := decimal.NewFromInt(u)
		if e != nil {
			got = got.Add(*e)
		}
		if got.String() != c.want || !IsCanonicalExact(u, e) {
			t.Errorf("%s: decoded %s (%d, %v), want %s in canonical form", c.name, got, u, e, c.want)
		}
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"flag 2", []byte{0, 2}},
		{"extra that fits in units", []byte{0, 1, 2, 1, 1, 0}},          // 0 + 1e0
		{"units beside an extra", []byte{2, 1, 2, 1, 1, 1}},             // 1 + 0.1
		{"trailing zero in the coefficient", []byte{0, 1, 2, 1, 10, 1}}, // 10e-1
		{"leading zero byte", []byte{0, 1, 2, 2, 0, 1, 1}},              // coefficient 00 01
		{"sign disagrees", []byte{0, 1, 1, 1, 1, 1}},                    // "zero" sign, coefficient 1
		{"exponent past MaxExp", []byte{0, 1, 2, 1, 1, 0xd2, 0x0f}},     // 1e1001
		{"truncated", []byte{0, 1, 2, 1}},
	} {
		d := NewDecoder(c.data, nil)
		d.Exact()
		if d.End() == nil {
			t.Errorf("%s: % x decoded", c.name, c.data)
		}
	}
}
