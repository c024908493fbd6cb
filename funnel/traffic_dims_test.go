package funnel

import (
	"strconv"
	"testing"
	"time"
)

// TestTrafficManyDims checks the sessions by source and by device of a
// store with more pairs of a source and a device than the Traffic finds
// by a scan (dimsRecent), each pair of sessions of its own, in an order
// that brings the pairs back after the scan's table is full: a pair
// found by the scan or by the maps must count in its own source and
// device.
func TestTrafficManyDims(t *testing.T) {
	const sources, devices = 9, 4 // 36 pairs, more than dimsRecent
	if sources*devices <= dimsRecent {
		t.Fatalf("%d pairs: the test needs more than %d", sources*devices, dimsRecent)
	}
	var tr Traffic
	t0 := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	want := make(map[string]int64) // sessions by source and by device
	user := 0
	for round := range 3 {
		for s := range sources {
			for d := range devices {
				if (s+d+round)%3 == 0 {
					continue // some pairs in some rounds only
				}
				src, dev := "src"+strconv.Itoa(s), "dev"+strconv.Itoa(d)
				user++
				e := Event{UserID: "u" + strconv.Itoa(user), Name: DefaultPageView, Time: t0.Add(time.Duration(round) * time.Hour),
					Props: []Prop{{PropSource, src}, {PropDevice, dev}}}
				if err := tr.Add(e); err != nil {
					t.Fatal(err)
				}
				want[src]++
				want[dev]++
			}
		}
	}
	r := tr.Report()
	got := make(map[string]int64)
	for k, st := range r.BySource {
		got[k] += st.Sessions
	}
	for k, st := range r.ByDevice {
		got[k] += st.Sessions
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d sessions, want %d", k, got[k], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d sources and devices, want %d", len(got), len(want))
	}
}
