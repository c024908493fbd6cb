package detail

// pairTable holds the pairs of user and SKU a Counter tracks. A user's
// pairs form a list through the pairs (head, next), newest first: most
// users touch a few SKUs, and a short list costs less than a hash-table
// entry per pair. A user with more than listMax pairs moves them to big,
// by key, so that no user's look-up walks a long list.
type pairTable struct {
	pairs []pair
	head  []int32          // by user number: the index + 1 of the user's newest pair; 0 for none; -1 for a user in big
	big   map[uint64]int32 // user number << 32 | SKU number → index in pairs, for the users whose head is -1
}

// listMax is the most pairs a user keeps in a list.
const listMax = 16

// addUser adds a user without pairs, numbered len(t.head).
func (t *pairTable) addUser() { t.head = append(t.head, 0) }

// find returns the index of the pair of user u and SKU s, adding it,
// with no time set, if new.
func (t *pairTable) find(u, s int32) int32 {
	h := t.head[u]
	if h < 0 {
		key := pairKey(u, s)
		if i, ok := t.big[key]; ok {
			return i
		}
		i := t.push(u, s, 0)
		t.big[key] = i
		return i
	}
	n := 0
	for k := h; k != 0; k = t.pairs[k-1].next {
		if t.pairs[k-1].sku == s {
			return k - 1
		}
		n++
	}
	i := t.push(u, s, h)
	t.head[u] = i + 1
	if n+1 > listMax {
		if t.big == nil {
			t.big = make(map[uint64]int32)
		}
		for k := i + 1; k != 0; k = t.pairs[k-1].next {
			t.big[pairKey(u, t.pairs[k-1].sku)] = k - 1
		}
		t.head[u] = -1
	}
	return i
}

// push appends a new pair of user u and SKU s whose list continues at
// next, and returns its index.
func (t *pairTable) push(u, s, next int32) int32 {
	t.pairs = append(t.pairs, pair{user: u, sku: s, next: next, view: none, cartView: none, cartAt: none, buyAt: none})
	return int32(len(t.pairs) - 1)
}

func pairKey(u, s int32) uint64 { return uint64(uint32(u))<<32 | uint64(uint32(s)) }
