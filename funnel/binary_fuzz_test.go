package funnel

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// seedCounters returns counters of several funnels with users in every
// state: sessions by key and by gap (with folded sessions), breakdowns,
// exclusions, FirstEntryOnly, strict modes.
func seedCounters(t testing.TB) []*Counter {
	events := []Event{
		ev("u1", 0, "a", PropSource, "ads", PropSession, "s1"),
		ev("u1", 1, "b", PropSource, "ads", PropSession, "s1"),
		ev("u2", 1, "a", PropSession, "s1"),
		ev("u2", 2, "x", PropSession, "s2"),
		ev("u2", 2, "b", PropSession, "s2"),
		ev("u1", 3, "c", PropSession, "s1"),
		ev("u3", 3, "a", PropSource, "search", PropSession, "s9"),
		ev("u2", 50, "a", PropSession, "s3"),
		ev("u2", 51, "b", PropSession, "s3"),
		ev("u3", 60, "a", PropSession, "s9"),
	}
	out := []*Counter{sampleCounter(t)}
	for _, cfg := range []Config{
		{Steps: steps("a", "b", "c")},
		{Steps: steps("a", "b", "c"), Window: 2 * time.Minute, Breakdown: PropSource, Attribution: LastTouch, Unit: PerSession},
		{Steps: steps("a", "b", "c", "d"), FirstEntryOnly: true, Mode: StrictOrder | AllowReentry},
		{Steps: steps("a", "b", "c"), Exclusions: []Exclusion{{Name: "x", From: 1, To: 3}}, Mode: StrictIncrease | StrictDeduplication},
		{Steps: steps("a", "b"), Unit: PerSession, Sessions: SessionRule{Key: PropSession}, Breakdown: PropSource},
	} {
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if err := c.Add(e); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, c)
	}
	return out
}

// FuzzCounterUnmarshalBinary decodes arbitrary bytes into a zero Counter:
// never a panic; an error wraps ErrCorrupt; a decoded counter gives a
// Result, encodes to bytes that decode to a counter encoding to the same
// bytes, merges into an empty counter of its funnel, and counts on.
func FuzzCounterUnmarshalBinary(f *testing.F) {
	for _, c := range seedCounters(f) {
		f.Add(mustMarshal(f, c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var c Counter
		if err := c.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		r := c.Result()
		if len(r.Steps) != c.n {
			t.Fatalf("%d steps in the result of a %d-step funnel", len(r.Steps), c.n)
		}
		enc := mustMarshal(t, &c)
		var d Counter
		if err := d.UnmarshalBinary(enc); err != nil {
			t.Fatalf("decoding a decoded counter's encoding: %v", err)
		}
		if again := mustMarshal(t, &d); !bytes.Equal(enc, again) {
			t.Fatalf("not a fixed point:\n%x\n%x", enc, again)
		}
		e, err := NewCounter(c.cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Merge(&d); err != nil {
			t.Fatalf("merging into an empty counter: %v", err)
		}
		_ = e.Result()
		if !c.m.hasPreds() {
			for ui := range min(c.nusers, 3) {
				ev := Event{UserID: c.userID(ui), Time: time.Unix(0, *c.lastOf(ui)), Name: c.cfg.Steps[ui%2].Name,
					Props: []Prop{{c.cfg.Breakdown, "ads"}}}
				if c.kind == unitKeyed {
					ev.Props = []Prop{{c.sessionKey, "s"}}
				}
				if err := c.Add(ev); err != nil {
					t.Fatalf("Add at the user's last time: %v", err)
				}
			}
			_ = c.Result()
		}
	})
}

// FuzzTrafficUnmarshalBinary decodes arbitrary bytes into a Traffic:
// never a panic; an error wraps ErrCorrupt; a decoded Traffic reports,
// encodes to a fixed point and merges into an empty one.
func FuzzTrafficUnmarshalBinary(f *testing.F) {
	f.Add(mustMarshal(f, sampleTraffic(f)))
	var gap Traffic
	for _, e := range []Event{ev("u1", 0, "page_view", PropSource, "ads"), ev("u1", 40, "page_view"), ev("u2", 1, "purchase")} {
		if err := gap.Add(e); err != nil {
			f.Fatal(err)
		}
	}
	f.Add(mustMarshal(f, &gap))
	f.Fuzz(func(t *testing.T, data []byte) {
		var tr Traffic
		if err := tr.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not wrap ErrCorrupt", err)
			}
			return
		}
		r := tr.Report()
		if r.Total.Visitors != int64(tr.state.Len()) {
			t.Fatalf("%d visitors of %d users", r.Total.Visitors, tr.state.Len())
		}
		enc := mustMarshal(t, &tr)
		var d Traffic
		if err := d.UnmarshalBinary(enc); err != nil {
			t.Fatalf("decoding a decoded Traffic's encoding: %v", err)
		}
		if again := mustMarshal(t, &d); !bytes.Equal(enc, again) {
			t.Fatalf("not a fixed point:\n%x\n%x", enc, again)
		}
		e := Traffic{Sessions: tr.Sessions, PageView: tr.PageView, Purchase: tr.Purchase}
		if err := e.Merge(&d); err != nil {
			t.Fatalf("merging into an empty Traffic: %v", err)
		}
		_ = e.Report()
	})
}
