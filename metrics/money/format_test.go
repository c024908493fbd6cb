package money

import "testing"

func TestFormatter(t *testing.T) {
	tests := []struct {
		locale, amount, code, want string
		reason                     string
	}{
		{"zh-CN", "1234.5", "CNY", "¥1,234.50", "the locale's own currency takes the narrow symbol"},
		{"zh-CN", "1234.5", "USD", "US$1,234.50", "a foreign dollar is told apart"},
		{"en-US", "1234.5", "USD", "$1,234.50", ""},
		{"en-US", "1234.5", "CNY", "CN¥1,234.50", ""},
		{"en-US", "-0.5", "CNY", "-CN¥0.50", "the sign goes before the symbol"},
		{"en-US", "1500", "JPY", "¥1,500", "yen have no decimals"},
		{"en-US", "2.345", "CNY", "CN¥2.34", "display rounds half-even"},
		{"de-DE", "1234567.891", "EUR", "€1.234.567,89", "German separators"},
		{"en-IN", "1234567", "INR", "₹12,34,567.00", "lakh grouping comes from CLDR"},
		{"en-US", "12", "CHF", "CHF\u00a012.00", "a symbol ending in a letter is spaced from the digits (CLDR currency spacing)"},
		{"en-US", "92233720368547758.07", "USD", "$92,233,720,368,547,758.07", "beyond int64 whole units: grouped by threes"},
	}
	for _, tt := range tests {
		f, err := NewFormatter(tt.locale)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Format(MustNew(tt.amount, tt.code)); got != tt.want {
			t.Errorf("%s Format(%s %s) = %q, want %q (%s)", tt.locale, tt.code, tt.amount, got, tt.want, tt.reason)
		}
	}
	if _, err := NewFormatter("not a locale!"); err == nil {
		t.Error("NewFormatter accepted a malformed locale")
	}
}
