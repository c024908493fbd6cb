package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/report"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Formatter prints the numbers of a review for one language: amounts with
// the currency symbol and digit grouping of the locale, percentages,
// durations, and "n/a" (English) or "—" (Chinese) for undefined values.
//
// Amounts are formatted from their exact decimal string, rounded half-even
// to the currency's minor units; they never pass through a float.
type Formatter struct {
	Lang Language
	// compared is set when the review's year-ago slot holds another
	// period (report.Config.Compare): its labels then say "compared"
	// rather than "last year".
	compared bool
}

// yearKey returns the label key of the year-ago column or period, key,
// or its "_compared" form when the review compares with another period.
func (f Formatter) yearKey(key string) string {
	if f.compared {
		return key + "_compared"
	}
	return key
}

// forReview returns f for the review r: with its comparison period.
func (f Formatter) forReview(r *report.Review) Formatter {
	f.compared = !r.YearAgo.IsZero() && !r.Period.IsZero() &&
		!(r.YearAgo.Start.Equal(r.Period.YearAgo().Start) && r.YearAgo.End.Equal(r.Period.YearAgo().End))
	return f
}

// NA returns the mark of an undefined value: "n/a" or "—".
func (f Formatter) NA() string {
	if f.Lang == Chinese {
		return "—"
	}
	return "n/a"
}

// moneyFormats are the locale formatters of the two languages: CLDR's
// symbols through [money.Formatter], the narrow "¥" for CNY in Chinese and
// "CN¥" in English. Formatters are immutable.
var moneyFormats = [...]*money.Formatter{
	English: money.MustFormatter("en-US"),
	Chinese: money.MustFormatter("zh-CN"),
}

// Money formats m with the locale's symbol and grouping, rounded half-even
// to the currency's minor units: "¥1,234.50" (zh) or "CN¥1,234.50" (en).
func (f Formatter) Money(m money.Money) string {
	if int(f.Lang) < len(moneyFormats) {
		return moneyFormats[f.Lang].Format(m)
	}
	return moneyFormats[English].Format(m)
}

// group inserts thousands separators into the integer part of the
// unsigned decimal string s. English and Chinese both group by three with
// "," and use "." for decimals.
func group(s string) string {
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) <= 3 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(intPart)/3)
	lead := len(intPart) % 3
	if lead > 0 {
		b.WriteString(intPart[:lead])
	}
	for i := lead; i < len(intPart); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	b.WriteString(frac)
	return b.String()
}

// Count formats n with digit grouping: "12,345".
func (f Formatter) Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + group(s[1:])
	}
	return group(s)
}

// float formats v with places decimals and digit grouping.
func float(v float64, places int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', places, 64)
	if v < 0 && strings.Trim(s, "0.") != "" {
		return "-" + group(s)
	}
	return group(s)
}

// Percent formats r as a percentage with one decimal ("2.5%"), or the NA
// mark.
func (f Formatter) Percent(r metrics.Ratio) string {
	v, ok := r.Value()
	if !ok || math.IsInf(v*100, 0) {
		return f.NA()
	}
	return float(v*100, 1) + "%"
}

// Change formats a relative change with its sign ("+12.3%", "-4.0%"), or
// the NA mark. A change that rounds to zero has no sign ("0.0%"): "+0.0%"
// would read as a rise.
func (f Formatter) Change(r metrics.Ratio) string {
	v, ok := r.Value()
	if !ok || math.IsInf(v*100, 0) {
		return f.NA()
	}
	return withSign(float(v*100, 1)) + "%"
}

// Points formats a change of a rate, in points as a fraction (0.004, see
// [metrics.Points]), in percentage points with its sign and one decimal:
// "+0.4 pp" (en) or "+0.4个百分点" (zh); or the NA mark. A change that
// rounds to zero has no sign ("0.0 pp").
func (f Formatter) Points(r metrics.Ratio) string {
	v, ok := r.Value()
	if !ok || math.IsInf(v*100, 0) {
		return f.NA()
	}
	s := withSign(float(v*100, 1))
	if f.Lang == Chinese {
		return s + "个百分点"
	}
	return s + " pp"
}

// withSign gives a formatted number a plus sign unless it is negative or
// rounds to zero ("0.0", and "-0.0" without its minus).
func withSign(s string) string {
	digits := strings.Trim(strings.TrimPrefix(s, "-"), "0.")
	switch {
	case digits == "":
		return strings.TrimPrefix(s, "-")
	case strings.HasPrefix(s, "-"):
		return s
	}
	return "+" + s
}

