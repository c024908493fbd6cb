package funnel

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/internal/wire"
	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

// roundTrip encodes c, decodes the bytes into into (a counter made by
// NewCounter, or a zero one), checks that the decoded counter encodes to
// the same bytes, and returns it.
func roundTrip(t fataler, c, into *Counter) *Counter {
	t.Helper()
	data, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := into.UnmarshalBinary(data); err != nil {
		t.Fatalf("decoding a counter's encoding: %v", err)
	}
	again, err := into.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Fatalf("decode(encode(c)) encodes to other bytes:\n%x\n%x", data, again)
	}
	return into
}

// decodeTarget returns a counter to decode into: made by NewCounter(cfg),
// or a zero one.
func decodeTarget(t *rapid.T, cfg Config, label string) *Counter {
	if rapid.Bool().Draw(t, label) {
		return new(Counter)
	}
	c, err := NewCounter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Shards counted apart, encoded, decoded (into configured or zero
// counters) and merged give what one counter gives; and a counter
// encoded mid-stream, decoded into a counter of its Config and fed the
// rest of the stream gives the same too. Every funnel genBatchConfig
// draws: windows, modes, FirstEntryOnly, exclusions (by name and by
// predicate), breakdowns with both attributions, sessions by gap and by
// key; events as rows and as batches.
func TestPropCounterBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cfg := genBatchConfig(t)
		events := genBatchEvents(t, "ev", false)
		whole, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			_ = whole.Add(e) // a row Add rejects (no session ID) is skipped by every counter alike
		}
		want := whole.Result()

		shards := rapid.IntRange(1, 3).Draw(t, "shards")
		owner := map[string]int{}
		for _, u := range propUsers {
			owner[u] = rapid.IntRange(0, shards-1).Draw(t, "owner")
		}
		parts := make([][]Event, shards)
		for _, e := range events {
			parts[owner[e.UserID]] = append(parts[owner[e.UserID]], e)
		}
		var merged *Counter
		for i, part := range parts {
			c, err := NewCounter(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if rapid.Bool().Draw(t, "batch") {
				var b Events
				appendAll(&b, part...)
				_ = c.AddEvents(&b)
			} else {
				for _, e := range part {
					_ = c.Add(e)
				}
			}
			d := roundTrip(t, c, decodeTarget(t, cfg, "zero"))
			if i == 0 {
				merged = d
			} else if err := merged.Merge(d); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(want, merged.Result()); diff != "" {
			t.Fatalf("decoded and merged shards differ from one counter (-one +merged):\n%s", diff)
		}
		merged = roundTrip(t, merged, new(Counter))
		if diff := cmp.Diff(want, merged.Result()); diff != "" {
			t.Fatalf("the merge, encoded and decoded, differs from one counter (-one +merged):\n%s", diff)
		}

		cut := rapid.IntRange(0, len(events)).Draw(t, "cut")
		head, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b Events
		appendAll(&b, events[:cut]...)
		_ = head.AddEvents(&b)
		into, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		cont := roundTrip(t, head, into)
		for _, e := range events[cut:] {
			_ = cont.Add(e)
		}
		if diff := cmp.Diff(want, cont.Result()); diff != "" {
			t.Fatalf("counting on after a round trip at event %d differs (-one +continued):\n%s", cut, diff)
		}
	})
}

