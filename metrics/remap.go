package metrics

// Remap maps the numbers of a batch's dictionary to an analysis's own
// values (the index of its record of a customer, of a group, flags of an
// event name): a map kept per [*Dict] and grown as the Dict grows,
// remembering a bounded number of dictionaries. Batches that share a Dict
// (the batches of one reader) look each of its strings up once in all;
// a caller that gives each batch dictionaries of its own costs a map per
// dictionary, of which only the last Max are kept.
//
// A map ([DictMap]) holds a value per number of its Dict, the zero V for a
// number not looked up yet. [Remap.Of] returns the map of a Dict, made
// the most recently used, creating it (and forgetting the least recently
// used when Max are held) and growing it to the Dict's length.
//
// Remap holds the dictionaries it remembers, so that the address of one
// is never that of another while it is held. An analysis whose own state
// depends on a dictionary being remembered (one whose values are known
// not to need a look-up while its map is held) sets OnEvict to end that
// dependence before the map goes.
//
// The zero Remap is ready to use. A Remap is not safe for concurrent use.
type Remap[V comparable] struct {
	// Max is the number of dictionaries whose maps are kept. Defaults to 4.
	Max int
	// OnEvict, if not nil, is called with the map of the least recently
	// used dictionary just before it is forgotten to make room for
	// another's, while the map is still intact. It must not call the
	// Remap's methods; it may read and write the map.
	OnEvict func(m *DictMap[V])

	maps []*DictMap[V] // most recently used first
}

// DictMap is the map of one dictionary kept by a [Remap].
type DictMap[V comparable] struct {
	Dict *Dict // the dictionary; nil for a batch without one, whose map is empty
	// Values holds the value of each number of Dict, the zero V if not
	// looked up yet. [Remap.Of] grows it to Dict's length; the caller
	// reads and sets its entries.
	Values []V
	// Count is the caller's: [Remap.Of] makes a new map with 0 and never
	// changes it, so that a caller can count the numbers it has looked up.
	Count int

	filled int // the numbers Fill has set
}

// defaultMaxRemaps is Remap.Max's default.
const defaultMaxRemaps = 4

// Of returns the map of d, made the most recently used and as long as d.
// A dictionary not remembered gets a new, empty map; if Max are held, the
// least recently used is forgotten first (after OnEvict). The map may be
// kept while no other Of is called; its Values may move when d grows.
func (r *Remap[V]) Of(d *Dict) *DictMap[V] {
	var m *DictMap[V]
	if len(r.maps) > 0 && r.maps[0].Dict == d {
		m = r.maps[0]
	} else {
		k := -1
		for i, x := range r.maps {
			if x.Dict == d {
				k = i
				break
			}
		}
		if k >= 0 {
			m = r.maps[k]
		} else {
			limit := r.Max
			if limit <= 0 {
				limit = defaultMaxRemaps
			}
			for len(r.maps) >= limit {
				last := r.maps[len(r.maps)-1]
				if r.OnEvict != nil {
					r.OnEvict(last)
				}
				r.maps[len(r.maps)-1] = nil
				r.maps = r.maps[:len(r.maps)-1]
			}
			m = &DictMap[V]{Dict: d}
			r.maps = append(r.maps, nil)
			k = len(r.maps) - 1
		}
		copy(r.maps[1:k+1], r.maps[:k])
		r.maps[0] = m
	}
	if d != nil {
		if n := d.Len(); len(m.Values) < n {
			if cap(m.Values) >= n {
				k := len(m.Values)
				m.Values = m.Values[:n]
				clear(m.Values[k:]) // in case a caller shortened Values
			} else {
				v := make([]V, n, max(n, 2*cap(m.Values)))
				copy(v, m.Values)
				m.Values = v
			}
		}
	}
	return m
}

// Dicts returns the dictionaries remembered, most recently used first.
func (r *Remap[V]) Dicts() []*Dict {
	out := make([]*Dict, len(r.maps))
	for i, m := range r.maps {
		out[i] = m.Dict
	}
	return out
}

// Get returns the value of number k of the map's Dict, setting it to
// find of its string first if it is the zero V. A find that gives the
// zero V is asked again the next time: a caller whose values may be zero
// stores them shifted (an index + 1). Get panics if k is not a number of
// the Dict when the map was last grown by [Remap.Of].
func (m *DictMap[V]) Get(k int32, find func(s string) V) V {
	var zero V
	if v := m.Values[k]; v != zero {
		return v
	}
	v := find(m.Dict.String(k))
	m.Values[k] = v
	return v
}

// Fill sets the value of every number that no earlier Fill of the map
// has set to f of its string, in order of number, and returns Values:
// what a caller that maps every string eagerly uses instead of Get.
func (m *DictMap[V]) Fill(f func(s string) V) []V {
	for ; m.filled < len(m.Values); m.filled++ {
		m.Values[m.filled] = f(m.Dict.String(int32(m.filled)))
	}
	return m.Values
}
