package metrics

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the tests need named zones on any machine

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

func mustLoad(t interface{ Skipf(string, ...any) }, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s not available: %v", name, err)
	}
	return loc
}

func labels(p Period, g Grain) []string {
	var out []string
	for b := range p.Buckets(g) {
		out = append(out, b.Label())
	}
	return out
}

func TestPeriodCalendar(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	nov := MonthOf(2025, time.November, sh)
	if nov.Days() != 30 || nov.Label() != "2025-11" {
		t.Errorf("November: %d days, label %q", nov.Days(), nov.Label())
	}
	if got := nov.Previous(); got.Label() != "2025-10" || got.Days() != 31 {
		t.Errorf("Previous of November = %s (%d days), want 2025-10 (31)", got, got.Days())
	}
	if got := nov.YearAgo(); got.Label() != "2024-11" {
		t.Errorf("YearAgo = %s", got)
	}
	if !nov.Contains(time.Date(2025, 11, 30, 23, 59, 59, 0, sh)) || nov.Contains(time.Date(2025, 12, 1, 0, 0, 0, 0, sh)) {
		t.Error("Contains is not half-open")
	}
	// 2025-11-01 is a Saturday: the first week bucket is clipped to the month.
	want := []string{"2025-11-01..2025-11-02", "2025-W45", "2025-W46", "2025-W47", "2025-W48"}
	if diff := cmp.Diff(want, labels(nov, Week)); diff != "" {
		t.Errorf("weeks of November (-want +got):\n%s", diff)
	}
	if n := len(labels(nov, Day)); n != 30 {
		t.Errorf("%d day buckets, want 30", n)
	}
	q := PeriodOf(time.Date(2025, 11, 11, 20, 0, 0, 0, sh), Quarter)
	if diff := cmp.Diff([]string{"2025-10", "2025-11", "2025-12"}, labels(q, Month)); diff != "" {
		t.Errorf("months of Q4 (-want +got):\n%s", diff)
	}
	if q.Label() != "2025-Q4" || q.Previous().Label() != "2025-Q3" {
		t.Errorf("quarter labels %s, %s", q.Label(), q.Previous().Label())
	}
	w := PeriodOf(time.Date(2021, 1, 2, 0, 0, 0, 0, time.UTC), Week) // ISO week 2020-W53
	if w.Label() != "2020-W53" || w.Start.Weekday() != time.Monday {
		t.Errorf("ISO week of 2021-01-02 = %s starting %s", w.Label(), w.Start.Weekday())
	}
}

func TestPeriodDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	// 2025-03-09 has 23 hours in New York, 2025-11-02 has 25.
	spring := DayOf(2025, time.March, 9, ny)
	if h := spring.End.Sub(spring.Start); h != 23*time.Hour {
		t.Errorf("spring-forward day lasts %v, want 23h", h)
	}
	march := MonthOf(2025, time.March, ny)
	days := labels(march, Day)
	if len(days) != 31 || days[8] != "2025-03-09" || days[9] != "2025-03-10" {
		t.Errorf("March day buckets: %d, %v", len(days), days[7:11])
	}
	for b := range march.Buckets(Day) {
		if b.Start.Hour() != 0 {
			t.Errorf("bucket %s starts at %v, not midnight", b.Label(), b.Start)
		}
	}
	p, err := NewPeriod(time.Date(2025, 11, 1, 0, 0, 0, 0, ny), time.Date(2025, 11, 8, 0, 0, 0, 0, ny))
	if err != nil {
		t.Fatal(err)
	}
	prev := p.Previous()
	if prev.Label() != "2025-10-25..2025-10-31" || p.Days() != 7 || prev.Days() != 7 {
		t.Errorf("Previous of a custom week across DST = %s (%d days)", prev.Label(), prev.Days())
	}
	if _, err := NewPeriod(p.End, p.Start); err == nil {
		t.Error("NewPeriod accepted end before start")
	}
}

func TestPropBucketsTile(t *testing.T) {
	locs := []string{"UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "America/Santiago"}
	rapid.Check(t, func(t *rapid.T) {
		loc := mustLoad(t, rapid.SampledFrom(locs).Draw(t, "loc"))
		start := time.Date(2020, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(rapid.Int64Range(0, 5*365*24).Draw(t, "h")) * time.Hour)
		end := start.Add(time.Duration(rapid.Int64Range(1, 200*24).Draw(t, "len")) * time.Hour)
		p, err := NewPeriod(start, end)
		if err != nil {
			t.Fatal(err)
		}
		g := rapid.SampledFrom([]Grain{Day, Week, Month}).Draw(t, "grain")
		var bs []Period
		for b := range p.Buckets(g) {
			bs = append(bs, b)
		}
		if !bs[0].Start.Equal(p.Start) || !bs[len(bs)-1].End.Equal(p.End) {
			t.Fatalf("buckets do not cover %s", p)
		}
		for i := 1; i < len(bs); i++ {
			if !bs[i].Start.Equal(bs[i-1].End) {
				t.Fatalf("gap or overlap between %s and %s", bs[i-1], bs[i])
			}
		}
		if g == Day && len(bs) != p.Days() {
			t.Fatalf("%d day buckets, Days() = %d", len(bs), p.Days())
		}
		if !slices.IsSortedFunc(bs, func(a, b Period) int { return a.Start.Compare(b.Start) }) {
			t.Fatal("buckets out of order")
		}
	})
}

func TestParsePeriod(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	for _, s := range []string{"2025-11-03", "2025-W45", "2020-W53", "2025-11", "2025-Q4", "2025", "2025-11-01..2025-11-15"} {
		p, err := ParsePeriod(s, sh)
		if err != nil {
			t.Errorf("ParsePeriod(%q): %v", s, err)
			continue
		}
		if p.Label() != s || p.Location() != sh {
			t.Errorf("ParsePeriod(%q) = %s in %v", s, p.Label(), p.Location())
		}
	}
	for _, s := range []string{"", "2025-13", "2025-W54", "2021-W53", "2025-Q5", "2025-11-15..2025-11-01", "11/2025", "2025-11-31"} {
		if p, err := ParsePeriod(s, sh); err == nil {
			t.Errorf("ParsePeriod(%q) = %s, want an error", s, p)
		}
	}
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2025-11-03", "2025-W45", "2025-11", "2025-Q4", "2025", "2025-11-01..2025-11-15", "x..y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s, time.UTC)
		if err != nil {
			return
		}
		if !p.End.After(p.Start) {
			t.Fatalf("ParsePeriod(%q) = empty period %v..%v", s, p.Start, p.End)
		}
		q, err := ParsePeriod(p.Label(), time.UTC)
		if err != nil || !q.Start.Equal(p.Start) || !q.End.Equal(p.End) {
			t.Fatalf("ParsePeriod(Label()) of %q: %v, %v", s, q, err)
		}
	})
}
