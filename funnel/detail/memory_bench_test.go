package detail_test

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// shapedEvents are 1,000,000 events shaped like those of the review's
// month of the 40M-event store (6.6M events, ~4M pairs of user and SKU,
// ~1.6M users): 250,000 users with 1 to 7 events each (4 on average),
// each event a new SKU for its user with probability 0.47 after the
// user's first (0.6 pairs per event), of 20,000 SKUs, most of them views
// (80 %, then 15 % carts and 5 % purchases), at random times of a month,
// in time order. A user's events share one ID string, and a SKU's one
// string, as the review's events do (they come from the events reader's
// dictionaries).
var shapedEvents = sync.OnceValue(func() []funnel.Event {
	r := rand.New(rand.NewPCG(35, 1))
	const users, skus = 250_000, 20_000
	month := 30 * 24 * time.Hour
	names := make([]string, skus)
	for i := range names {
		names[i] = fmt.Sprintf("SKU-%05d", i)
	}
	var events []funnel.Event
	for u := range users {
		id := fmt.Sprintf("user-%08d", u)
		var mine []string
		for range 1 + r.IntN(7) {
			var sku string
			if len(mine) == 0 || r.Float64() < 0.47 {
				sku = names[r.IntN(skus)]
				mine = append(mine, sku)
			} else {
				sku = mine[r.IntN(len(mine))]
			}
			name := v
			switch x := r.Float64(); {
			case x < 0.05:
				name = b
			case x < 0.20:
				name = c
			}
			events = append(events, funnel.Event{UserID: id, Time: t0.Add(time.Duration(r.Int64N(int64(month)))), Name: name,
				Props: []funnel.Prop{{Key: funnel.PropSKU, Value: sku}}})
		}
	}
	funnel.SortEvents(events)
	return events
})

// BenchmarkCounterShaped counts [shapedEvents] with one Counter and
// reports ns per event (wall and CPU time of the process), and the heap
// the counter holds once the garbage is collected: in all, per pair of
// user and SKU and per user (both including everything, so each alone
// overstates; BenchmarkCounterMemory separates them).
func BenchmarkCounterShaped(b *testing.B) {
	events := shapedEvents()
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
	}
	cpu := cputime.Used() - cpu0
	total := float64(len(events)) * float64(b.N)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/total, "ns/event")
	b.ReportMetric(float64(cpu.Nanoseconds())/total, "cpu-ns/event")
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	users, pairs := detail.Sizes(k)
	b.ReportMetric(held, "held-B")
	b.ReportMetric(held/float64(pairs), "held-B/pair")
	b.ReportMetric(float64(pairs)/float64(len(events)), "pairs/event")
	b.ReportMetric(float64(len(events))/float64(users), "events/user")
	runtime.KeepAlive(k)
}

// BenchmarkCounterMemory separates the heap a Counter holds per user from
// that per pair of user and SKU: it counts views of 300,000 users, once
// with one SKU each and once with three, and solves held = users × B/user
// + pairs × B/pair (+ the SKUs', the same in both) for the two unknowns.
// A table that grows by doubling holds between one and two times its
// fill: the figures are those of these sizes, not of every size.
func BenchmarkCounterMemory(b *testing.B) {
	const users = 300_000
	ids := make([]string, users)
	for u := range ids {
		ids[u] = fmt.Sprintf("user-%08d", u)
	}
	skus := []string{"SKU-1", "SKU-2", "SKU-3"}
	held := func(per int) (float64, int) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		k := &detail.Counter{}
		e := funnel.Event{Time: t0, Name: v, Props: []funnel.Prop{{Key: funnel.PropSKU}}}
		for _, id := range ids {
			e.UserID = id
			for _, s := range skus[:per] {
				e.Props[0].Value = s
				if err := k.Add(&e); err != nil {
					b.Fatal(err)
				}
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		_, pairs := detail.Sizes(k)
		runtime.KeepAlive(k)
		return float64(after.HeapAlloc) - float64(before.HeapAlloc), pairs
	}
	var perUser, perPair float64
	for b.Loop() {
		h1, p1 := held(1)
		h3, p3 := held(3)
		perPair = (h3 - h1) / float64(p3-p1)
		perUser = (h1 - perPair*float64(p1)) / users
	}
	b.ReportMetric(perPair, "B/pair")
	b.ReportMetric(perUser, "B/user")
}
