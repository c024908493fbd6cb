package progress

import (
	"context"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestMeterReports checks that the reports of a phase start at 0, never
// go back, come at most once per Interval between the first and the last,
// and end with done = total = the units counted.
func TestMeterReports(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		type rep struct {
			done, total int64
			at          time.Time
		}
		var reps []rep
		var m Meter
		total := rapid.Int64Range(-1, 5000).Draw(t, "total")
		m.Start(context.Background(), total, func(done, total int64) { reps = append(reps, rep{done, total, time.Now()}) })
		var n int64
		for range rapid.IntRange(0, 50).Draw(t, "steps") {
			k := rapid.Int64Range(0, 300).Draw(t, "k")
			n += k
			if err := m.Add(k); err != nil {
				t.Fatal(err)
			}
			if rapid.IntRange(0, 200).Draw(t, "sleep") == 100 {
				time.Sleep(Interval)
			}
		}
		if err := m.Finish(); err != nil {
			t.Fatal(err)
		}
		if len(reps) < 2 || reps[0].done != 0 || reps[0].total != max(total, -1) {
			t.Fatalf("reports %v: want a first one of 0 done of %d", reps, total)
		}
		last := reps[len(reps)-1]
		if last.done != n || last.total != n || m.Done() != n {
			t.Fatalf("last report %d of %d, Done %d; want %d of %d", last.done, last.total, m.Done(), n, n)
		}
		for i := 1; i < len(reps); i++ {
			if reps[i].done < reps[i-1].done {
				t.Fatalf("report %d went back: %v", i, reps)
			}
			if i < len(reps)-1 && i > 1 && reps[i].at.Sub(reps[i-1].at) < Interval {
				t.Fatalf("reports %d and %d %v apart, less than %v", i-1, i, reps[i].at.Sub(reps[i-1].at), Interval)
			}
		}
	})
}

// TestMeterCancel checks that Add returns the context's error within
// checkEvery units of its cancellation, and that a cancelled phase has no
// last report.
func TestMeterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var m Meter
	reports := 0
	m.Start(ctx, -1, func(done, total int64) { reports++ })
	for range 1000 {
		if err := m.Add(1); err != nil {
			t.Fatalf("error before cancelling: %v", err)
		}
	}
	cancel()
	var err error
	n := 0
	for err == nil && n <= checkEvery {
		err = m.Add(1)
		n++
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("after %d units past the cancellation: error %v, want context.Canceled", n, err)
	}
	before := reports
	if err := m.Finish(); !errors.Is(err, context.Canceled) {
		t.Errorf("Finish after the cancellation: %v, want context.Canceled", err)
	}
	if reports != before {
		t.Errorf("Finish reported after the cancellation")
	}
	var zero Meter
	if err := zero.Add(1 << 20); err != nil || zero.Err() != nil || zero.Done() != 1<<20 {
		t.Errorf("zero Meter: %v %v %d", err, zero.Err(), zero.Done())
	}
	if err := zero.Finish(); err != nil {
		t.Errorf("zero Meter's Finish: %v", err)
	}
}
