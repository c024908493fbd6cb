package metrics

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// YearAgo around 29 February (issue 16, item 5): a day is one day a year
// earlier, 29 February becoming 28 February; a month is its calendar
// counterpart; a custom range keeps its length, in calendar days for
// whole days, in elapsed time otherwise.
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
		{"custom over the leap day", custom(2024, time.February, 28, 2024, time.March, 2), "2023-02-28..2023-03-02", 3,
			"3 days are compared with 3 days: the range no longer loses a day"},
		{"custom whose counterpart spans the leap day", custom(2025, time.February, 25, 2025, time.March, 4), "2024-02-25..2024-03-02", 7,
			"7 days are compared with 7 days, not 8 (review finding 6)"},
		{"custom ending on 1 Mar after a leap year", custom(2025, time.February, 28, 2025, time.March, 2), "2024-02-28..2024-02-29", 2,
			"used to be 3 days, 28 February to 1 March"},
		{"custom leap day alone", custom(2024, time.February, 29, 2024, time.March, 1), "2023-02-28..2023-02-28", 1,
			"never empty"},
		{"24 hours from noon to the leap day", Period{Start: time.Date(2024, time.February, 28, 12, 0, 0, 0, sh), End: time.Date(2024, time.February, 29, 12, 0, 0, 0, sh)},
			"2023-02-28T12:00:00+08:00..2023-03-01T12:00:00+08:00", 2, "used to be empty: both ends became 28 February noon (review finding 1)"},
		{"10 hours overnight into the leap day", Period{Start: time.Date(2024, time.February, 28, 20, 0, 0, 0, sh), End: time.Date(2024, time.February, 29, 6, 0, 0, 0, sh)},
			"2023-02-28T20:00:00+08:00..2023-03-01T06:00:00+08:00", 2, "used to be inverted, 20:00 to 06:00 of one day (review finding 1)"},
		{"all time", Period{}, "", 0, "the zero Period stays all time, not an empty period in year 0"},
	}
	for _, tt := range tests {
		got := tt.p.YearAgo()
		if got.Label() != tt.want || got.Days() != tt.days || got.IsZero() != tt.p.IsZero() {
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

// YearAgo of a custom period keeps its size: a range of whole days has
// the same number of calendar days (review finding 6: a 7-day range whose
// counterpart spans 29 February had 8), any other range the same elapsed
// time (finding 1: it could be empty or inverted), and both start on the
// same date a year earlier, 29 February becoming 28 February.
func TestPropYearAgoCustom(t *testing.T) {
	zones := []string{"UTC", "Asia/Shanghai", "America/Santiago", "America/New_York", "Asia/Beirut"}
	rapid.Check(t, func(t *rapid.T) {
		loc := mustLoad(t, rapid.SampledFrom(zones).Draw(t, "zone"))
		y := rapid.IntRange(1901, 2100).Draw(t, "year")
		m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
		d := rapid.IntRange(1, 31).Draw(t, "day")
		first := DayOf(y, m, d, loc)
		var p Period
		if rapid.Bool().Draw(t, "wholeDays") {
			n := rapid.IntRange(1, 800).Draw(t, "days")
			p = Period{Start: first.Start, End: step(first.Start, Day, n)}
		} else {
			start := first.Start.Add(time.Duration(rapid.Int64Range(0, int64(24*time.Hour)-1).Draw(t, "startOffset")))
			p = Period{Start: start, End: start.Add(time.Duration(rapid.Int64Range(1, int64(800*24*time.Hour)).Draw(t, "length")))}
		}
		ago := p.YearAgo()
		if !ago.End.After(ago.Start) || ago.Grain != Custom {
			t.Fatalf("YearAgo(%s) = %s..%s, want a non-empty custom period", p, ago.Start, ago.End)
		}
		if wholeDays(p) {
			if !wholeDays(ago) || ago.Days() != p.Days() {
				t.Fatalf("YearAgo(%s) = %s, %d days, want %d whole days", p, ago, ago.Days(), p.Days())
			}
		} else if got, want := ago.End.Sub(ago.Start), p.End.Sub(p.Start); got != want {
			t.Fatalf("YearAgo(%s) lasts %v, want %v", p, got, want)
		}
		y0, m0, d0 := p.Start.Date()
		y1, m1, d1 := ago.Start.Date()
		if m0 == time.February && d0 == 29 {
			d0 = 28
		}
		if diff := cmp.Diff([3]int{y0 - 1, int(m0), d0}, [3]int{y1, int(m1), d1}); diff != "" {
			t.Fatalf("YearAgo(%s) starts on another date (-want +got):\n%s", p, diff)
		}
	})
}

// TestYearAgoInMidnightGap: 2036-09-02 00:00:00.000000001 in Santiago a
// year back is a wall time inside the gap that skips 2035-09-02's
// midnight; time.Date resolved it to the evening before, so the period
// started on 1 September (found by TestPropYearAgoCustom).
func TestYearAgoInMidnightGap(t *testing.T) {
	loc, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	start := time.Date(2036, time.September, 2, 0, 0, 0, 1, loc)
	p, err := NewPeriod(start, start.Add(time.Nanosecond))
	if err != nil {
		t.Fatal(err)
	}
	got := p.YearAgo()
	if y, m, d := got.Start.Date(); y != 2035 || m != time.September || d != 2 || got.End.Sub(got.Start) != time.Nanosecond {
		t.Errorf("YearAgo(%v) = %v, want a nanosecond on 2035-09-02", p, got)
	}
}