// A round trip keeps what Merge compares: counters of different funnels
// still refuse to merge after it, and shared users are still found.
func TestCounterBinaryMergeRefused(t *testing.T) {
	a, _ := NewCounter(Config{Steps: steps("a", "b")})
	b, _ := NewCounter(Config{Steps: steps("a", "b"), Window: time.Hour})
	for _, c := range []*Counter{a, b} {
		if err := c.Add(ev("u1", 0, "a")); err != nil {
			t.Fatal(err)
		}
	}
	da, db := roundTrip(t, a, new(Counter)), roundTrip(t, b, new(Counter))
	var me *metrics.MergeError
	if err := da.Merge(db); !errors.As(err, &me) {
		t.Errorf("merging decoded counters of different windows: %v, want a *metrics.MergeError", err)
	}
	if err := a.UnmarshalBinary(mustMarshal(t, b)); !errors.As(err, &me) {
		t.Errorf("decoding a counter of another funnel into a configured one: %v, want a *metrics.MergeError", err)
	}
	a2, _ := NewCounter(Config{Steps: steps("a", "b")})
	if err := a2.Add(ev("u1", 3, "b")); err != nil {
		t.Fatal(err)
	}
	if err := da.Merge(roundTrip(t, a2, new(Counter))); !errors.Is(err, ErrOverlap) {
		t.Errorf("merging decoded counters that share u1: %v, want ErrOverlap", err)
	}
}

