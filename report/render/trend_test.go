package render

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestTrendTableWeekly: a period longer than report.WeeklyAfter days has a
// trend table of weeks in the text formats, with the rule stated; a month
// has one of days.
func TestTrendTableWeekly(t *testing.T) {
	review := func(n int) *report.Review {
		start := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
		p, err := metrics.NewPeriod(start, start.AddDate(0, 0, n))
		if err != nil {
			t.Fatal(err)
		}
		o := &report.Overview{}
		for i := range n {
			o.Daily = append(o.Daily, report.Day{Date: start.AddDate(0, 0, i), NetSales: money.MustNew("100", "CNY"), Orders: 1,
				Avg7: metrics.Undefined(metrics.UnitMoney), Visitors: metrics.Undefined(metrics.UnitCount)})
		}
		return &report.Review{Period: p, Currency: money.MustCurrency("CNY"), Overview: o}
	}
	for _, tt := range []struct {
		name   string
		days   int
		head   string
		rows   int
		weekly bool
	}{
		{"month", 31, "| Date | Net sales | 7-day average | Orders |", 31, false},
		{"quarter", 92, "| Week from | Days | Net sales | Mean per day | Orders |", 14, true}, // 13 weeks of 7 and one of 1
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, rd := range []Renderer{Markdown{Lang: English}, Plain{Lang: English}} {
				out := render(t, rd, review(tt.days))
				if _, isMD := rd.(Markdown); isMD {
					_, table, ok := strings.Cut(out, tt.head+"\n")
					if !ok {
						t.Fatalf("no trend table headed %q:\n%s", tt.head, out)
					}
					table, _, _ = strings.Cut(table, "\n\n")
					if got := len(strings.Split(table, "\n")) - 1; got != tt.rows { // the separator line, then the rows
						t.Errorf("%d rows, want %d:\n%s", got, tt.rows, table)
					}
				}
				if got := strings.Contains(out, "longer than 45 days"); got != tt.weekly {
					t.Errorf("%T: the weekly rule stated = %v, want %v", rd, got, tt.weekly)
				}
			}
		})
	}
	// The last week of the quarter: 1 day, CN¥100.00, its mean per day the same.
	out := render(t, Markdown{Lang: English}, review(92))
	if diff := cmp.Diff(true, strings.Contains(out, "| 2025-12-31 | 1 | CN¥100.00 | CN¥100.00 | 1 |")); diff != "" {
		t.Errorf("last week row (-want +got):\n%s\n%s", diff, out)
	}
}
