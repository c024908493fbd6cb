package funnel

import (
	"math"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestAddEventsPrimaryEvicted checks that a user of the first dictionary
// is not counted twice when other dictionaries, whose rows are all
// rejected, come between two of its batches (an adversarial read found
// that the map of the first dictionary's numbers was dropped for theirs
// and its users taken for new ones).
func TestAddEventsPrimaryEvicted(t *testing.T) {
	cfg := Config{Steps: []Step{{Name: "view"}, {Name: "buy"}}, Window: time.Hour}
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	var users, names metrics.Dict
	users.Index("x")
	users.Index("y")
	batch := func(user, name string, t time.Time) *Events {
		b := &Events{UserIDs: &users, Names: &names}
		if err := b.Append(Event{UserID: user, Time: t, Name: name}); err != nil {
			panic(err)
		}
		return b
	}
	rows := []Event{{UserID: "y", Time: at, Name: "view"}, {UserID: "y", Time: at.Add(time.Minute), Name: "buy"}}
	want, err := Count(cfg, rows)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCounter(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddEvents(batch("y", "view", at)); err != nil {
		t.Fatal(err)
	}
	for range 4 + 1 { // batches of their own dictionaries, every row rejected
		b := &Events{}
		b.Init()
		b.User = append(b.User, b.UserIDs.Index("z"))
		b.Time = append(b.Time, math.MinInt64)
		b.Name = append(b.Name, b.Names.Index("view"))
		b.PropStart = append(b.PropStart, 0)
		if err := c.AddEvents(b); err == nil {
			t.Fatal("a time of math.MinInt64 was accepted")
		}
	}
	if err := c.AddEvents(batch("y", "buy", at.Add(time.Minute))); err != nil {
		t.Fatal(err)
	}
	got := c.Result()
	if got.Units != want.Units || got.Steps[1].Reached != want.Steps[1].Reached {
		t.Errorf("units %d, reached step 2: %d; want %d and %d", got.Units, got.Steps[1].Reached, want.Units, want.Steps[1].Reached)
	}
}
