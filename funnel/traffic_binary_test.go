package funnel

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

// trafficRoundTrip encodes t, decodes it into a zero Traffic, checks that
// it encodes to the same bytes, and returns it.
func trafficRoundTrip(t fataler, tr *Traffic) *Traffic {
	t.Helper()
	data := mustMarshal(t, tr)
	var d Traffic
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatalf("decoding a Traffic's encoding: %v", err)
	}
	if again := mustMarshal(t, &d); !bytes.Equal(data, again) {
		t.Fatalf("decode(encode(t)) encodes to other bytes:\n%x\n%x", data, again)
	}
	return &d
}

// Shards of a Traffic, encoded, decoded and merged, report what one
// Traffic reports, under every setting (sessions by gap and by key, both
// bounce rules), and go on counting as it would.
func TestPropTrafficBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		events := genEvents(t, "ev")
		for i := range events {
			events[i].Props = append(events[i].Props, Prop{PropDevice, rapid.SampledFrom([]string{"mobile", "desktop"}).Draw(t, "device")},
				Prop{PropSession, rapid.SampledFrom([]string{"s1", "s2"}).Draw(t, "session")})
		}
		settings := Traffic{PageView: "a", Purchase: "d", Sessions: SessionRule{
			Gap:          time.Duration(rapid.IntRange(0, 10).Draw(t, "gap")) * time.Minute,
			Bounce:       BounceRule(rapid.IntRange(0, 1).Draw(t, "bounce")),
			EngagedAfter: time.Duration(rapid.IntRange(0, 3).Draw(t, "engaged")) * time.Minute,
		}}
		if rapid.Bool().Draw(t, "keyed") {
			settings.Sessions.Key = PropSession
		}
		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		owner := map[string]int{}
		for _, u := range propUsers {
			owner[u] = rapid.IntRange(0, shards-1).Draw(t, "owner")
		}
		whole := settings
		parts := make([]Traffic, shards)
		for i := range parts {
			parts[i] = settings
		}
		for _, e := range events {
			if err := whole.Add(e); err != nil {
				t.Fatal(err)
			}
			if err := parts[owner[e.UserID]].Add(e); err != nil {
				t.Fatal(err)
			}
		}
		merged := trafficRoundTrip(t, &parts[0])
		for i := range parts[1:] {
			if err := merged.Merge(trafficRoundTrip(t, &parts[1+i])); err != nil {
				t.Fatal(err)
			}
		}
		merged = trafficRoundTrip(t, merged)
		more := genEvents(t, "more")
		for i := range more {
			more[i].Time = more[i].Time.Add(40 * time.Minute) // not before the first part, within its sessions
			more[i].Props = append(more[i].Props, Prop{PropSession, "s3"})
			if err := whole.Add(more[i]); err != nil {
				t.Fatal(err)
			}
			if err := merged.Add(more[i]); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(whole.Report(), merged.Report()); diff != "" {
			t.Fatalf("decoded and merged shards differ from one Traffic (-one +merged):\n%s", diff)
		}
	})
}

// sampleTraffic returns a Traffic of two users under BounceNotEngaged
// with sessions by key.
func sampleTraffic(t testing.TB) *Traffic {
	tr := &Traffic{Sessions: SessionRule{Key: PropSession, Bounce: BounceNotEngaged}}
	for _, e := range []Event{
		ev("u1", 0, "page_view", PropSource, "ads", PropSession, "s1"),
		ev("u1", 3, "page_view", PropSession, "s1"),
		ev("u2", 1, "purchase", PropDevice, "mobile", PropSession, "s1"),
	} {
		if err := tr.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// Corrupt encodings of a Traffic give ErrCorrupt, never a panic, and
// leave the Traffic as it was.
func TestTrafficBinaryCorrupt(t *testing.T) {
	good := mustMarshal(t, sampleTraffic(t))
	var gapOne Traffic // sessions by gap: one user, one session
	if err := gapOne.Add(ev("u1", 0, "page_view")); err != nil {
		t.Fatal(err)
	}
	one := mustMarshal(t, &gapOne)
	// one is: version, settings (6 bytes), values (1: ""), users (1: "u1",
	// time, current session 1), sessions (1: user 0, source 0, device 0,
	// no purchase, 1 view).
	last := len(one) - 5 // the first byte of the session
	set := func(i int, v ...byte) []byte {
		b := bytes.Clone(one)
		return append(b[:i], append(v, b[i+len(v):]...)...)
	}
	for _, tc := range []struct {
		name, reason string
		data         []byte
		want         string
	}{
		{"empty", "no version byte", nil, "truncated"},
		{"version", "an unknown version", []byte{9}, "unknown Traffic version 9"},
		{"settings", "a negative gap", []byte{1, 0, 1, 0, 0, 0, 0}, "invalid settings: funnel: invalid configuration: Traffic.Sessions.Gap: negative session gap -1ns"},
		{"trailing", "a byte past the end", append(bytes.Clone(one), 7), "trailing bytes"},
		{"user", "a session of user 1 of 1", set(last, 1), "session of no user, source or device"},
		{"source", "a source not among the values", set(last+1, 1), "session of no user, source or device"},
		{"flag", "a purchase flag of 2", set(last+3, 2), "flag out of range"},
		{"current", "a current session past the sessions", set(last-2, 2), "current session out of range or of another user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := sampleTraffic(t)
			err := tr.UnmarshalBinary(tc.data)
			got := struct {
				Corrupt, Metrics bool
				Msg              string
			}{errors.Is(err, ErrCorrupt), errors.Is(err, metrics.ErrCorrupt), ""}
			if err != nil {
				got.Msg = err.Error()
			}
			want := struct {
				Corrupt, Metrics bool
				Msg              string
			}{true, true, "funnel: corrupt binary data: " + tc.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if !bytes.Equal(mustMarshal(t, tr), good) {
				t.Errorf("a refused decode changed the Traffic")
			}
		})
	}
	for n := range len(good) {
		tr := sampleTraffic(t)
		if err := tr.UnmarshalBinary(good[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("the first %d of %d bytes: %v, want ErrCorrupt", n, len(good), err)
		}
	}
	var tr Traffic
	tr.Sessions.Bounce = BounceNotEngaged
	if err := tr.Add(ev("u1", 0, "page_view")); err != nil {
		t.Fatal(err)
	}
	tr.Sessions.Bounce = BounceOnePage
	if _, err := tr.MarshalBinary(); err == nil {
		t.Errorf("MarshalBinary of a Traffic whose bounce rule changed after Add: no error")
	}
}
