package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// dictKeys returns n distinct IDs of the form the demo store exports
// (C0001421-000: 12 bytes), or, when long, of a UUID's 36 bytes whose
// first 24 are the same for all, in a shuffled order, with the same IDs
// again in another order for the lookups.
func dictKeys(n int, long bool) (keys, lookups [][]byte) {
	r := rand.New(rand.NewPCG(1, 2))
	keys = make([][]byte, n)
	for i := range keys {
		if long {
			keys[i] = fmt.Appendf(nil, "6f1c2a9e-4b7d-4e11-9c3a-%012x", i)
		} else {
			keys[i] = fmt.Appendf(nil, "C%07d-%03d", i%1_000_000, i/1_000_000)
		}
	}
	r.Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	lookups = append([][]byte(nil), keys...)
	r.Shuffle(n, func(i, j int) { lookups[i], lookups[j] = lookups[j], lookups[i] })
	// Each set's bytes back to back, in its order, as a reader's lines
	// hold them: reading an ID is not what is measured.
	return packed(keys), packed(lookups)
}

func packed(keys [][]byte) [][]byte {
	var buf []byte
	for _, k := range keys {
		buf = append(buf, k...)
	}
	out := make([][]byte, len(keys))
	for i, k := range keys {
		out[i], buf = buf[:len(k):len(k)], buf[len(k):]
	}
	return out
}

// BenchmarkDict measures Dict.IndexBytes: adding n new IDs to an empty
// Dict (add), and looking up the n IDs it holds in another order (hit),
// for 1,000 IDs (the table in the cache) and 300,000 (the demo's 290k
// customers, a table far in memory), of 12 bytes (short) and 36 (long).
// It reports the wall and CPU time per ID.
func BenchmarkDict(b *testing.B) {
	for _, n := range []int{1_000, 300_000} {
		for _, long := range []bool{false, true} {
			keys, lookups := dictKeys(n, long)
			name := fmt.Sprintf("%s/%d", map[bool]string{false: "short", true: "long"}[long], n)
			b.Run("add/"+name, func(b *testing.B) {
				cpu0 := cputime.Used()
				for range b.N {
					var d metrics.Dict
					for _, k := range keys {
						d.IndexBytes(k)
					}
					if d.Len() != n {
						b.Fatalf("Len %d, want %d", d.Len(), n)
					}
				}
				reportID(b, n, cpu0)
			})
			b.Run("hit/"+name, func(b *testing.B) { benchFind(b, keys, lookups, 0) })
		}
	}
}

// reportID reports the wall and CPU time per ID of b.N rounds of n IDs,
// the CPU time since cpu0 (where the system tells it).
// benchFind times finding the IDs of lookups, the IDs of keys in
// another order, in a Dict of keys, b.N times over; with touch > 0 it
// calls Touch with the next touch IDs before it finds them, as a reader
// of rows does. It checks the numbers found and reports the time per ID.
func benchFind(b *testing.B, keys, lookups [][]byte, touch int) {
	var d metrics.Dict
	for _, k := range keys {
		d.IndexBytes(k)
	}
	runtime.GC()
	b.ResetTimer()
	cpu0 := cputime.Used()
	var sum int64
	for range b.N {
		for ks := lookups; len(ks) > 0; {
			next := ks
			if touch > 0 {
				next = ks[:min(len(ks), touch)]
				d.Touch(next)
			}
			ks = ks[len(next):]
			for _, k := range next {
				sum += int64(d.IndexBytes(k))
			}
		}
	}
	b.StopTimer()
	n := len(keys)
	if want := int64(b.N) * int64(n) * int64(n-1) / 2; sum != want {
		b.Fatalf("sum of numbers %d, want %d", sum, want)
	}
	reportID(b, n, cpu0)
}

func reportID(b *testing.B, n int, cpu0 time.Duration) {
	ids := float64(b.N) * float64(n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/ids, "ns/id")
	if cpu := cputime.Used() - cpu0; cpu0 > 0 && cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/ids, "cpu-ns/id")
	}
}
