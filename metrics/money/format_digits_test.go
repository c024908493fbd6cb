package money

import (
	"strings"
	"testing"
)

// Bengali (bn) writes numbers with its own digits (০–৯). The formatter took
// the integer part from CLDR but glued ASCII decimals and a mangled
// separator to it: "১,২৩৪১.৫50".
func TestFormatterNativeDigits(t *testing.T) {
	f := MustFormatter("bn")
	got := f.Number(MustNew("1234.5", "CNY"))
	// CLDR bn: Bengali digits, "," grouping, "." decimal point.
	if want := "১,২৩৪.৫০"; got != want {
		t.Errorf("bn Number = %q, want %q", got, want)
	}
	big := f.Number(MustNew("92233720368547758.07", "USD"))
	if strings.ContainsAny(big, "0123456789") {
		t.Errorf("bn Number beyond int64 = %q mixes ASCII digits", big)
	}
}
