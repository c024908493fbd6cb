package detail_test

import (
	"runtime"
	"sync"
	"testing"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// demoEvents are the default demo store's events: two years, 625,000
// events in time order, page views and add-to-carts naming their SKU.
var demoEvents = sync.OnceValue(func() []funnel.Event { return demoStore().Events })

// BenchmarkCounterDemo counts the demo's events with one Counter, as the
// review's part does for a period, and reports events per wall-clock
// second and per CPU second of the process (on a shared machine the
// first also measures the wait for a core).
func BenchmarkCounterDemo(b *testing.B) {
	events := demoEvents()
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cpu0 := cputime.Used()
	var k *detail.Counter
	for b.Loop() {
		k = &detail.Counter{}
		for i := range events {
			if err := k.Add(&events[i]); err != nil {
				b.Fatal(err)
			}
		}
		_ = k.Result()
	}
	cpu := cputime.Used() - cpu0
	total := float64(len(events)) * float64(b.N)
	b.ReportMetric(total/b.Elapsed().Seconds(), "events/s")
	if cpu > 0 {
		b.ReportMetric(total/cpu.Seconds(), "events/cpu-s")
	}
	// The memory the last counter holds, once the garbage is collected.
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc)-float64(before.HeapAlloc), "held-B")
	runtime.KeepAlive(k)
}

// BenchmarkMarshalDemo encodes and decodes the counter of the demo's
// events, and reports the encoding's size.
func BenchmarkMarshalDemo(b *testing.B) {
	events := demoEvents()
	var k detail.Counter
	for i := range events {
		if err := k.Add(&events[i]); err != nil {
			b.Fatal(err)
		}
	}
	var size int
	for b.Loop() {
		data, err := k.MarshalBinary()
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
		var back detail.Counter
		if err := back.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size), "bytes")
}
