package service

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"pgregory.net/rapid"
)

func TestBusinessHours(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	sh := mustLoad(t, "Asia/Shanghai")
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	bh, err := NewBusinessHours(sh, 9*time.Hour, 21*time.Hour, weekdays...)
	if err != nil {
		t.Fatal(err)
	}
	at := func(loc *time.Location, d, h, m int) time.Time { return time.Date(2025, 11, d, h, m, 0, 0, loc) }
	nyh, _ := NewBusinessHours(ny, 9*time.Hour, 17*time.Hour, weekdays...)
	tests := []struct {
		name     string
		bh       BusinessHours
		from, to time.Time
		want     time.Duration
	}{
		{"within a day", bh, at(sh, 3, 10, 0), at(sh, 3, 10, 45), 45 * time.Minute},
		{"overnight", bh, at(sh, 3, 20, 50), at(sh, 4, 9, 10), 20 * time.Minute},
		{"opened before hours", bh, at(sh, 3, 7, 0), at(sh, 3, 9, 30), 30 * time.Minute},
		{"over a weekend", bh, at(sh, 7, 20, 0), at(sh, 10, 10, 0), 2 * time.Hour}, // Friday 20:00 to Monday 10:00
		{"on a weekend", bh, at(sh, 8, 10, 0), at(sh, 8, 18, 0), 0},
		{"reversed", bh, at(sh, 3, 11, 0), at(sh, 3, 10, 0), 0},
		{"always open", BusinessHours{}, at(sh, 8, 10, 0), at(sh, 8, 18, 0), 8 * time.Hour},
		// 2025-11-02 is the end of daylight saving in New York: the clock
		// goes back at 02:00, but opening hours stay 09:00–17:00.
		{"across DST", nyh, time.Date(2025, 10, 31, 16, 0, 0, 0, ny), at(ny, 3, 10, 0), 2 * time.Hour}, // Friday 16:00 to Monday 10:00
	}
	for _, tt := range tests {
		if got := tt.bh.Elapsed(tt.from, tt.to); got != tt.want {
			t.Errorf("%s: Elapsed = %v, want %v", tt.name, got, tt.want)
		}
	}
	if _, err := NewBusinessHours(sh, 21*time.Hour, 9*time.Hour, time.Monday); err == nil {
		t.Error("NewBusinessHours accepted close before open")
	}
}

