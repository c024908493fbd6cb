package detail

import (
	"fmt"
	"hash/maphash"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// model is the counter kept in plain maps, as it was before its tables:
// the reference the tables must agree with.
type model struct {
	last   map[string]int64
	pairs  map[[2]string]state // user and SKU
	counts map[string]counts
}

// add is Counter.add on the model's maps (the same rules, read from the
// map-based counter's code).
func (m *model) add(id, sku string, t int64, step uint8, window int64) bool {
	if prev, ok := m.last[id]; ok && t < prev {
		return false
	}
	m.last[id] = t
	key := [2]string{id, sku}
	p, ok := m.pairs[key]
	if !ok {
		p = empty
	}
	n := m.counts[sku]
	reach := func(k uint8) {
		for p.level < k {
			p.level++
			switch p.level {
			case 1:
				n.viewers++
			case 2:
				n.carters++
			case 3:
				n.buyers++
			}
		}
	}
	switch step {
	case 1:
		n.views++
		p.view = t
		reach(1)
		if p.cartAt == t {
			p.cartView = t
			reach(2)
			if p.buyAt == t {
				reach(3)
			}
		}
	case 2:
		p.cartAt = t
		if p.view != none && t-p.view <= window {
			p.cartView = p.view
			reach(2)
			if p.buyAt == t {
				reach(3)
			}
		}
	case 3:
		p.buyAt = t
		if p.cartView != none && t-p.cartView <= window {
			reach(3)
		}
	}
	m.pairs[key] = p
	m.counts[sku] = n
	return true
}

// tables reads c's tables back into a model, checking their invariants:
// every user is found under its ID, every user's list holds as many
// distinct SKUs as the user's count, every pair is in one list, and the
// table of heavy users' pairs holds exactly the pairs of the users past
// maxChain.
func tables(t *rapid.T, c *Counter) model {
	m := model{last: map[string]int64{}, pairs: map[[2]string]state{}, counts: map[string]counts{}}
	if c.userIndex.used != int(c.users.len()) || c.ids.len() != c.users.len() {
		t.Fatalf("%d users in the table, %d in the state, %d IDs", c.userIndex.used, c.users.len(), c.ids.len())
	}
	seen := make(map[int32]bool)
	heavy := 0
	for ui := range c.users.len() {
		u, id := c.users.at(ui), *c.ids.at(ui)
		if k, _, _ := c.userIndex.find(&c.ids, id); k != ui {
			t.Fatalf("user %q is number %d, found as %d", id, ui, k)
		}
		m.last[id] = u.last
		n := int32(0)
		for j := u.head; j != 0; j = c.pairs.at(j - 1).next {
			p := c.pairs.at(j - 1)
			if seen[j-1] {
				t.Fatalf("pair %d in two lists", j-1)
			}
			seen[j-1] = true
			key := [2]string{id, c.skus[p.sku]}
			if _, dup := m.pairs[key]; dup {
				t.Fatalf("user %q has SKU %q twice", key[0], key[1])
			}
			m.pairs[key] = c.load(p)
			if u.n > maxChain {
				heavy++
				if pi, ok := c.heavy[uint64(ui)<<32|uint64(uint32(p.sku))]; !ok || pi != j-1 {
					t.Fatalf("heavy user %q: SKU %q is pair %d, the table has %d, %v", key[0], key[1], j-1, pi, ok)
				}
			}
			n++
		}
		if n != u.n {
			t.Fatalf("user %q: %d pairs in the list, count %d", id, n, u.n)
		}
	}
	if len(seen) != int(c.pairs.len()) || heavy != len(c.heavy) {
		t.Fatalf("%d pairs in lists of %d; %d in the heavy table, %d of heavy users", len(seen), c.pairs.len(), len(c.heavy), heavy)
	}
	for si, sku := range c.skus {
		m.counts[sku] = c.counts[si]
	}
	return m
}

// TestPropertyTablesModel: the counter's tables (the users' open-addressing
// table over 64 slots at first, so that it grows several times and its
// IDs share slots; the lists of pairs, past maxChain also in a table)
// hold what plain maps hold for the same events, directly, through bytes,
// and merged from two shards.
func TestPropertyTablesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		users := rapid.IntRange(1, 300).Draw(t, "users")
		skus := rapid.IntRange(1, 3*maxChain).Draw(t, "skus")
		n := rapid.IntRange(0, 1500).Draw(t, "n")
		window := int64(DefaultWindow)
		var c, left, right Counter
		for _, k := range []*Counter{&c, &left, &right} {
			k.init() // add expects it
		}
		m := model{last: map[string]int64{}, pairs: map[[2]string]state{}, counts: map[string]counts{}}
		at := int64(0)
		for range n {
			at += rapid.Int64Range(0, 3).Draw(t, "gap") * int64(time.Hour)
			id := fmt.Sprintf("u%d", rapid.IntRange(0, users-1).Draw(t, "user"))
			sku := fmt.Sprintf("S%d", rapid.IntRange(0, skus-1).Draw(t, "sku"))
			step := uint8(rapid.IntRange(1, 3).Draw(t, "step"))
			if rapid.IntRange(0, 20).Draw(t, "back") == 0 {
				at -= int64(time.Hour) // out of order for some users: refused by both
			}
			tm := time.Unix(0, at)
			want := m.add(id, sku, at, step, window)
			if err := c.add(id, sku, tm, step); (err == nil) != want {
				t.Fatalf("add %s %s %d: error %v, model accepts %v", id, sku, step, err, want)
			}
			shard := &left
			if len(id)%2 == 0 {
				shard = &right
			}
			_ = shard.add(id, sku, tm, step) // an error leaves the shard as the counter
		}
		cmpModel := func(what string, c *Counter) {
			if diff := cmp.Diff(m, tables(t, c), cmp.AllowUnexported(model{}, state{}, counts{})); diff != "" {
				t.Fatalf("%s (-maps +tables):\n%s", what, diff)
			}
		}
		cmpModel("direct", &c)
		data, err := c.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var back Counter
		if err := back.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		cmpModel("through bytes", &back)
		if err := left.Merge(&right); err != nil {
			t.Fatal(err)
		}
		cmpModel("merged", &left)
	})
}

