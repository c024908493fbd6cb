package metrics_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// reviewIDs returns n distinct short IDs of the forms of the 40M-event
// review of issue 19 (half like "C0298159", 8 bytes, half like
// "V03027620", 9 bytes), shuffled, packed back to back as a reader's
// lines hold them, and the same IDs again in another order for the
// lookups.
func reviewIDs(n int) (keys, lookups [][]byte) {
	r := rand.New(rand.NewPCG(3, 4))
	keys = make([][]byte, n)
	for i := range keys {
		if i%2 == 0 {
			keys[i] = fmt.Appendf(nil, "C%07d", i/2)
		} else {
			keys[i] = fmt.Appendf(nil, "V%08d", i/2)
		}
	}
	r.Shuffle(n, func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	lookups = append([][]byte(nil), keys...)
	r.Shuffle(n, func(i, j int) { lookups[i], lookups[j] = lookups[j], lookups[i] })
	return packed(keys), packed(lookups)
}

// BenchmarkDictMemory measures a Dict at the sizes of issue 19's review:
// 1M short IDs (a property-value Dict, renewed at 2^20) and 5.5M (the
// review's users). add fills an empty Dict with n new IDs and reports
// the CPU time per ID (cpu-ns/id; ns/id is wall time), the heap the Dict
// holds per ID after a GC (B/id: slots at their load, pages, bytes: all
// of it), and the bytes allocated per ID while it grew (alloc-B/id: the
// tables it outgrew are in it). hit looks up the n IDs it holds in
// another order, and hit-touch does as a reader does, calling Touch with
// the next 64 IDs before it looks them up. Run it with -benchtime=1x:
// one round is millions of IDs.
//
//	go test -c -o /tmp/dict.test ./metrics
//	taskset -c 1 /tmp/dict.test -test.run '^$' -test.bench DictMemory -test.benchtime 1x -test.cpu 1
func BenchmarkDictMemory(b *testing.B) {
	for _, n := range []int{1 << 20, 5_500_000} {
		keys, lookups := reviewIDs(n)
		b.Run(fmt.Sprintf("add/%d", n), func(b *testing.B) {
			var cpu, wall, live, alloc float64
			for range b.N {
				b.StopTimer()
				var m0, m1 runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&m0)
				d := new(metrics.Dict)
				b.StartTimer()
				t0 := b.Elapsed()
				c0 := cputime.Used()
				for _, k := range keys {
					d.IndexBytes(k)
				}
				cpu += float64((cputime.Used() - c0).Nanoseconds())
				wall += float64((b.Elapsed() - t0).Nanoseconds())
				b.StopTimer()
				runtime.ReadMemStats(&m1)
				alloc += float64(m1.TotalAlloc - m0.TotalAlloc)
				runtime.GC()
				runtime.ReadMemStats(&m1)
				live += float64(int64(m1.HeapAlloc) - int64(m0.HeapAlloc))
				if d.Len() != n {
					b.Fatalf("Len %d, want %d", d.Len(), n)
				}
				runtime.KeepAlive(d)
				b.StartTimer()
			}
			ids := float64(b.N) * float64(n)
			b.ReportMetric(wall/ids, "ns/id")
			b.ReportMetric(cpu/ids, "cpu-ns/id")
			b.ReportMetric(live/ids, "B/id")
			b.ReportMetric(alloc/ids, "alloc-B/id")
		})
		b.Run(fmt.Sprintf("hit/%d", n), func(b *testing.B) { benchFind(b, keys, lookups, 0) })
		// As a reader of rows does: Touch the next 64 IDs, then find them.
		b.Run(fmt.Sprintf("hit-touch/%d", n), func(b *testing.B) { benchFind(b, keys, lookups, 64) })
	}
}
