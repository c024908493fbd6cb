package metrics_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

// TestPropRemap drives a Remap with random steps over a few growing
// dictionaries and checks it against a model: a plain map from (dictionary,
// string) to value for the dictionaries remembered, and a list of them in
// order of use. Get's values equal the model's, find is asked only for a
// string the model does not hold, Fill maps every new number once, the
// dictionaries remembered are the model's in its order, and OnEvict
// receives the least recently used map, intact, when another comes.
func TestPropRemap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dicts := make([]*metrics.Dict, rapid.IntRange(1, 7).Draw(t, "dicts"))
		for i := range dicts {
			dicts[i] = new(metrics.Dict)
		}
		limit := rapid.IntRange(0, 5).Draw(t, "max") // 0: the default, 4
		r := metrics.Remap[int32]{Max: limit}
		if limit == 0 {
			limit = 4
		}
		type key struct {
			d *metrics.Dict
			s string
		}
		model := map[key]int32{}
		var lru []*metrics.Dict // most recent first
		var evicted []*metrics.Dict
		r.OnEvict = func(m *metrics.DictMap[int32]) {
			evicted = append(evicted, m.Dict)
			// The map is intact: every value set is still there.
			for k, v := range m.Values {
				if w, ok := model[key{m.Dict, m.Dict.String(int32(k))}]; ok && v != w && v != 0 {
					t.Fatalf("evicted map: number %d is %d, want %d", k, v, w)
				}
			}
		}
		next := int32(1)
		for range rapid.IntRange(1, 60).Draw(t, "steps") {
			d := dicts[rapid.IntRange(0, len(dicts)-1).Draw(t, "dict")]
			for range rapid.IntRange(0, 3).Draw(t, "grow") {
				d.Index(strconv.Itoa(rapid.IntRange(0, 20).Draw(t, "string")))
			}
			// The model: d to the front, the oldest out.
			evicted = evicted[:0]
			var wantEvicted []*metrics.Dict
			if i := slices.Index(lru, d); i >= 0 {
				lru = slices.Delete(lru, i, i+1)
			} else if len(lru) == limit {
				wantEvicted = append(wantEvicted, lru[len(lru)-1])
				for k := range model {
					if k.d == lru[len(lru)-1] {
						delete(model, k)
					}
				}
				lru = lru[:len(lru)-1]
			}
			lru = append([]*metrics.Dict{d}, lru...)

			m := r.Of(d)
			if !slices.Equal(wantEvicted, evicted) {
				t.Fatalf("evicted %p, want %p", evicted, wantEvicted)
			}
			if got := r.Dicts(); !slices.Equal(got, lru) {
				t.Fatalf("dictionaries remembered: %p, want %p", got, lru)
			}
			if m.Dict != d || len(m.Values) != d.Len() {
				t.Fatalf("Of gave the map of %p, %d values, want %p, %d", m.Dict, len(m.Values), d, d.Len())
			}
			if rapid.Bool().Draw(t, "fill") {
				// Fill maps each number not filled before, once.
				calls := map[string]int{}
				vals := m.Fill(func(s string) int32 {
					calls[s]++
					k := key{d, s}
					if _, ok := model[k]; !ok {
						model[k] = next
						next++
					}
					return model[k]
				})
				for s, n := range calls {
					if n > 1 {
						t.Fatalf("Fill asked for %q %d times", s, n)
					}
				}
				for k, v := range vals {
					if want := model[key{d, d.String(int32(k))}]; v != want {
						t.Fatalf("Fill: number %d is %d, want %d", k, v, want)
					}
				}
				continue
			}
			for range rapid.IntRange(0, 5).Draw(t, "gets") {
				if d.Len() == 0 {
					break
				}
				k := int32(rapid.IntRange(0, d.Len()-1).Draw(t, "number"))
				s := d.String(k)
				_, known := model[key{d, s}]
				asked := false
				v := m.Get(k, func(got string) int32 {
					asked = true
					if got != s {
						t.Fatalf("find(%q), want find(%q)", got, s)
					}
					model[key{d, s}] = next
					next++
					return next - 1
				})
				if asked == known {
					t.Fatalf("find asked: %v, for a string the model holds: %v", asked, known)
				}
				if want := model[key{d, s}]; v != want {
					t.Fatalf("Get(%d) = %d, want %d", k, v, want)
				}
			}
		}
	})
}

