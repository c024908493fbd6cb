package loyalty

import (
	"slices"
	"time"
)

// SortTimes returns a copy of t with each buyer's order times in time
// order, so that trackers that merged shards in another order encode the
// same.
func SortTimes(t *Tracker) *Tracker {
	c := t.clone()
	for _, b := range c.buyers {
		slices.SortFunc(b.times, time.Time.Compare)
	}
	return &c
}
