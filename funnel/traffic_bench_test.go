package funnel

import (
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
)

// trafficPeersEvents returns the events of the harness's 10M-event file
// (peersEventsFile: 1M users, in time order, with source and device) as
// rows, each with a session ID too: the user's sessions split at gaps of
// more than 30 minutes, numbered across users as the demo's are
// ("S000000001"), so that sessions by key find the same sessions as by
// gap. The events of a session share their Props. It returns nil if the
// file is absent.
var trafficPeersEvents = sync.OnceValue(func() []Event {
	batch := peersEvents()
	if batch == nil {
		return nil
	}
	src, dev := batch.PropKeys.Index(PropSource), batch.PropKeys.Index(PropDevice)
	type userState struct {
		last    int64
		session int32 // the index + 1 of its current session's props
	}
	users := make([]userState, batch.UserIDs.Len())
	var props [][]Prop
	events := make([]Event, batch.Len())
	gap := int64(DefaultSessionGap)
	for i := range events {
		u := &users[batch.User[i]]
		ns := batch.Time[i]
		p := batch.Prop(i, src)
		d := batch.Prop(i, dev)
		if u.session == 0 || ns-u.last > gap || props[u.session-1][1].Value != p || props[u.session-1][2].Value != d {
			id := strconv.Itoa(len(props) + 1)
			id = "S" + "000000000"[min(len(id), 9):] + id
			props = append(props, []Prop{{PropSession, id}, {PropSource, p}, {PropDevice, d}})
			u.session = int32(len(props))
		}
		u.last = ns
		events[i] = Event{UserID: batch.UserIDs.String(batch.User[i]), Time: time.Unix(0, ns).UTC(),
			Name: batch.Names.String(batch.Name[i]), Props: props[u.session-1]}
	}
	return events
})

// BenchmarkTrafficPeers counts the traffic of the harness's 10M events
// (trafficPeersEvents: 1M users, about the review's month in shape) with
// sessions by gap and by key, the page views being "view", and reports
// the CPU time per event and the live heap the Traffic holds: heapB is
// runtime.MemStats.HeapAlloc after a GC with the Traffic minus before it,
// and heapB/user and heapB/session are that total over the users and over
// the sessions (two views of one figure, not a split). Build the test
// binary of each version and run them interleaved on one core:
//
//	go test -c -o /tmp/funnel.test ./funnel
//	for i in 1 2 3 4 5; do taskset -c 1 /tmp/funnel.test -test.run '^$' \
//	    -test.bench TrafficPeers -test.benchtime 1x -test.cpu 1; done
//
// On 2 shared, loaded cores (5 interleaved runs of each; min and median),
// the Traffic of maps (commit ea31199) against its packed tables:
//
//	sessions  heapB (MB)       cpu-ns/event, min      median
//	gap       181.8 → 109.6    328 → 141 (0.43)    378 → 186 (0.49)
//	keyed     479.0 → 201.9    802 → 325 (0.40)   1004 → 433 (0.43)
//
// that is 120 → 72 bytes per user with its 2.4 sessions by gap.
func BenchmarkTrafficPeers(b *testing.B) {
	events := trafficPeersEvents()
	if events == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	benchTrafficPeers(b, len(events), func(t *Traffic) error {
		for i := range events {
			if err := t.Add(events[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// benchTrafficPeers runs add, which feeds n events to a new Traffic, under
// each session rule, and reports the CPU per event, the heap the Traffic
// holds, per user and per session, and its users and sessions.
func benchTrafficPeers(b *testing.B, n int, add func(*Traffic) error) {
	for _, rule := range []struct {
		name     string
		sessions SessionRule
	}{{"gap", SessionRule{}}, {"keyed", SessionRule{Key: PropSession}}} {
		b.Run(rule.name, func(b *testing.B) {
			var t *Traffic
			var cpu time.Duration
			var ms runtime.MemStats
			var heapB float64
			b.StopTimer()
			for range b.N {
				t = nil
				runtime.GC()
				runtime.ReadMemStats(&ms)
				before := ms.HeapAlloc
				t = &Traffic{Sessions: rule.sessions, PageView: "view"}
				cpu0 := cputime.Used()
				b.StartTimer()
				if err := add(t); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				cpu += cputime.Used() - cpu0
				runtime.GC()
				runtime.ReadMemStats(&ms)
				heapB += float64(ms.HeapAlloc) - float64(before)
			}
			r := t.Report()
			runs := float64(b.N)
			b.ReportMetric(cpu.Seconds()*1e9/runs/float64(n), "cpu-ns/event")
			b.ReportMetric(heapB/runs, "heapB")
			b.ReportMetric(heapB/runs/float64(r.Total.Visitors), "heapB/user")
			b.ReportMetric(heapB/runs/float64(r.Total.Sessions), "heapB/session")
			b.ReportMetric(float64(r.Total.Visitors), "users")
			b.ReportMetric(float64(r.Total.Sessions), "sessions")
		})
	}
}

// trafficPeersBatch is trafficPeersEvents as one batch ([Events]).
var trafficPeersBatch = sync.OnceValue(func() *Events {
	events := trafficPeersEvents()
	if events == nil {
		return nil
	}
	var b Events
	b.Init()
	for _, e := range events {
		if err := b.Append(e); err != nil {
			panic(err)
		}
	}
	return &b
})

// BenchmarkTrafficPeersEvents is BenchmarkTrafficPeers through the batch
// path, [Traffic.AddEvents] of the same events as one batch (the users
// numbered in their order of appearance, as a reader numbers them), and
// reports the same figures: compare cpu-ns/event and heapB with
// BenchmarkTrafficPeers' in one run.
func BenchmarkTrafficPeersEvents(b *testing.B) {
	batch := trafficPeersBatch()
	if batch == nil {
		b.Skip(peersEventsFile + " is absent")
	}
	benchTrafficPeers(b, batch.Len(), func(t *Traffic) error { return t.AddEvents(batch) })
}