// TestRemapNil checks the map of a batch without a dictionary: empty, and
// remembered like another.
func TestRemapNil(t *testing.T) {
	var r metrics.Remap[int32]
	if m := r.Of(nil); m.Dict != nil || len(m.Values) != 0 {
		t.Errorf("Of(nil) = %+v, want an empty map", m)
	}
	d := new(metrics.Dict)
	d.Index("a")
	r.Of(d)
	if m := r.Of(nil); len(m.Values) != 0 || !slices.Equal(r.Dicts(), []*metrics.Dict{nil, d}) {
		t.Errorf("dictionaries %v, want nil then d", r.Dicts())
	}
}

// TestAddOrdersManyDicts checks Summarizer.AddOrders when batches bring
// more dictionaries than its remaps keep, the first coming back after its
// map was forgotten: the customers of the first dictionary, all new when
// it came, must be looked up when it comes back, not counted again.
func TestAddOrdersManyDicts(t *testing.T) {
	cny := money.MustCurrency("CNY")
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	at := time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC)
	order := func(i int, cust string) metrics.Order {
		return metrics.Order{ID: strconv.Itoa(i), CustomerID: cust, PlacedAt: at.Add(time.Duration(i) * time.Hour), Status: metrics.Paid,
			Currency: cny, Channel: "c" + strconv.Itoa(i%3), Lines: []metrics.Line{{SKU: "S" + strconv.Itoa(i%5), Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
	}
	first := &metrics.Orders{}
	var direct metrics.Summarizer
	direct.Period = nov
	cols := metrics.Summarizer{Period: nov}
	add := func(b *metrics.Orders, orders ...metrics.Order) {
		b.Reset()
		for _, o := range orders {
			if err := b.Append(o); err != nil {
				t.Fatal(err)
			}
			if err := direct.Add(o); err != nil {
				t.Fatal(err)
			}
		}
		if err := cols.AddOrders(b); err != nil {
			t.Fatal(err)
		}
	}
	add(first, order(0, "alice"), order(1, "bob"))
	for i := range 6 {
		add(&metrics.Orders{}, order(10+i, "alice")) // no new customer: the records still all come from first's dictionary
	}
	// The first dictionary again, with its old numbers and a new one.
	add(first, order(30, "bob"), order(31, "alice"), order(32, "carol"))
	want, got := direct.Result(), cols.Result()
	if diff := cmp.Diff(want, got, cmpCurrency); diff != "" {
		t.Fatalf("AddOrders != Add (-want +got):\n%s", diff)
	}
	if got[0].Buyers != 3 || got[0].RepeatBuyers != 2 {
		t.Errorf("buyers %d, repeat %d; want 3 (alice, bob, carol) and 2 (alice, bob)", got[0].Buyers, got[0].RepeatBuyers)
	}
}

// A Remap keeps, per dictionary of the batches an analysis is given, what
// each number stands for in the analysis: here the index of a customer's
// record, looked up by ID once per dictionary entry. Two batches sharing
// one dictionary cost one look-up per customer; a batch with its own
// dictionary looks its customers up again.
func ExampleRemap() {
	var records []string       // the analysis's own state, by index
	byID := map[string]int32{} // and its index by ID
	find := func(id string) int32 {
		i, ok := byID[id]
		if !ok {
			i = int32(len(records))
			byID[id] = i
			records = append(records, id)
		}
		fmt.Println("look up", id)
		return i + 1 // 0 is "not looked up yet"
	}
	var r metrics.Remap[int32]
	shared, own := new(metrics.Dict), new(metrics.Dict)
	for _, batch := range []struct {
		d   *metrics.Dict
		ids []string
	}{{shared, []string{"alice", "bob", "alice"}}, {shared, []string{"bob", "carol"}}, {own, []string{"carol"}}} {
		m := r.Of(batch.d)
		for _, id := range batch.ids {
			k := batch.d.Index(id)
			if int(k) >= len(m.Values) {
				m = r.Of(batch.d) // the dictionary grew: grow its map
			}
			fmt.Println(id, "is record", m.Get(k, find)-1)
		}
	}
	// Output:
	// look up alice
	// alice is record 0
	// look up bob
	// bob is record 1
	// alice is record 0
	// bob is record 1
	// look up carol
	// carol is record 2
	// look up carol
	// carol is record 2
}
