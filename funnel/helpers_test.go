package funnel

import (
	"cmp"
	"math/bits"
	"slices"
	"time"
)

// t0 is the origin of the hand-built timelines.
var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// at returns t0 plus the given number of minutes.
func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

// ev builds an event of user u at minute m with name and key=value props.
func ev(u string, m int, name string, kv ...string) Event {
	e := Event{UserID: u, Time: at(m), Name: name}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Props = append(e.Props, Prop{Key: kv[i], Value: kv[i+1]})
	}
	return e
}

// steps returns name-based steps.
func steps(names ...string) []Step {
	s := make([]Step, len(names))
	for i, n := range names {
		s[i] = Step{Name: n}
	}
	return s
}

// reached returns the Reached count of each step.
func reached(r Result) []int64 {
	out := make([]int64, len(r.Steps))
	for i, s := range r.Steps {
		out[i] = s.Reached
	}
	return out
}

// chLevel is an independent batch model of ClickHouse windowFunnel, written
// from the algorithm of its getEventLevel (AggregateFunctionWindowFunnel.cpp,
// non-strict_once path): build one (time, condition) entry per condition an
// event meets (condition 0 for an event meeting none, in strict_order), sort
// them by (time, condition), and scan keeping for each level the (start,
// last) timestamps of the chain that reached it. The two extensions that
// ClickHouse lacks, exclusions and first-entry-only, are modelled as this
// package documents them: exclusion entries sort before every condition at
// the same time and unset the levels between their steps; later step-1
// entries are skipped.
func chLevel(cfg Config, events []Event) int {
	n := len(cfg.Steps)
	w := cfg.window()
	type entry struct {
		t    int64
		cond int // -1-x for exclusion x, 0 for other, 1..n for steps
	}
	var list []entry
	m := newMatcher(cfg.Steps, cfg.Exclusions)
	for _, e := range events {
		s, x := m.match(&e)
		t := e.Time.UnixNano()
		for ; x != 0; x &= x - 1 {
			list = append(list, entry{t, -1 - bits.TrailingZeros32(x)})
		}
		if s == 0 && cfg.Mode&StrictOrder != 0 {
			list = append(list, entry{t, 0})
		}
		for ; s != 0; s &= s - 1 {
			list = append(list, entry{t, 1 + bits.TrailingZeros32(s)})
		}
	}
	// Exclusions first at equal times: order them below condition 0.
	key := func(c int) int {
		if c < 0 {
			return -1000 + (-1 - c)
		}
		return c
	}
	slices.SortStableFunc(list, func(a, b entry) int {
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(key(a.cond), key(b.cond))
	})
	type pair struct {
		first, last int64
		ok          bool
	}
	ts := make([]pair, n)
	maxLevel := func() int {
		for k := n; k > 0; k-- {
			if ts[k-1].ok {
				return k
			}
		}
		return 0
	}
	first := false
	for _, en := range list {
		if en.cond < 0 {
			x := cfg.Exclusions[-1-en.cond]
			for k := x.From; k < x.To; k++ {
				ts[k-1].ok = false
			}
			continue
		}
		idx := en.cond - 1
		switch {
		case cfg.Mode&StrictOrder != 0 && idx == -1:
			if first {
				return maxLevel()
			}
		case idx == 0:
			if cfg.FirstEntryOnly && first {
				continue
			}
			ts[0] = pair{en.t, en.t, true}
			first = true
		case cfg.Mode&StrictDeduplication != 0 && ts[idx].ok:
			return maxLevel()
		case cfg.Mode&StrictOrder != 0 && first && !ts[idx-1].ok:
			if cfg.Mode&AllowReentry != 0 {
				continue
			}
			return maxLevel()
		case ts[idx-1].ok:
			f := ts[idx-1].first
			ok := en.t <= satAdd(f, w)
			if cfg.Mode&StrictIncrease != 0 {
				ok = ok && ts[idx-1].last < en.t
			}
			if ok {
				ts[idx] = pair{f, en.t, true}
				if idx+1 == n {
					return n
				}
			}
		}
	}
	return maxLevel()
}

// bruteLevel is the definition of the default mode, by exhaustive search:
// the deepest step reached by a chain that starts at any step-1 event and
// takes, for each next step, an event not earlier than the previous one and
// not later than the start plus the window. For a fixed start, taking the
// earliest admissible event for each step is optimal, so the search is
// over starts only.
func bruteLevel(cfg Config, events []Event) int {
	n := len(cfg.Steps)
	w := cfg.window()
	m := newMatcher(cfg.Steps, nil)
	masks := make([]uint32, len(events))
	for i := range events {
		masks[i], _ = m.match(&events[i])
	}
	best := 0
	for i, s := range events {
		if masks[i]&1 == 0 {
			continue
		}
		start := s.Time.UnixNano()
		cur, level := start, 1
		for k := 1; k < n; k++ {
			next, found := int64(0), false
			for j, e := range events {
				t := e.Time.UnixNano()
				if masks[j]&(1<<k) != 0 && t >= cur && t <= start+w && (!found || t < next) {
					next, found = t, true
				}
			}
			if !found {
				break
			}
			cur, level = next, k+1
		}
		best = max(best, level)
	}
	return best
}

// levelOf counts one user's events with a Counter and returns the user's
// level.
func levelOf(cfg Config, events []Event) (int, error) {
	r, err := Count(cfg, events)
	if err != nil {
		return 0, err
	}
	for k := len(r.Steps) - 1; k >= 0; k-- {
		if r.Steps[k].Reached > 0 {
			return k + 1, nil
		}
	}
	return 0, nil
}
