package metrics

import (
	"fmt"
	"testing"
	"time"
)

// In America/Santiago the clocks jump from 00:00 to 01:00 on 2024-09-08, so
// that day has no midnight; time.Date gives 23:00 of the day before for its
// 00:00. Day buckets used to start at 23:00 of the previous day from then
// on, and the 8th was labelled "2024-09-07".
func TestPeriodSkippedMidnight(t *testing.T) {
	scl := mustLoad(t, "America/Santiago")
	sept := MonthOf(2024, time.September, scl)
	n := 0
	for b := range sept.Buckets(Day) {
		n++
		want := fmt.Sprintf("2024-09-%02d", n)
		if b.Label() != want || b.Start.Format("2006-01-02") != want {
			t.Errorf("bucket %d: label %s, start %v; want %s", n, b.Label(), b.Start, want)
		}
		if h := b.Start.Hour(); h != 0 && !(n == 8 && h == 1) {
			t.Errorf("bucket %s starts at %v", b.Label(), b.Start)
		}
	}
	if n != 30 || sept.Days() != 30 {
		t.Errorf("September has %d day buckets and %d days, want 30", n, sept.Days())
	}
	// The 8th lasts 23 hours: from 01:00 (-03) to midnight.
	d := PeriodOf(time.Date(2024, 9, 8, 12, 0, 0, 0, scl), Day)
	if d.Label() != "2024-09-08" || d.End.Sub(d.Start) != 23*time.Hour || !d.Contains(time.Date(2024, 9, 8, 1, 0, 0, 0, scl)) {
		t.Errorf("day of 2024-09-08 12:00 = %s [%v, %v)", d.Label(), d.Start, d.End)
	}
	if got := DayOf(2024, time.September, 8, scl); !got.Start.Equal(d.Start) {
		t.Errorf("DayOf = %v, want %v", got.Start, d.Start)
	}
	if p, err := ParsePeriod("2024-09-08", scl); err != nil || !p.Start.Equal(d.Start) {
		t.Errorf("ParsePeriod(2024-09-08) = %v, %v", p.Start, err)
	}
	if p, err := ParsePeriod("2024-09-08..2024-09-09", scl); err != nil || !p.Start.Equal(d.Start) || p.Days() != 2 || p.Label() != "2024-09-08..2024-09-09" {
		t.Errorf("ParsePeriod(range) = %s [%v, %v), %v", p.Label(), p.Start, p.End, err)
	}
	if prev := DayOf(2024, time.September, 9, scl).Previous(); !prev.Start.Equal(d.Start) {
		t.Errorf("Previous of the 9th starts %v, want %v", prev.Start, d.Start)
	}
	if ago := DayOf(2025, time.September, 8, scl).YearAgo(); !ago.Start.Equal(d.Start) {
		t.Errorf("YearAgo of 2025-09-08 starts %v, want %v", ago.Start, d.Start)
	}
}

// YearAgo of an ISO week goes back 52 weeks, as its doc says.
func TestYearAgoWeek(t *testing.T) {
	w, err := ParsePeriod("2021-W01", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	// 2021-W01 starts Monday 2021-01-04; 364 days earlier is Monday
	// 2020-01-06, the start of 2020-W02 (2020 has 53 ISO weeks).
	if got := w.YearAgo().Label(); got != "2020-W02" {
		t.Errorf("YearAgo(2021-W01) = %s, want 2020-W02", got)
	}
}

// The zero Period printed as "0001-01-01..0000-12-31".
func TestZeroPeriodLabel(t *testing.T) {
	var p Period
	if got := p.Label(); got != "" {
		t.Errorf("Period{}.Label() = %q, want empty", got)
	}
	if p.Days() != 0 || p.Contains(time.Time{}) {
		t.Errorf("zero Period: %d days, contains the zero time: %v", p.Days(), p.Contains(time.Time{}))
	}
}
