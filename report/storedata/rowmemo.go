package storedata

import (
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"unsafe"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The fast path of ReadOrders remembers two spans of cells by their
// bytes, because they repeat from order to order in a store's exports:
// the line cells (a product, its quantity, price, discount, cost and
// promotion), and the order's cells from the channel to the promotion
// (channel, status, currency, discount, shipping, tax, promotion). A
// span found in its memo is the same bytes as one the fast path read
// before, in full, with every check; its values are taken from the memo
// instead of being read again. The memos key a span by a hash of all its
// bytes and compare it in full, so a span that shares its slot with
// another only takes turns with it: that costs reading, not correctness.

// The log2 of the number of slots of each memo: line cells vary more
// (products times quantities and prices), and their memo holds each span
// in one of two slots (see [tailMemo.add]).
const (
	tailBits = 11
	midBits  = 9
)

// tailMemo remembers line cells of up to tailMax bytes. It holds their
// bytes in its slots, not in a string elsewhere, so that finding a span
// reads one place in memory.
type tailMemo struct {
	seed  [2]uint64   // of spanHash
	slots []tailEntry // 1 << (64-shift) of them, at least 2
	shift uint8
	// clock counts the finds and adds, for tailEntry.used. It wraps
	// after 2³² of them, and then takes for older, in a pair or two, a
	// span that is not: that costs reading its cells again, once.
	clock uint32
}

// init makes the memo's slots: 1<<bits, at most 1<<tailBits, at least 2.
func (m *tailMemo) init(bits int) {
	bits = max(min(bits, tailBits), 1)
	m.seed, m.slots, m.shift = [2]uint64{rand.Uint64(), rand.Uint64()}, make([]tailEntry, 1<<bits), uint8(64-bits)
}

const tailMax = 96

// tailEntry is a slot of a tailMemo. What find compares and a batch
// reads (the length, the currency, the columns) comes first, then the
// span: a batch's hit reads the entry's first two cache lines, not four.
type tailEntry struct {
	n    int            // the length of the span; 0: none
	cur  money.Currency // the currency they were read in
	used uint32         // when it was last found or added (tailMemo.clock), in the currency's padding
	col  lineCols       // line in a batch's columns, once ReadOrderBatches has converted it
	span [tailMax]byte  // its bytes
	line metrics.Line
}

// find returns the entry of span read in c, if the memo has it. A span
// is in one of the two slots of its pair (see [tailMemo.add]), its home
// (the top bits of its hash) or the other.
func (m *tailMemo) find(span string, c money.Currency) *tailEntry {
	if len(span) > tailMax {
		return nil
	}
	i := spanHash(span, m.seed) >> m.shift
	if e := &m.slots[i]; e.n == len(span) && e.cur == c && spanIs(&e.span, span) {
		m.clock++
		e.used = m.clock
		return e
	}
	if e := &m.slots[i^1]; e.n == len(span) && e.cur == c && spanIs(&e.span, span) {
		m.clock++
		e.used = m.clock
		return e
	}
	return nil
}

// add remembers l as the line of span read in c, and returns its entry
// (nil for a span too long to remember). It takes the span's home slot if
// empty, else the other slot of the pair if empty, else the one of the
// two found or added less recently: two spans whose homes fall in one
// pair both stay, where one slot each made them take turns (the demo
// store's 542 line spans in 1,024 slots missed 7 % of lines, each miss
// reading the cells again).
func (m *tailMemo) add(span string, c money.Currency, l *metrics.Line) *tailEntry {
	if len(span) > tailMax {
		return nil
	}
	i := spanHash(span, m.seed) >> m.shift
	e := &m.slots[i]
	if o := &m.slots[i^1]; e.n != 0 && (o.n == 0 || o.used < e.used) {
		e = o
	}
	m.clock++
	e.n = copy(e.span[:], span)
	e.cur, e.line, e.col, e.used = c, *l, lineCols{}, m.clock
	return e
}

// midMemo remembers the cells of an order from its channel to its
// promotion.
type midMemo struct {
	seed  [2]uint64  // of spanHash
	slots []midEntry // 1 << (64-shift) of them
	shift uint8
}

// init makes the memo's slots: 1<<bits, at most 1<<midBits.
func (m *midMemo) init(bits int) {
	bits = min(bits, midBits)
	m.seed, m.slots, m.shift = [2]uint64{rand.Uint64(), rand.Uint64()}, make([]midEntry, 1<<bits), uint8(64-bits)
}

type midEntry struct {
	span string // the cells, kept
	mid  orderMid
}

// orderMid holds what the cells from the channel to the promotion say.
type orderMid struct {
	code                    string // the currency's code, kept
	cur                     money.Currency
	channel, promotion      string
	status                  metrics.OrderStatus
	discount, shipping, tax money.Money
	col                     midCols // in a batch's columns, once ReadOrderBatches has converted it
}

// find returns what span says, if the memo has it.
func (m *midMemo) find(span string) *orderMid {
	e := &m.slots[spanHash(span, m.seed)>>m.shift]
	if span != "" && textIs(e.span, span) {
		return &e.mid
	}
	return nil
}

// add remembers mid as what span says, and returns the memo's copy.
func (m *midMemo) add(t *table, span string, mid *orderMid) *orderMid {
	e := &m.slots[spanHash(span, m.seed)>>m.shift]
	e.span, e.mid = t.keepNew(span), *mid
	return &e.mid
}

// spanHash returns a hash of s keyed by seed, for the memos: every byte of
// s counts (two line spans may differ only in a digit of the quantity, in
// their middle), 16 bytes at a time mixed as [metrics.Dict] mixes a short
// string's two words (wyhash's product of two 64-bit words folded), the
// last 16 overlapping the ones before. It is inlined into the memos'
// look-ups, where maphash's three calls deep to hash a span of 60 bytes
// cost as much again as the hashing. A random seed keeps a file from
// choosing spans that share a slot, which would only make the memo miss.
func spanHash(s string, seed [2]uint64) uint64 {
	n := len(s)
	h := seed[0] ^ uint64(n)*0x9e3779b97f4a7c15
	if n < 16 {
		a, b := words(s)
		return spanMix(a^h, b^seed[1])
	}
	p := unsafe.Slice(unsafe.StringData(s), n)
	for i := 0; i < n-16; i += 16 {
		h = spanMix(binary.LittleEndian.Uint64(p[i:])^h, binary.LittleEndian.Uint64(p[i+8:])^seed[1])
	}
	return spanMix(binary.LittleEndian.Uint64(p[n-16:])^h, binary.LittleEndian.Uint64(p[n-8:])^seed[1])
}

// spanMix folds the 128-bit product of a and b into a word.
func spanMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// spanIs reports whether the first len(s) bytes of span are s, which is
// at most tailMax bytes: eight bytes at a time, inlined where a string
// comparison calls the runtime.
func spanIs(span *[tailMax]byte, s string) bool {
	n := len(s)
	p := unsafe.Slice(unsafe.StringData(s), n)
	if n < 8 {
		return string(span[:n]) == s
	}
	for i := 0; i < n-8; i += 8 {
		if binary.LittleEndian.Uint64(span[i:]) != binary.LittleEndian.Uint64(p[i:]) {
			return false
		}
	}
	return binary.LittleEndian.Uint64(span[n-8:]) == binary.LittleEndian.Uint64(p[n-8:])
}

// textIs reports whether a and b are the same bytes. A text of 8 to 16
// bytes (an order ID, a carrier and a region) is compared as two words
// that overlap, inlined, where a comparison of strings of a length not
// known to the compiler calls the runtime's memeqbody, whose loop the
// branch predictor guesses from the length; a shorter or longer one is
// compared as strings are.
func textIs(a, b string) bool {
	n := len(a)
	if n != len(b) {
		return false
	}
	if n < 8 || n > 16 {
		return a == b
	}
	p, q := unsafe.Slice(unsafe.StringData(a), n), unsafe.Slice(unsafe.StringData(b), n)
	return binary.LittleEndian.Uint64(p) == binary.LittleEndian.Uint64(q) &&
		binary.LittleEndian.Uint64(p[n-8:]) == binary.LittleEndian.Uint64(q[n-8:])
}
