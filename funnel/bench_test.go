package funnel

import (
	"cmp"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// benchEvents is a demo store's month of traffic held in memory: 10M
// time-ordered events of 500,000 users with string IDs, in sessions of 3 to
// 22 events a few seconds to two minutes apart. Six sessions in ten only
// browse; a quarter of the rest add to cart and stop, and the others go on
// to checkout and, for two in five of those, to purchase, so the funnel
// page_view → add_to_cart → checkout → purchase has a realistic drop-off.
var benchEvents = sync.OnceValue(genBenchEvents)

func genBenchEvents() []Event {
	const (
		nEvents = 10_000_000
		nUsers  = 500_000
		month   = int64(30 * 24 * time.Hour)
	)
	rng := rand.New(rand.NewPCG(1, 2))
	ids := make([]string, nUsers)
	for i := range ids {
		ids[i] = "user-" + strconv.Itoa(i)
	}
	names := [4]string{"page_view", "add_to_cart", "checkout", "purchase"}
	type rec struct {
		t    int64
		user int32
		name uint8
	}
	recs := make([]rec, 0, nEvents+32)
	for len(recs) < nEvents {
		u := int32(rng.IntN(nUsers))
		t := rng.Int64N(month)
		n := 3 + rng.IntN(20)
		depth := 0 // the deepest step this session reaches
		switch p := rng.IntN(100); {
		case p < 60:
		case p < 70:
			depth = 1
		case p < 94:
			depth = 2
		default:
			depth = 3
		}
		for j := 0; j < n; j++ {
			t += int64(5*time.Second) + rng.Int64N(int64(2*time.Minute))
			name := uint8(0)
			// The funnel steps come at fixed places in the session.
			switch {
			case depth >= 1 && j == n/2:
				name = 1
			case depth >= 2 && j == n/2+1:
				name = 2
			case depth >= 3 && j == n-1:
				name = 3
			}
			recs = append(recs, rec{t, u, name})
		}
	}
	recs = recs[:nEvents]
	slices.SortFunc(recs, func(a, b rec) int { return cmp.Compare(a.t, b.t) })
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC).UnixNano()
	events := make([]Event, nEvents)
	for i, r := range recs {
		events[i] = Event{UserID: ids[r.user], Time: time.Unix(0, start+r.t).UTC(), Name: names[r.name]}
	}
	return events
}

func benchConfig() Config {
	return Config{Steps: steps("page_view", "add_to_cart", "checkout", "purchase")}
}

// BenchmarkCounter streams 10M time-ordered events through a default-mode
// four-step counter. Run it with -benchtime=3x.
func BenchmarkCounter(b *testing.B) {
	events := benchEvents()
	cfg := benchConfig()
	var c *Counter
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Used()
	for range b.N {
		var err error
		if c, err = NewCounter(cfg); err != nil {
			b.Fatal(err)
		}
		for i := range events {
			if err := c.Add(events[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	reportRates(b, len(events), cpu0)
	b.ReportMetric(float64(c.nusers), "users")
	b.ReportMetric(counterBytesPerUser(c), "B/user")
	r := c.Result()
	for _, s := range r.Steps {
		b.ReportMetric(float64(s.Reached), s.Name)
	}
}

// reportRates reports events per wall-clock second and, where the CPU time
// is known, per CPU second of the process (which includes the garbage
// collector's background work), since the wall-clock rate on a shared
// machine depends on its load.
func reportRates(b *testing.B, events int, cpu0 time.Duration) {
	total := float64(events) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "events/s")
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "events/cpu-s")
	}
}

// BenchmarkCounterGrow is BenchmarkCounter with the counter sized in
// advance for the demo store's 500,000 users ([Counter.Grow]).
func BenchmarkCounterGrow(b *testing.B) {
	events := benchEvents()
	b.ReportAllocs()
	benchCount(b, benchConfig(), 500_000, len(events), addAll(events))
}

// counterBytesPerUser estimates the memory a counter holds per user: its
// slices' capacities plus the user index's slots.
func counterBytesPerUser(c *Counter) float64 {
	bytes := c.units.Cap()*int(unsafe.Sizeof(unit{})) + len(c.rows.slabs)*rowsLen(c.n)<<c.rows.bits*8 + cap(c.last)*8 + cap(c.ids)*16 + cap(c.attrs)*4
	bytes += len(c.users.slots) * int(unsafe.Sizeof(userSlot{}))
	return float64(bytes) / float64(c.nusers)
}

// BenchmarkCountPerName is the floor for touching each event: it only
// counts the same 10M events per name in a map.
func BenchmarkCountPerName(b *testing.B) {
	events := benchEvents()
	var counts map[string]int64
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Used()
	for range b.N {
		counts = make(map[string]int64)
		for i := range events {
			counts[events[i].Name]++
		}
	}
	b.StopTimer()
	reportRates(b, len(events), cpu0)
	if counts["page_view"] == 0 {
		b.Fatal("no page views")
	}
}

// BenchmarkCounterResult measures Result over the counter of
// BenchmarkCounter (500,000 users).
func BenchmarkCounterResult(b *testing.B) {
	events := benchEvents()
	c, err := NewCounter(benchConfig())
	if err != nil {
		b.Fatal(err)
	}
	for i := range events {
		if err := c.Add(events[i]); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	b.ResetTimer()
	for range b.N {
		_ = c.Result()
	}
	b.ReportMetric(float64(c.nusers)*float64(b.N)/b.Elapsed().Seconds(), "users/s")
}

// BenchmarkTraffic counts visitors, sessions (30-minute gaps), page views
// and bounces over the same 10M events.
func BenchmarkTraffic(b *testing.B) {
	events := benchEvents()
	var t *Traffic
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Used()
	for range b.N {
		t = &Traffic{}
		for i := range events {
			if err := t.Add(events[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	reportRates(b, len(events), cpu0)
	r := t.Report()
	b.ReportMetric(float64(r.Total.Sessions), "sessions")
}

// BenchmarkSortEvents sorts a million events of random times within a
// month. On 2 shared, loaded cores, a stable sort of the 80-byte events
// themselves took 1.8 s; sorting 24-byte keys and moving each event once
// takes 0.45 to 0.95 s, for one 24 MiB allocation.
func BenchmarkSortEvents(b *testing.B) {
	const n = 1 << 20
	rng := rand.New(rand.NewPCG(1, 2))
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	src := make([]Event, n)
	for i := range src {
		src[i] = Event{UserID: "u" + strconv.Itoa(i%1000), Time: t0.Add(time.Duration(rng.Int64N(int64(30 * 24 * time.Hour)))), Name: "a"}
	}
	events := make([]Event, n)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		copy(events, src)
		b.StartTimer()
		SortEvents(events)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/event")
}