// A counter decoded into a zero Counter keeps the names of steps matched
// by predicates; it merges and gives results, and panics, saying why,
// when it must call the lost predicate.
func TestCounterBinaryLostPredicate(t *testing.T) {
	cfg := Config{Steps: []Step{{Name: "a"}, {Name: "paid b", Match: func(e Event) bool { return e.Name == "b" }}}}
	c, _ := NewCounter(cfg)
	for _, e := range []Event{ev("u1", 0, "a"), ev("u1", 1, "b")} {
		if err := c.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	d := roundTrip(t, c, new(Counter))
	if diff := cmp.Diff(c.Result(), d.Result()); diff != "" {
		t.Errorf("decoded result (-want +got):\n%s", diff)
	}
	defer func() {
		r := recover()
		if s, _ := r.(string); !strings.Contains(s, `step 2 ("paid b") matches by a predicate`) {
			t.Errorf("Add on a counter without its predicate: recovered %v", r)
		}
	}()
	_ = d.Add(ev("u2", 0, "a"))
}

// fataler is what testing.TB and *rapid.T share that the helpers use.
type fataler interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func mustMarshal(t fataler, c interface{ MarshalBinary() ([]byte, error) }) []byte {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sampleCounter returns a counter with a breakdown and sessions by key,
// users at several levels, pending events and a chain at level 2.
func sampleCounter(t testing.TB) *Counter {
	c, err := NewCounter(Config{Steps: steps("a", "b", "c"), Window: 10 * time.Minute, Breakdown: PropSource,
		Unit: PerSession, Sessions: SessionRule{Key: PropSession},
		Exclusions: []Exclusion{{Name: "x", From: 1, To: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Event{
		ev("u1", 0, "a", PropSource, "ads", PropSession, "s1"),
		ev("u1", 1, "b", PropSource, "ads", PropSession, "s1"),
		ev("u2", 1, "a", PropSession, "s1"),
		ev("u2", 2, "b", PropSession, "s2"),
		ev("u3", 3, "a", PropSource, "search", PropSession, "s9"),
	} {
		if err := c.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// Decoding data that MarshalBinary did not write gives an error wrapping
// ErrCorrupt and metrics.ErrCorrupt, never a panic, and leaves the counter
// as it was: every truncation of a real encoding, and the alterations
// below.
func TestCounterBinaryCorrupt(t *testing.T) {
	good := mustMarshal(t, sampleCounter(t))
	simple, _ := NewCounter(Config{Steps: steps("a", "b")})
	if err := simple.Add(ev("u1", 0, "a")); err != nil {
		t.Fatal(err)
	}
	one := mustMarshal(t, simple) // 1 user "u1", at level 1
	// oneAt returns one with its bytes from the user on replaced by tail.
	funnelLen := len(one) - len(" u1")
	for ; funnelLen > 0 && !bytes.HasPrefix(one[funnelLen:], []byte{1, 2, 'u', '1'}); funnelLen-- {
	}
	head := one[:funnelLen]
	with := func(parts ...[]byte) []byte { return bytes.Join(append([][]byte{head}, parts...), nil) }
	user := func(id string, dt int64) []byte {
		return binary.AppendVarint(wire.AppendString(nil, id), dt)
	}
	t1 := at(0).UnixNano()
	for _, tc := range []struct {
		name, reason string
		data         []byte
		want         string
	}{
		{"empty", "no version byte", nil, "truncated"},
		{"version 2", "an encoding this version cannot read", []byte{2}, "unknown Counter version 2"},
		{"trailing", "a byte past the end", append(bytes.Clone(one), 0), "trailing bytes"},
		{"one step", "a funnel Validate refuses", append([]byte{1}, (&Counter{cfg: Config{Steps: steps("a")}, n: 1, window: 1}).appendFunnel(nil)...), "invalid funnel: funnel: invalid configuration: Config.Steps: funnel has 1 steps, want 2 to 32"},
		{"too many steps", "more than MaxSteps, before any allocation", []byte{1, 33}, "length beyond the data"},
		{"window 0", "the default window not resolved, as MarshalBinary never writes it",
			append([]byte{1}, (&Counter{cfg: Config{Steps: steps("a", "b")}, n: 2}).appendFunnel(nil)...), "funnel settings not in their encoded form"},
		{"user repeated", "two users with one ID",
			with([]byte{2}, user("u1", t1), user("u1", 0)), "user repeated"},
		{"user time", "a time Add would refuse", with([]byte{1}, user("u1", math.MaxInt64)), "user time out of range"},
		{"units", "a unit count other than the users'", with([]byte{1}, user("u1", t1), []byte{2, 0, 0}), "not one unit per user"},
		{"levels", "level 3 of a 2-step funnel", with([]byte{1}, user("u1", t1), []byte{1, 0, 4}), "bad unit header or levels"},
		{"header", "an unknown header bit", with([]byte{1}, user("u1", t1), []byte{1, 0x10, 1}), "bad unit header or levels"},
		{"pending", "the pending bit without pending steps", with([]byte{1}, user("u1", t1), []byte{1, hPend, 0, 0, 0, 0}), "bad pending steps"},
		{"dup", "a step seen twice that is not pending", with([]byte{1}, user("u1", t1), []byte{1, hPend, 0, 1, 2, 0}), "bad pending steps"},
		{"buckets", "two buckets without a breakdown", with([]byte{1}, user("u1", t1), []byte{1, 0, 1, 0, 0, 2, 0, 0, 0, 0}), "more buckets than breakdown values"},
		{"durations", "a duration for no unit past step 1", with([]byte{0, 0, 1, 1, 0, 0, 1, 5}), "durations do not match the levels"},
		{"folded units", "levels reached by more units than counted", with([]byte{0, 0, 0, 1, 1, 0, 0}), "fewer units than levels reached"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := NewCounter(simple.cfg)
			if err := c.Add(ev("u9", 0, "b")); err != nil {
				t.Fatal(err)
			}
			before := mustMarshal(t, c)
			err := c.UnmarshalBinary(tc.data)
			got := struct {
				Corrupt, Metrics bool
				Msg              string
			}{errors.Is(err, ErrCorrupt), errors.Is(err, metrics.ErrCorrupt), ""}
			if err != nil {
				got.Msg = err.Error()
			}
			want := got
			want.Corrupt, want.Metrics, want.Msg = true, true, "funnel: corrupt binary data: "+tc.want
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
			}
			if after := mustMarshal(t, c); !bytes.Equal(after, before) {
				t.Errorf("a refused decode changed the counter")
			}
		})
	}
	for n := range len(good) {
		c := sampleCounter(t)
		if err := c.UnmarshalBinary(good[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("the first %d of %d bytes: %v, want ErrCorrupt", n, len(good), err)
		}
		if !bytes.Equal(mustMarshal(t, c), good) {
			t.Fatalf("the first %d of %d bytes: a refused decode changed the counter", n, len(good))
		}
	}
	if err := new(Counter).UnmarshalBinary(good); err != nil {
		t.Fatalf("the good encoding: %v", err)
	}
}
