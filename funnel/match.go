package funnel

// matcher maps an event to the steps and exclusions it matches. Name-based
// steps and exclusions are resolved once, at construction, into a table of
// unique names, each with the bit masks of the steps and exclusions that
// use it, so that the hot path compares a few strings (or does one map
// lookup for large funnels) and evaluates only the predicates.
type matcher struct {
	small     []nameEntry          // linear scan when there are few names
	big       map[string]nameEntry // one lookup when there are many
	stepPreds []predEntry
	exclPreds []predEntry
}

type nameEntry struct {
	name        string
	steps, excl uint32
}

type predEntry struct {
	f   func(Event) bool
	bit uint32
}

// smallNames is the number of unique names up to which a linear scan beats
// a map lookup.
const smallNames = 8

func newMatcher(steps []Step, excl []Exclusion) matcher {
	var m matcher
	var names []nameEntry
	add := func(name string, step, ex uint32) {
		for i := range names {
			if names[i].name == name {
				names[i].steps |= step
				names[i].excl |= ex
				return
			}
		}
		names = append(names, nameEntry{name: name, steps: step, excl: ex})
	}
	for i, s := range steps {
		if s.Match != nil {
			m.stepPreds = append(m.stepPreds, predEntry{f: s.Match, bit: 1 << i})
		} else {
			add(s.Name, 1<<i, 0)
		}
	}
	for i, x := range excl {
		if x.Match != nil {
			m.exclPreds = append(m.exclPreds, predEntry{f: x.Match, bit: 1 << i})
		} else {
			add(x.Name, 0, 1<<i)
		}
	}
	if len(names) <= smallNames {
		m.small = names
	} else {
		m.big = make(map[string]nameEntry, len(names))
		for _, ne := range names {
			m.big[ne.name] = ne
		}
	}
	return m
}

// match returns the bit masks of the steps and exclusions e matches.
func (m *matcher) match(e *Event) (steps, excl uint32) {
	steps, excl = m.matchName(e.Name)
	if m.hasPreds() {
		s, x := m.matchPreds(e)
		steps, excl = steps|s, excl|x
	}
	return steps, excl
}

// matchName returns the bit masks of the steps and exclusions that match
// events by name and match the name.
func (m *matcher) matchName(name string) (steps, excl uint32) {
	if m.big != nil {
		ne := m.big[name]
		return ne.steps, ne.excl
	}
	for i := range m.small {
		if m.small[i].name == name {
			return m.small[i].steps, m.small[i].excl
		}
	}
	return 0, 0
}

// hasPreds reports whether some step or exclusion matches by predicate.
func (m *matcher) hasPreds() bool { return len(m.stepPreds)+len(m.exclPreds) > 0 }

// matchPreds returns the bit masks of the steps and exclusions that match
// events by predicate and match e.
func (m *matcher) matchPreds(e *Event) (steps, excl uint32) {
	for _, p := range m.stepPreds {
		if p.f(*e) {
			steps |= p.bit
		}
	}
	for _, p := range m.exclPreds {
		if p.f(*e) {
			excl |= p.bit
		}
	}
	return steps, excl
}
