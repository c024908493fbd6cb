package metrics

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestPropDaySpan checks what storedata.Dir relies on to build the span
// of the orders (from the start of the first order's day to the end of
// the last one's) without an error path: a day starts at or before each
// of its times and ends after it, so that for t1 ≤ t2 the span is a valid
// Period, in zones whose clocks skip midnight (Santiago, São Paulo in
// 2018) or have odd offsets (Kathmandu, Chatham) too.
func TestPropDaySpan(t *testing.T) {
	locs := []string{"UTC", "Asia/Shanghai", "America/Santiago", "America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham", "Pacific/Apia"}
	rapid.Check(t, func(t *rapid.T) {
		loc := mustLoad(t, rapid.SampledFrom(locs).Draw(t, "loc"))
		base := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
		t1 := base.Add(time.Duration(rapid.Int64Range(0, 70*365*24*60).Draw(t, "minute")) * time.Minute).In(loc)
		t2 := t1.Add(time.Duration(rapid.Int64Range(0, 3*24*60).Draw(t, "later")) * time.Minute)
		d1, d2 := PeriodOf(t1, Day), PeriodOf(t2, Day)
		if d1.Start.After(t1) || !d2.End.After(t2) {
			t.Fatalf("the day of %v is [%v, %v), of %v [%v, %v)", t1, d1.Start, d1.End, t2, d2.Start, d2.End)
		}
		if _, err := NewPeriod(d1.Start, d2.End); err != nil {
			t.Fatal(err)
		}
	})
}