// ChangeOf formats a change or an attainment of kind k: a relative one as
// [Formatter.Change] ("+12.3%"), one in points as [Formatter.Points]
// ("+0.4 pp").
func (f Formatter) ChangeOf(k metrics.ChangeKind, r metrics.Ratio) string {
	if k == metrics.PointChange {
		return f.Points(r)
	}
	return f.Change(r)
}

// Attainment formats the attainment of a KPI's target: a share of the
// target ("96.3%") or, for a rate, its distance from the target in points
// ("-0.2 pp"); or the NA mark.
func (f Formatter) Attainment(k report.KPI) string {
	if k.ChangeKind() == metrics.PointChange {
		return f.Points(k.Attainment)
	}
	return f.Percent(k.Attainment)
}

// Duration formats d in seconds, minutes, hours or, from a week, days:
// "45 s", "38 min", "2.5 h", "26.9 days" (en) or "45秒", "38分钟",
// "2.5小时", "26.9天" (zh).
func (f Formatter) Duration(d time.Duration) string {
	zh := f.Lang == Chinese
	switch {
	case d >= 7*24*time.Hour:
		if zh {
			return float(d.Hours()/24, 1) + "天"
		}
		return float(d.Hours()/24, 1) + " days"
	case d < time.Minute:
		if zh {
			return float(d.Seconds(), 0) + "秒"
		}
		return float(d.Seconds(), 0) + " s"
	case d < time.Hour:
		if zh {
			return float(d.Minutes(), 0) + "分钟"
		}
		return float(d.Minutes(), 0) + " min"
	}
	if zh {
		return float(d.Hours(), 1) + "小时"
	}
	return float(d.Hours(), 1) + " h"
}

// Date formats a day as "2025-11-03" in both languages.
func (f Formatter) Date(t time.Time) string { return t.Format("2006-01-02") }

// Value formats v by its unit, or the NA mark when it is undefined: an
// amount as [Formatter.Money], a count with digit grouping, a ratio as a
// percentage ([Formatter.Percent]), a multiple with two decimals and "×"
// ("3.20×"), days with one decimal ("42.0 days", "42.0天"), a difference
// in points as [Formatter.Points] ("+0.4 pp"), a duration as
// [Formatter.Duration] and a plain number with two decimals ("4.35").
func (f Formatter) Value(v metrics.Value) string {
	if m, ok := v.Money(); ok {
		return f.Money(m)
	}
	if n, ok := v.Count(); ok {
		return f.Count(n)
	}
	if d, ok := v.Duration(); ok {
		return f.Duration(d)
	}
	if r, ok := v.Ratio(); ok && v.Unit() == metrics.UnitRatio {
		return f.Percent(r)
	}
	if r, ok := v.Ratio(); ok && v.Unit() == metrics.UnitPoints {
		return f.Points(r)
	}
	x, ok := v.Float()
	if !ok {
		return f.NA()
	}
	switch v.Unit() {
	case metrics.UnitCount:
		return float(x, 0)
	case metrics.UnitMultiple:
		return float(x, 2) + "×"
	case metrics.UnitDays:
		if f.Lang == Chinese {
			return float(x, 1) + "天"
		}
		return float(x, 1) + " days"
	}
	return float(x, 2)
}

// Message writes m out in f's language: its format in that language with
// each argument formatted, data as it is, a label as [Label], a value as
// [Formatter.Value], a change as [Formatter.Change] and a change in points
// as [Formatter.Points].
func (f Formatter) Message(m report.Message) string {
	format := m.Text.EN
	if f.Lang == Chinese {
		format = m.Text.ZH
	}
	if len(m.Args) == 0 {
		return format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a.Kind {
		case report.ArgLabel:
			args[i] = Label(a.Text, f.Lang)
		case report.ArgValue:
			args[i] = f.Value(a.Value)
		case report.ArgChange:
			args[i] = f.Change(a.Change)
		case report.ArgPoints:
			args[i] = f.Points(a.Change)
		default:
			args[i] = a.Text
		}
	}
	return fmt.Sprintf(format, args...)
}

// formatterFor returns the formatter of language l.
func formatterFor(l Language) Formatter { return Formatter{Lang: l} }
