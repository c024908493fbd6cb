package funnel

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

func stats(visitors, sessions, pv, bounces int64) TrafficStats {
	return TrafficStats{Visitors: visitors, Sessions: sessions, PageViews: pv, Bounces: bounces,
		BounceRate: metrics.CountRatio(bounces, sessions), PagesPerSession: metrics.CountRatio(pv, sessions)}
}

func TestTrafficGapSessions(t *testing.T) {
	events := []Event{
		// u1: two sessions; the gap 10→41 is 31 minutes > 30.
		ev("u1", 0, "page_view", PropSource, "ads", PropDevice, "mobile"),
		ev("u1", 10, "page_view", PropSource, "ads", PropDevice, "mobile"),
		ev("u1", 41, "page_view", PropSource, "search", PropDevice, "desktop"),
		// u2: a gap of exactly 30 minutes keeps one session of 2 views.
		ev("u2", 0, "page_view", PropSource, "ads", PropDevice, "desktop"),
		ev("u2", 30, "page_view"),
		// u3: the landing event has no source or device; one view: a bounce.
		ev("u3", 5, "add_to_cart"),
		ev("u3", 6, "page_view", PropSource, "social", PropDevice, "mobile"),
	}
	got, err := CountTraffic(Traffic{}, events)
	if err != nil {
		t.Fatal(err)
	}
	// Hand count: sessions u1a{2 views, ads, mobile}, u1b{1, search,
	// desktop}, u2{2, ads, desktop}, u3{1, "", ""}.
	want := TrafficReport{
		Total: stats(3, 4, 6, 2),
		BySource: map[string]TrafficStats{
			"ads":    stats(2, 2, 4, 0),
			"search": stats(1, 1, 1, 1),
			"":       stats(1, 1, 1, 1),
		},
		ByDevice: map[string]TrafficStats{
			"mobile":  stats(1, 1, 2, 0),
			"desktop": stats(2, 2, 3, 1),
			"":        stats(1, 1, 1, 1),
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// With a 40-minute gap u1 has one session of 3 views.
	got, err = CountTraffic(Traffic{Sessions: SessionRule{Gap: 40 * time.Minute}}, events)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stats(3, 3, 6, 1), got.Total); diff != "" {
		t.Errorf("40-minute gap total (-want +got):\n%s", diff)
	}
}

func TestTrafficSessionIDs(t *testing.T) {
	tr := Traffic{Sessions: SessionRule{Key: PropSession}, PageView: "view"}
	events := []Event{
		ev("u1", 0, "view", PropSession, "s1", PropDevice, "mobile"),
		ev("u1", 1, "view", PropSession, "s2", PropDevice, "desktop"),
		ev("u1", 90, "view", PropSession, "s1"), // a 90-minute gap, still s1
		ev("u2", 3, "cart", PropSession, "s3"),  // a session without views
	}
	for _, e := range events {
		if err := tr.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	got := tr.Report()
	// Hand count: s1 has 2 views, s2 one (a bounce), s3 none.
	if diff := cmp.Diff(stats(2, 3, 3, 1), got.Total); diff != "" {
		t.Errorf("total (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(stats(1, 1, 1, 1), got.ByDevice["desktop"]); diff != "" {
		t.Errorf("desktop (-want +got):\n%s", diff)
	}
	err := tr.Add(ev("u3", 4, "view"))
	var ee *EventError
	if !errors.As(err, &ee) || !errors.Is(err, ErrNoSession) || ee.UserID != "u3" {
		t.Errorf("Add without session id = %v, want ErrNoSession for u3", err)
	}
	if err := tr.Add(ev("u1", 2, "view", PropSession, "s1")); !errors.Is(err, ErrOutOfOrder) {
		t.Errorf("Add(older) = %v, want ErrOutOfOrder", err)
	}
	var empty Traffic
	if r := empty.Report(); r.Total.BounceRate.Defined() || r.Total.Visitors != 0 {
		t.Errorf("empty report = %+v, want zero counts and undefined rates", r.Total)
	}
}

// Traffics over shards of users merge into what one Traffic counts.
func TestPropTrafficMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := genEvents(t, "ev")
		for i := range events {
			events[i].Props = append(events[i].Props, Prop{PropDevice, rapid.SampledFrom([]string{"mobile", "desktop"}).Draw(t, "device")},
				Prop{PropSession, rapid.SampledFrom([]string{"s1", "s2"}).Draw(t, "session")})
		}
		settings := Traffic{PageView: "a", Sessions: SessionRule{Gap: time.Duration(rapid.IntRange(1, 10).Draw(t, "gap")) * time.Minute}}
		if rapid.Bool().Draw(t, "keyed") {
			settings.Sessions.Key = PropSession
		}
		owner := map[string]int{}
		for _, u := range propUsers {
			owner[u] = rapid.IntRange(0, 1).Draw(t, "owner")
		}
		whole, shards := settings, [2]Traffic{settings, settings}
		for _, e := range events {
			if err := whole.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := shards[owner[e.UserID]].Add(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := shards[0].Merge(&shards[1]); err != nil {
			t.Fatal(err)
		}
		// Keep counting after the merge: the merged Traffic must go on as
		// one would.
		more := genEvents(t, "more")
		for i := range more {
			more[i].Time = more[i].Time.Add(time.Hour)
			more[i].Props = append(more[i].Props, Prop{PropSession, "s3"})
			if err := whole.Add(more[i]); err != nil {
				t.Fatal(err)
			}
			if err := shards[0].Add(more[i]); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(whole.Report(), shards[0].Report()); diff != "" {
			t.Fatalf("merged differs from one Traffic (-one +merged):\n%s", diff)
		}
		if err := shards[0].Merge(&whole); len(events) > 0 && !errors.Is(err, ErrOverlap) {
			t.Fatalf("Merge(overlapping) = %v, want ErrOverlap", err)
		}
	})
}

// TestSessionGapFarApart checks that a gap too long for int64 nanoseconds
// still splits sessions: Add accepts times from 1678 to 2261, and two
// events of one user at either end are more than 292 years apart, so
// their difference in nanoseconds overflows.
func TestSessionGapFarApart(t *testing.T) {
	early := time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC)
	late := time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
	events := []Event{
		{UserID: "u", Time: early, Name: "page_view"},
		{UserID: "u", Time: late, Name: "page_view"},
	}
	got, err := CountTraffic(Traffic{}, events)
	if err != nil {
		t.Fatal(err)
	}
	// Hand count: one user, two sessions of one page view each (500 years
	// apart), both bounces.
	if diff := cmp.Diff(stats(1, 2, 2, 2), got.Total); diff != "" {
		t.Errorf("traffic of events 500 years apart (-want +got):\n%s", diff)
	}
	// The same two events counted by a funnel per session: two sessions,
	// each reaching step 1.
	events[0].Name, events[1].Name = "a", "a"
	res, err := Count(Config{Steps: steps("a", "b"), Unit: PerSession}, events)
	if err != nil {
		t.Fatal(err)
	}
	if res.Units != 2 || res.Steps[0].Reached != 2 {
		t.Errorf("per-session funnel of events 500 years apart: %d sessions, %d reached step 1; want 2 and 2", res.Units, res.Steps[0].Reached)
	}
}