// TestUserTableHashAgrees: an ID whose slot holds another ID of the same
// hash half is not taken for it, and goes in the next free slot.
func TestUserTableHashAgrees(t *testing.T) {
	var c Counter
	c.init()
	if err := c.add("a", "S", time.Unix(0, 0), 1); err != nil {
		t.Fatal(err)
	}
	x := &c.userIndex
	h := maphash.String(x.seed, "b")
	// Move a's slot to b's home, with b's hash half.
	for i := range x.slots {
		x.slots[i] = userSlot{}
	}
	mask := uint64(len(x.slots) - 1)
	home := h & mask
	x.slots[home] = userSlot{hash: uint32(h), ui1: 1}
	ui, slot, _ := x.find(&c.ids, "b")
	if ui != -1 || slot != &x.slots[(home+1)&mask] {
		t.Fatalf("find b: user %d, slot %p; want -1 and slot %p", ui, slot, &x.slots[(home+1)&mask])
	}
}

// TestChunks: entries pushed past several chunks read back by number, and
// a pointer into a full chunk stays valid as more are pushed.
func TestChunks(t *testing.T) {
	var x chunks[int64]
	const n = 3*chunkLen + 5
	var p *int64
	for i := range int64(n) {
		if got := x.push(i * 7); int64(got) != i {
			t.Fatalf("push %d returned %d", i, got)
		}
		if i == chunkLen+1 {
			p = x.at(1)
		}
	}
	*p = -1
	if x.len() != n || len(x.c) != 4 {
		t.Fatalf("len %d in %d chunks, want %d in 4", x.len(), len(x.c), n)
	}
	for i := range int32(n) {
		want := int64(i) * 7
		if i == 1 {
			want = -1
		}
		if got := *x.at(i); got != want {
			t.Fatalf("entry %d is %d, want %d", i, got, want)
		}
	}
}
