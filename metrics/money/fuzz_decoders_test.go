package money

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/language"
)

// isCode reports whether s has the form of an ISO 4217 code: three ASCII
// capitals.
func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// FuzzParseCurrency checks that ParseCurrency accepts only three capitals,
// that an accepted code round-trips through Code and MarshalText, and that
// a refusal is a *CurrencyError naming the input and wrapping
// ErrUnknownCurrency.
func FuzzParseCurrency(f *testing.F) {
	for _, s := range []string{"CNY", "JPY", "BHD", "XXX", "XTS", "AAA", "cny", "", "CN", "CNYY", "ZZZ", "\x00\x00\x00", "ÄÄ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCurrency(s)
		if err != nil {
			var ce *CurrencyError
			if !errors.As(err, &ce) || ce.Code != s || !errors.Is(err, ErrUnknownCurrency) {
				t.Fatalf("ParseCurrency(%q) error %v is not a *CurrencyError naming the input", s, err)
			}
			if !c.IsZero() {
				t.Fatalf("ParseCurrency(%q) failed but returned %v", s, c)
			}
			return
		}
		if !isCode(s) {
			t.Fatalf("ParseCurrency accepted %q", s)
		}
		if c.IsZero() || c.Code() != s || c.String() != s {
			t.Fatalf("ParseCurrency(%q) = %q (zero %v)", s, c.Code(), c.IsZero())
		}
		if d := c.Digits(); d < 0 || d > 4 {
			t.Fatalf("%s has %d minor digits", s, d)
		}
		b, err := c.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText(%s) = %q, %v", s, b, err)
		}
		if z := c.Zero(); z.Currency() != c || !z.IsZero() {
			t.Fatalf("%s.Zero() = %v", s, z)
		}
	})
}

// FuzzCurrencyUnmarshalText checks that UnmarshalText agrees with
// ParseCurrency (and reads an empty text as the zero Currency), leaves the
// currency alone when it fails, and round-trips through MarshalText.
func FuzzCurrencyUnmarshalText(f *testing.F) {
	for _, s := range []string{"CNY", "USD", "", "usd", "XYZ", "EU", "EURO", "\xff\xfe\xfd"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c := MustCurrency("EUR")
		err := c.UnmarshalText(b)
		want, werr := ParseCurrency(string(b))
		switch {
		case len(b) == 0:
			if err != nil || !c.IsZero() {
				t.Fatalf("UnmarshalText(\"\") = %v, %v; want the zero Currency", c, err)
			}
		case (err == nil) != (werr == nil):
			t.Fatalf("UnmarshalText(%q) error %v, ParseCurrency error %v", b, err, werr)
		case err != nil:
			if c != MustCurrency("EUR") {
				t.Fatalf("UnmarshalText(%q) failed but changed the currency to %v", b, c)
			}
			if !errors.Is(err, ErrUnknownCurrency) {
				t.Fatalf("UnmarshalText(%q) error %v does not wrap ErrUnknownCurrency", b, err)
			}
			return
		case c != want:
			t.Fatalf("UnmarshalText(%q) = %v, ParseCurrency gives %v", b, c, want)
		}
		enc, err := c.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Currency
		if err := back.UnmarshalText(enc); err != nil || back != c {
			t.Fatalf("%q -> %v -> %q -> %v, %v", b, c, enc, back, err)
		}
	})
}

