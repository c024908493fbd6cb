package promo

import (
	"testing"
	"unicode/utf8"
)

// FuzzParseMechanism checks that ParseMechanism never panics, accepts
// exactly the names Mechanism.String writes (so a file written is read
// back), and rejects everything else, however close.
func FuzzParseMechanism(f *testing.F) {
	for _, n := range mechanismNames {
		f.Add(n)
	}
	for _, s := range []string{"", "Percent_Off", "percent_off ", " coupon", "coupon\x00", "Mechanism(?)", "spend_save\n", "买赠", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMechanism(s)
		if !ok {
			if m != 0 {
				t.Fatalf("ParseMechanism(%q) = %v, false; want the zero Mechanism with false", s, m)
			}
			for i := range len(mechanismNames) {
				if Mechanism(i).String() == s {
					t.Fatalf("ParseMechanism(%q) rejected the name of %d", s, i)
				}
			}
			return
		}
		if m.String() != s {
			t.Fatalf("ParseMechanism(%q) = %v, which writes as %q", s, m, m.String())
		}
		if !utf8.ValidString(s) {
			t.Fatalf("ParseMechanism accepted invalid UTF-8 %q", s)
		}
	})
}

// TestMechanismRoundTrip checks every Mechanism against its name.
func TestMechanismRoundTrip(t *testing.T) {
	for m := PercentOff; m <= Coupon; m++ {
		got, ok := ParseMechanism(m.String())
		if !ok || got != m {
			t.Errorf("ParseMechanism(%q) = %v, %v; want %v, true", m.String(), got, ok, m)
		}
	}
	if got, ok := ParseMechanism(Mechanism(200).String()); ok {
		t.Errorf("ParseMechanism of an unknown mechanism's name = %v, true; want false", got)
	}
}