func TestService(t *testing.T) {
	base := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	tk := func(id, ch string, resp, res time.Duration, score int, reason string) Ticket {
		k := Ticket{ID: id, Channel: ch, OpenedAt: base, Score: score, Reason: reason}
		if resp > 0 {
			k.FirstResponseAt = base.Add(resp)
		}
		if res > 0 {
			k.ResolvedAt = base.Add(res)
		}
		return k
	}
	tickets := []Ticket{
		tk("t1", "chat", 10*time.Minute, time.Hour, 5, "size"),
		tk("t2", "chat", 50*time.Minute, 3*time.Hour, 4, "size"),
		tk("t3", "email", 2*time.Hour, 0, 2, "late"),
		tk("t4", "phone", 30*time.Minute, 2*time.Hour, 0, "size"),
		tk("t5", "email", 0, 0, 0, "damaged"),
	}
	tickets[1].Reopened = true
	var s Desk
	for _, k := range tickets {
		if err := s.Add(k); err != nil {
			t.Fatal(err)
		}
	}
	got := s.Summary(200)
	// Hand computation: responses 10m, 30m, 50m, 2h (t5 unanswered).
	// Type-7 median of 4 values = (30m+50m)/2 = 40m; p90 at h = 0.9×3 = 2.7:
	// 50m + 0.7×(120m−50m) = 99m. Within 1 h: t1, t2, t4 = 3 of 5 tickets.
	// Resolution: t1 1h, t2 3h, t4 2h → 3 of 5; median 2h; p90 at h = 1.8:
	// 2h + 0.8×1h = 2h48m. Reopen 1/3. Scores 5, 4, 2: CSAT 2/3, mean 11/3.
	want := Summary{
		Tickets: 5, Answered: 4,
		FirstResponseMedian: 40 * time.Minute, FirstResponseP90: 99 * time.Minute, HasResponse: true,
		WithinSLA: metrics.CountRatio(3, 5), SLA: time.Hour,
		ResolutionRate: metrics.CountRatio(3, 5), ResolveMedian: 2 * time.Hour, ResolveP90: 2*time.Hour + 48*time.Minute, HasResolution: true,
		ReopenRate: metrics.CountRatio(1, 3), CSAT: metrics.CountRatio(2, 3), AvgScore: metrics.CountRatio(11, 3), Responses: 3,
		ContactsPer100Orders: metrics.CountRatio(500, 200),
		ByChannel:            []Tally{{"chat", 2}, {"email", 2}, {"phone", 1}},
		ByReason:             []Tally{{"size", 3}, {"damaged", 1}, {"late", 1}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Summary mismatch (-want +got):\n%s", diff)
	}
	empty := (&Desk{}).Summary(0)
	if empty.WithinSLA.Defined() || empty.CSAT.Defined() || empty.HasResponse || empty.ContactsPer100Orders.Defined() {
		t.Errorf("empty service has defined metrics: %+v", empty)
	}
}

func TestValidateTickets(t *testing.T) {
	t0 := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	tickets := []Ticket{
		{ID: "a", OpenedAt: t0, FirstResponseAt: t0.Add(-time.Minute)},
		{ID: "b", OpenedAt: t0, FirstResponseAt: t0.Add(time.Hour), ResolvedAt: t0.Add(time.Minute)},
		{ID: "c", OpenedAt: t0, Score: 6},
		{ID: "c", OpenedAt: t0},
		{OpenedAt: t0},
		{ID: "ok", OpenedAt: t0, FirstResponseAt: t0, ResolvedAt: t0, Score: 5},
	}
	err := ValidateTickets(tickets)
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var te *TicketError
		if !errors.As(e, &te) {
			t.Fatalf("%v is not a *TicketError", e)
		}
		got = append(got, te.TicketID+"/"+te.Field)
		if !strings.HasPrefix(e.Error(), "service: ticket ") {
			t.Errorf("message %q does not start with the package name", e.Error())
		}
	}
	want := []string{"a/FirstResponseAt", "b/ResolvedAt", "c/Score", "c/ID", "/ID"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	var s Desk
	if err := s.Add(tickets[0]); err == nil || s.Summary(0).Tickets != 0 {
		t.Error("Add counted an invalid ticket")
	}
}

func genTickets(t *rapid.T) []Ticket {
	base := time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Ticket {
		k := Ticket{ID: "t", Channel: rapid.SampledFrom([]string{"chat", "phone", "email"}).Draw(t, "ch"),
			OpenedAt: base.Add(time.Duration(rapid.IntRange(0, 30*24*60).Draw(t, "open")) * time.Minute),
			Score:    rapid.IntRange(0, 5).Draw(t, "score"), Reopened: rapid.Bool().Draw(t, "reopened"),
			Reason: rapid.SampledFrom([]string{"size", "late", ""}).Draw(t, "reason")}
		if rapid.Bool().Draw(t, "answered") {
			k.FirstResponseAt = k.OpenedAt.Add(time.Duration(rapid.IntRange(0, 3000).Draw(t, "resp")) * time.Minute)
			if rapid.Bool().Draw(t, "resolved") {
				k.ResolvedAt = k.FirstResponseAt.Add(time.Duration(rapid.IntRange(0, 3000).Draw(t, "res")) * time.Minute)
			}
		}
		return k
	}), 0, 40).Draw(t, "tickets")
}

func TestPropServiceMerge(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	bh, _ := NewBusinessHours(sh, 9*time.Hour, 21*time.Hour, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday)
	rapid.Check(t, func(t *rapid.T) {
		cfg := Config{}
		if rapid.Bool().Draw(t, "business") {
			cfg.Hours = bh
		}
		ks := genTickets(t)
		cut := rapid.IntRange(0, len(ks)).Draw(t, "cut")
		all, a, b := Desk{Config: cfg}, Desk{Config: cfg}, Desk{Config: cfg}
		for i, k := range ks {
			if err := all.Add(k); err != nil {
				t.Fatal(err)
			}
			if i < cut {
				a.Add(k)
			} else {
				b.Add(k)
			}
		}
		if err := a.Merge(&b); err != nil {
			t.Fatal(err)
		}
		orders := rapid.Int64Range(0, 100).Draw(t, "orders")
		want, got := all.Summary(orders), a.Summary(orders)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("merge differs from direct (-want +got):\n%s", diff)
		}
		for _, r := range []metrics.Ratio{got.WithinSLA, got.ResolutionRate, got.ReopenRate, got.CSAT} {
			if v, ok := r.Value(); ok && (v < 0 || v > 1) {
				t.Fatalf("share %v outside [0, 1]", v)
			}
		}
	})
}

func mustLoad(t interface{ Skipf(string, ...any) }, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s not available: %v", name, err)
	}
	return loc
}

// The same hours loaded twice (two *time.Location values) are the same
// Config.
func TestServiceMergeSameHours(t *testing.T) {
	h := func() BusinessHours {
		bh, err := NewBusinessHours(mustLoad(t, "Asia/Shanghai"), 9*time.Hour, 21*time.Hour, time.Monday)
		if err != nil {
			t.Fatal(err)
		}
		return bh
	}
	a, b := &Desk{Config: Config{Hours: h()}}, &Desk{Config: Config{Hours: h()}}
	if err := a.Merge(b); err != nil {
		t.Error(err)
	}
}