// FuzzNewFormatter checks that NewFormatter fails exactly on the locales
// that language.Parse rejects, and that a formatter never panics and writes
// the exact (rounded) amount: reading its output back with its own digits,
// decimal and grouping separators gives the amount rounded half-even to
// the currency's minor units, and Format is Number behind a symbol.
func FuzzNewFormatter(f *testing.F) {
	for _, l := range []string{"zh-CN", "en-US", "de-DE", "en-IN", "bn", "ar-EG", "fa", "fr-CH", "", "x", "und", "zh-Hans-CN-u-nu-hanidec", "en-u-nu-thai"} {
		f.Add(l, int64(123456789), uint8(2), "CNY")
	}
	f.Add("en-US", int64(-5), uint8(3), "JPY")
	f.Add("de-DE", int64(-9223372036854775808), uint8(0), "BHD")
	f.Fuzz(func(t *testing.T, locale string, units int64, scale uint8, code string) {
		var fm *Formatter
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			fm, err = NewFormatter(locale)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("NewFormatter(%q) did not return in 10 s", locale)
		}
		_, perr := language.Parse(locale)
		if (err == nil) != (perr == nil) {
			t.Fatalf("NewFormatter(%q) error %v, language.Parse error %v", locale, err, perr)
		}
		if err != nil {
			if fm != nil {
				t.Fatalf("NewFormatter(%q) failed but returned a formatter", locale)
			}
			return
		}
		if fm.Locale() == "" {
			t.Fatalf("NewFormatter(%q) has an empty locale", locale)
		}
		c, err := ParseCurrency(code)
		if err != nil {
			c = MustCurrency("CNY")
		}
		m, err := c.FromDecimal(decimal.New(units, -int32(scale%8)))
		if err != nil {
			return // out of range for the currency
		}
		num := fm.Number(m)
		if !utf8.ValidString(num) || num == "" {
			t.Fatalf("%s: Number(%s) = %q", locale, m, num)
		}
		want := m.Round(RoundHalfEven).Amount()
		if got, ok := readNumber(fm, num); !ok || got != want {
			t.Fatalf("%s: Number(%s) = %q, which reads back as %q (ok %v), want %q (digits %q, decimal %q, group %q)",
				locale, m, num, got, ok, want, fm.digits, fm.decimal, fm.group)
		}
		out := fm.Format(m)
		if !utf8.ValidString(out) || !strings.HasSuffix(out, strings.TrimPrefix(num, "-")) || strings.HasPrefix(out, "-") != strings.HasPrefix(num, "-") {
			t.Fatalf("%s: Format(%s) = %q, Number = %q", locale, m, out, num)
		}
	})
}

// TestNewFormatterHantNumberingHang is the reproducer of the hang that
// FuzzNewFormatter found: NewFormatter("zh-TW-u-nu-hanidec") never
// returned (inside message.NewPrinter); NewFormatter now drops the
// numbering system x/text cannot serve for Traditional Chinese.
func TestNewFormatterHantNumberingHang(t *testing.T) {
	for _, l := range []string{"zh-TW-u-nu-hanidec", "zh-Hant-TW-u-nu-hanidec", "zh-Hant-u-nu-hantfin"} {
		done := make(chan error, 1)
		go func() { _, err := NewFormatter(l); done <- err }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("NewFormatter(%q) did not return in 10 s", l)
		}
	}
}

// readNumber reads a number written by f.Number back into the plain form
// of Money.Amount.
func readNumber(f *Formatter, s string) (string, bool) {
	var b strings.Builder
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		b.WriteByte('-')
		s = rest
	}
	dot := false
next:
	for s != "" {
		for d, ds := range f.digits {
			if ds != "" && strings.HasPrefix(s, ds) {
				b.WriteByte(byte('0' + d))
				s = s[len(ds):]
				continue next
			}
		}
		switch {
		case !dot && f.decimal != "" && strings.HasPrefix(s, f.decimal):
			b.WriteByte('.')
			dot = true
			s = s[len(f.decimal):]
		case !dot && f.group != "" && strings.HasPrefix(s, f.group):
			s = s[len(f.group):]
		default:
			// CLDR may group with a separator other than the one derived
			// from 1000 (as none for four digits): accept any non-digit rune
			// in the integer part, once.
			r, n := utf8.DecodeRuneInString(s)
			if dot || r == utf8.RuneError || n == 0 {
				return b.String(), false
			}
			s = s[n:]
		}
	}
	return b.String(), true
}
