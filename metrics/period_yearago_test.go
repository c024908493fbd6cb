package metrics

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// YearAgo around 29 February (issue 16, item 5): a day is one day a year
// earlier, 29 February becoming 28 February; a month is its calendar
// counterpart; a custom range of whole days keeps its length unless it
// contains 29 February.
func TestYearAgoLeapDay(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	custom := func(y0 int, m0 time.Month, d0, y1 int, m1 time.Month, d1 int) Period {
		return Period{Start: DayOf(y0, m0, d0, sh).Start, End: DayOf(y1, m1, d1, sh).Start}
	}
	tests := []struct {
		name   string
		p      Period
		want   string // the label of YearAgo
		days   int
		reason string
	}{
		{"leap day", DayOf(2024, time.February, 29, sh), "2023-02-28", 1, "29 February maps to 28 February"},
		{"28 Feb after a leap year", DayOf(2025, time.February, 28, sh), "2024-02-28", 1, "the same date, one day"},
		{"1 Mar after a leap year", DayOf(2025, time.March, 1, sh), "2024-03-01", 1, "the same date"},
		{"leap February", MonthOf(2024, time.February, sh), "2023-02", 28, "the calendar counterpart"},
		{"February after a leap year", MonthOf(2025, time.February, sh), "2024-02", 29, "the calendar counterpart"},
		{"custom ending on 28 Feb", custom(2025, time.February, 20, 2025, time.March, 1), "2024-02-20..2024-02-28", 9,
			"the first and last days a year earlier, not the exclusive end"},
		{"custom over the leap day", custom(2024, time.February, 28, 2024, time.March, 2), "2023-02-28..2023-03-01", 2,
			"29 February becomes 28 February, so the range loses a day"},
		{"custom leap day alone", custom(2024, time.February, 29, 2024, time.March, 1), "2023-02-28..2023-02-28", 1,
			"never empty"},
	}
	for _, tt := range tests {
		got := tt.p.YearAgo()
		if got.Label() != tt.want || got.Days() != tt.days {
			t.Errorf("%s: YearAgo(%s) = %s (%d days), want %s (%d days): %s", tt.name, tt.p, got, got.Days(), tt.want, tt.days, tt.reason)
		}
	}
}

// YearAgo of a day is one day, of a month a whole month, of a quarter or a
// year a whole one, in any zone, and the same date a year earlier except
// for 29 February.
func TestPropYearAgo(t *testing.T) {
	zones := []string{"UTC", "Asia/Shanghai", "America/Santiago", "America/New_York", "Asia/Beirut"}
	rapid.Check(t, func(t *rapid.T) {
		loc := mustLoad(t, rapid.SampledFrom(zones).Draw(t, "zone"))
		y := rapid.IntRange(1901, 2100).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		d := rapid.IntRange(1, 31).Draw(t, "day")
		day := DayOf(y, m, d, loc) // d past the month's end normalises
		ago := day.YearAgo()
		if ago.Days() != 1 || ago.Grain != Day || !ago.End.Equal(step(ago.Start, Day, 1)) {
			t.Fatalf("YearAgo(%s) = %s..%s, %d days, want one day", day, ago.Start, ago.End, ago.Days())
		}
		y0, m0, d0 := day.Start.Date()
		y1, m1, d1 := ago.Start.Date()
		if m0 == time.February && d0 == 29 {
			d0 = 28
		}
		if diff := cmp.Diff([3]int{y0 - 1, int(m0), d0}, [3]int{y1, int(m1), d1}); diff != "" {
			t.Fatalf("YearAgo(%s) is on another date (-want +got):\n%s", day, diff)
		}
		for _, g := range []Grain{Month, Quarter, Year} {
			p := PeriodOf(day.Start, g)
			ago := p.YearAgo()
			want := PeriodOf(step(p.Start, Year, -1), g)
			if !ago.Start.Equal(want.Start) || !ago.End.Equal(want.End) || ago.Grain != g {
				t.Fatalf("YearAgo(%s) = %s..%s, want the whole %s %s", p, ago.Start, ago.End, g, want)
			}
		}
	})
}
