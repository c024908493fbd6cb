package money

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Formatter formats amounts for people, in the conventions of one locale:
// "¥1,234.50" in zh-CN, "$1,234.50" and "CN¥1,234.50" in en-US,
// "1.234,50" grouping in de-DE, lakh grouping ("₹12,34,567.00") in en-IN.
//
// Symbols, digit grouping and the decimal separator come from CLDR through
// golang.org/x/text, as do the digits of locales that write their own
// ("১,২৩৪.৫০" in bn); the value itself comes from the exact decimal, so no
// amount passes through a float. The locale's own currency is shown with
// its narrow symbol ("¥" in zh-CN, "$" in en-US) and other currencies with
// their distinguishing symbol ("US$" in zh-CN, "CN¥" in en-US). The symbol
// always precedes the number, with the minus sign before the symbol.
//
// A Formatter is immutable and safe for concurrent use.
type Formatter struct {
	tag     language.Tag
	printer *message.Printer
	decimal string     // the decimal separator
	group   string     // the grouping separator, for integer parts beyond int64
	digits  [10]string // the locale's digits: "0"–"9", or "০"–"৯" in bn
	mode    RoundingMode
}

// NewFormatter returns a formatter for a BCP 47 locale such as "zh-CN" or
// "en-US". It returns an error if the locale is malformed.
//
// A numbering system other than latn asked of Traditional Chinese (such as
// zh-TW-u-nu-hanidec) is dropped and the locale's own digits are used:
// golang.org/x/text never returns from such a printer.
func NewFormatter(locale string) (*Formatter, error) {
	tag, err := language.Parse(locale)
	if err != nil {
		return nil, fmt.Errorf("money: locale %q: %w", locale, err)
	}
	if hantNumbering(tag) {
		if tag, err = tag.SetTypeForKey("nu", ""); err != nil {
			return nil, fmt.Errorf("money: locale %q: %w", locale, err)
		}
	}
	p := message.NewPrinter(tag)
	f := &Formatter{tag: tag, printer: p}
	for i := range f.digits {
		f.digits[i] = p.Sprint(number.Decimal(int64(i)))
	}
	half := p.Sprint(number.Decimal(1.5)) // "1.5" or "1,5": the separator sits between the digits
	thousand := p.Sprint(number.Decimal(int64(1000)))
	f.decimal = strings.TrimSuffix(strings.TrimPrefix(half, f.digits[1]), f.digits[5])
	f.group = strings.TrimSuffix(strings.TrimPrefix(thousand, f.digits[1]), strings.Repeat(f.digits[0], 3))
	return f, nil
}

// hantNumbering reports whether tag asks Traditional Chinese for a
// numbering system other than latn, on which golang.org/x/text v0.30.0
// (internal/number.InfoFromLangID) loops forever.
func hantNumbering(tag language.Tag) bool {
	base, _ := tag.Base()
	script, _ := tag.Script()
	nu := tag.TypeForKey("nu")
	return base.String() == "zh" && script.String() == "Hant" && nu != "" && nu != "latn"
}

// MustFormatter is like [NewFormatter] but panics on a malformed locale. It
// is meant for literal locales.
func MustFormatter(locale string) *Formatter {
	f, err := NewFormatter(locale)
	if err != nil {
		panic(err)
	}
	return f
}

// Locale returns the formatter's locale.
func (f *Formatter) Locale() string { return f.tag.String() }

// Symbol returns the symbol the formatter uses for c: "¥" for CNY in zh-CN,
// "CN¥" in en-US.
func (f *Formatter) Symbol(c Currency) string {
	u, err := currency.ParseISO(c.Code())
	if err != nil {
		return c.Code()
	}
	if own, conf := currency.FromTag(f.tag); conf != language.No && own == u {
		return f.printer.Sprint(currency.NarrowSymbol(u))
	}
	return f.printer.Sprint(currency.Symbol(u))
}

// Format returns m with its currency symbol, rounded half-even to the
// currency's minor units for display: "¥1,234.50". The zero Money, which
// has no currency, formats as a plain "0".
func (f *Formatter) Format(m Money) string {
	if m.c().IsZero() {
		return f.Number(m)
	}
	s := f.Number(m)
	sym := f.Symbol(m.c())
	// CLDR's currency spacing: a symbol that ends in a letter ("CHF",
	// "CNY") is kept apart from the digits by a no-break space.
	if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
		sym += "\u00a0"
	}
	if strings.HasPrefix(s, "-") {
		return "-" + sym + s[1:]
	}
	return sym + s
}

// Number returns the amount of m without a symbol, grouped and rounded
// half-even to the currency's minor units: "1,234.50".
func (f *Formatter) Number(m Money) string {
	r := m.Round(f.mode)
	digits := r.c().digits()
	s := r.Decimal().Abs().StringFixed(digits) // exact: r has at most digits decimals
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if r.Sign() < 0 {
		b.WriteByte('-')
	}
	b.WriteString(f.groupInt(intPart))
	if frac != "" {
		b.WriteString(f.decimal)
		for i := 0; i < len(frac); i++ {
			b.WriteString(f.digits[frac[i]-'0'])
		}
	}
	return b.String()
}

// groupInt groups the non-negative integer in decimal digits.
func (f *Formatter) groupInt(digits string) string {
	if len(digits) <= 18 { // fits in an int64: let CLDR group it (lakh, etc.)
		var v int64
		for i := 0; i < len(digits); i++ {
			v = v*10 + int64(digits[i]-'0')
		}
		return f.printer.Sprint(number.Decimal(v))
	}
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(f.group)
		}
		b.WriteString(f.digits[digits[i]-'0'])
	}
	return b.String()
}
