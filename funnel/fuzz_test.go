package funnel

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// FuzzCounter decodes arbitrary bytes into a funnel configuration and an
// event sequence and checks the counter's invariants: it never panics, an
// event older than its user's previous one is rejected (and only those),
// step counts never increase, counting the accepted events in reverse
// order after sorting equals streaming them, and every user's level agrees
// with the batch model of ClickHouse windowFunnel.
//
// Layout: byte 0 holds the mode flags (bits 0–2), first-entry-only (bit 3),
// an exclusion of "x" between steps 1 and 2 (bit 4), per-session counting
// (bit 5) and a breakdown by source (bit 6); byte 1 is the window in
// minutes; then each event takes 3 bytes: user (b%3), time step in minutes
// (b%5, or back by b%7 when b ≥ 240), name (b%5 of a, b, c, d, x) and
// source (b/5 % 2).
func FuzzCounter(f *testing.F) {
	f.Add([]byte{0, 10, 0, 0, 0, 0, 1, 1, 0, 1, 2})
	f.Add([]byte{0x17, 3, 0, 0, 0, 0, 0, 1, 1, 2, 4, 0, 0, 2})
	f.Add([]byte{0x62, 0, 1, 0, 5, 1, 250, 6, 2, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		cfg := Config{Steps: steps("a", "b", "c", "d"), Window: time.Duration(data[1]) * time.Minute,
			Mode: Mode(data[0] & 7), FirstEntryOnly: data[0]&8 != 0}
		if cfg.Window == 0 {
			cfg.Window = time.Nanosecond
		}
		if data[0]&16 != 0 {
			cfg.Exclusions = []Exclusion{{Name: "x", From: 1, To: 2}}
		}
		if data[0]&32 != 0 {
			cfg.Unit = PerSession
		}
		if data[0]&64 != 0 {
			cfg.Breakdown = PropSource
		}
		c, err := NewCounter(cfg)
		if err != nil {
			t.Fatal(err)
		}
		last := map[string]time.Time{}
		var accepted []Event
		clock := 0
		for p := 2; p+2 < len(data); p += 3 {
			if data[p+1] >= 240 {
				clock -= int(data[p+1] % 7)
			} else {
				clock += int(data[p+1] % 5)
			}
			e := ev([]string{"u0", "u1", "u2"}[data[p]%3], clock, []string{"a", "b", "c", "d", "x"}[data[p+2]%5],
				PropSource, []string{"ads", "search"}[data[p+2]/5%2])
			err := c.Add(e)
			prev, seen := last[e.UserID]
			if seen && e.Time.Before(prev) {
				if !errors.Is(err, ErrOutOfOrder) {
					t.Fatalf("Add(older event) = %v, want ErrOutOfOrder", err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Add(in-order event) = %v", err)
			}
			last[e.UserID] = e.Time
			accepted = append(accepted, e)
		}
		got := c.Result()
		for k := 1; k < len(got.Steps); k++ {
			if got.Steps[k].Reached > got.Steps[k-1].Reached {
				t.Fatalf("step %d reached more than step %d: %v", k+1, k, reached(got))
			}
		}
		reversed := slices.Clone(accepted)
		slices.Reverse(reversed)
		sorted, err := Count(cfg, reversed)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sorted, got); diff != "" {
			t.Fatalf("sorted differs from streamed (-sorted +streamed):\n%s", diff)
		}
		if cfg.Unit == PerUser {
			want := make([]int64, len(cfg.Steps))
			for _, evs := range byUser(accepted) {
				for k := chLevel(cfg, evs); k > 0; k-- {
					want[k-1]++
				}
			}
			if diff := cmp.Diff(want, reached(got)); diff != "" {
				t.Fatalf("counts differ from the ClickHouse model (-model +counter):\n%s", diff)
			}
		}
	})
}
