package render

import (
	"errors"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

func TestFormatter(t *testing.T) {
	en, zh := Formatter{Lang: English}, Formatter{Lang: Chinese}
	tests := []struct {
		name   string
		f      Formatter
		got    string
		want   string
		reason string
	}{
		{"money en", en, en.Money(money.MustNew("1234567.5", "CNY")), "CN¥1,234,567.50", "grouped by three, padded to minor units"},
		{"money zh", zh, zh.Money(money.MustNew("1234567.5", "CNY")), "¥1,234,567.50", "zh uses the narrow yen sign"},
		{"money negative", en, en.Money(money.MustNew("-1000", "USD")), "-$1,000.00", "sign before the symbol"},
		{"money rounds half even", en, en.Money(money.MustNew("0.125", "USD")), "$0.12", "0.125 → 0.12 under half-even"},
		{"money yen", zh, zh.Money(money.MustNew("1500", "JPY")), "JP¥1,500", "JPY has no minor digits"},
		{"money huge", en, en.Money(money.MustNew("12345678901234567.25", "CNY")), "CN¥12,345,678,901,234,567.25", "no float on the way"},
		{"count", en, en.Count(1234567), "1,234,567", ""},
		{"count small", en, en.Count(999), "999", ""},
		{"count negative", en, en.Count(-1234), "-1,234", ""},
		{"percent", en, en.Percent(metrics.CountRatio(1, 8)), "12.5%", "1/8"},
		{"percent na en", en, en.Percent(metrics.CountRatio(1, 0)), "n/a", "zero denominator"},
		{"percent na zh", zh, zh.Percent(metrics.CountRatio(1, 0)), "—", "zero denominator"},
		{"change up", en, en.Change(metrics.Change(110, 100)), "+10.0%", ""},
		{"change down", en, en.Change(metrics.Change(90, 100)), "-10.0%", ""},
		{"change na", zh, zh.Change(metrics.Change(90, 0)), "—", ""},
		{"duration s", en, en.Duration(45 * time.Second), "45 s", ""},
		{"duration min zh", zh, zh.Duration(38 * time.Minute), "38分钟", ""},
		{"duration h", en, en.Duration(150 * time.Minute), "2.5 h", ""},
		{"duration under a week", en, en.Duration(167 * time.Hour), "167.0 h", ""},
		{"duration days", en, en.Duration(645*time.Hour + 36*time.Minute), "26.9 days", "the demo's time to convert, 90th percentile, printed 645.6 h"},
		{"duration days zh", zh, zh.Duration(7 * 24 * time.Hour), "7.0天", "from a week, in days"},
		{"multiple", en, en.Value(metrics.RatioValue(metrics.NewRatio(32, 10)).In(metrics.UnitMultiple)), "3.20×", ""},
		{"days zh", zh, zh.Value(metrics.NumberValue(42).In(metrics.UnitDays)), "42.0天", ""},
		{"undefined money", en, en.Value(metrics.Value{}), "n/a", "AOV of no orders: the zero Value"},
		{"undefined money zh", zh, zh.Value(metrics.Undefined(metrics.UnitMoney)), "—", ""},
		{"count target", en, en.Value(metrics.NumberValue(36.6).In(metrics.UnitCount)), "37", "a count held as a number rounds, never truncates"},
		{"number", en, en.Value(metrics.NumberValue(4.354)), "4.35", ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q (%s)", tt.name, tt.got, tt.want, tt.reason)
		}
	}
}

func TestParseLanguage(t *testing.T) {
	for in, want := range map[string]Language{"en": English, "EN-us": English, "zh": Chinese, "zh-CN": Chinese, "zh-Hans": Chinese} {
		got, err := ParseLanguage(in)
		if err != nil || got != want {
			t.Errorf("ParseLanguage(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseLanguage("fr"); !errors.Is(err, ErrUnknownName) {
		t.Errorf("ParseLanguage(fr): %v", err)
	}
	if _, err := ForFormat("pdf", English); !errors.Is(err, ErrUnknownName) {
		t.Errorf("ForFormat(pdf): %v", err)
	}
}

// TestChangeCellColour checks that a change is coloured by its direction,
// and that a change printed as 0.0% (it rounds to zero) is not coloured:
// a score of 3.9700 against 3.9712 must not read "-0.0%" in red, nor "+0.0%".
func TestChangeCellColour(t *testing.T) {
	en := Formatter{Lang: English}
	tests := []struct {
		name      string
		kind      metrics.ChangeKind
		change    metrics.Ratio
		dir       metrics.Direction
		wantText  string
		wantClass string
	}{
		{"up is good", metrics.RelativeChange, metrics.Change(110, 100), metrics.HigherIsBetter, "+10.0%", "good"},
		{"up is bad", metrics.RelativeChange, metrics.Change(110, 100), metrics.LowerIsBetter, "+10.0%", "bad"},
		{"down is good", metrics.RelativeChange, metrics.Change(90, 100), metrics.LowerIsBetter, "-10.0%", "good"},
		// (3.9700 − 3.9712) / 3.9712 = −0.03 %, printed with one decimal as 0.0 %.
		{"rounds to zero, down", metrics.RelativeChange, metrics.Change(3.9700, 3.9712), metrics.HigherIsBetter, "0.0%", ""},
		{"rounds to zero, up", metrics.RelativeChange, metrics.Change(100.04, 100), metrics.LowerIsBetter, "0.0%", ""},
		{"undefined", metrics.RelativeChange, metrics.Change(1, 0), metrics.HigherIsBetter, "n/a", ""},
		// Issue 17: gross margin 57.46 % → 57.40 % is −0.06 pp, printed −0.1 pp; repurchase 22.5 % → 17.9 % is −4.6 pp, not −20.3 %.
		{"rate down in points", metrics.PointChange, metrics.Points(metrics.NewRatio(179, 1000), metrics.NewRatio(225, 1000)), metrics.HigherIsBetter, "-4.6 pp", "bad"},
		{"rate up in points, lower is better", metrics.PointChange, metrics.Points(metrics.NewRatio(39, 1000), metrics.NewRatio(29, 1000)), metrics.LowerIsBetter, "+1.0 pp", "bad"},
		{"points round to zero", metrics.PointChange, metrics.Points(metrics.NewRatio(57400, 100000), metrics.NewRatio(57404, 100000)), metrics.HigherIsBetter, "0.0 pp", ""},
		{"points undefined", metrics.PointChange, metrics.Points(metrics.Ratio{}, metrics.NewRatio(1, 2)), metrics.HigherIsBetter, "n/a", ""},
	}
	for _, tt := range tests {
		got := changeCell(tt.kind, tt.change, tt.dir, en)
		if got.text != tt.wantText || got.class != tt.wantClass {
			t.Errorf("%s: got %q class %q, want %q class %q", tt.name, got.text, got.class, tt.wantText, tt.wantClass)
		}
	}
}

// TestFormatterEdges: a ratio of 1e307 printed "+,Inf%". A change that
// rounds to zero reads "0.0%", without a sign, either way (see TestChangeCellColour).
func TestFormatterEdges(t *testing.T) {
	f := Formatter{Lang: English}
	huge := metrics.NewRatio(1e307, 1)
	if got := f.Percent(huge); got != f.NA() {
		t.Errorf("Percent(1e307) = %q, want %q", got, f.NA())
	}
	if got := f.Change(huge); got != f.NA() {
		t.Errorf("Change(1e307) = %q, want %q", got, f.NA())
	}
	for v, want := range map[float64]string{-0.0004: "0.0%", 0: "0.0%", 0.0004: "0.0%", -0.05: "-5.0%"} {
		if got := f.Change(metrics.NewRatio(v, 1)); got != want {
			t.Errorf("Change(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestPointsFormat checks a change of a rate in both languages and as a
// value of unit points, the form of a finding's evidence.
func TestPointsFormat(t *testing.T) {
	d := metrics.Points(metrics.NewRatio(3, 100), metrics.NewRatio(2, 100))
	for _, tt := range []struct{ got, want string }{
		{Formatter{Lang: English}.Points(d), "+1.0 pp"},
		{Formatter{Lang: Chinese}.Points(d), "+1.0个百分点"},
		{Formatter{Lang: English}.Value(metrics.RatioValue(d).In(metrics.UnitPoints)), "+1.0 pp"},
		{Formatter{Lang: English}.ChangeOf(metrics.RelativeChange, metrics.Change(3, 2)), "+50.0%"},
		{Formatter{Lang: Chinese}.Value(metrics.Undefined(metrics.UnitPoints)), "—"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
