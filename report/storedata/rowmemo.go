package storedata

import (
	"hash/maphash"

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
// (products times quantities and prices).
const (
	tailBits = 10
	midBits  = 9
)

// tailMemo remembers line cells of up to tailMax bytes. It holds their
// bytes in its slots, not in a string elsewhere, so that finding a span
// reads one place in memory.
type tailMemo struct {
	seed  maphash.Seed
	slots []tailEntry // 1 << (64-shift) of them
	shift uint8
}

// init makes the memo's slots: 1<<bits, at most 1<<tailBits.
func (m *tailMemo) init(bits int) {
	bits = min(bits, tailBits)
	m.seed, m.slots, m.shift = maphash.MakeSeed(), make([]tailEntry, 1<<bits), uint8(64-bits)
}

const tailMax = 96

// tailEntry is a slot of a tailMemo. What find compares and a batch
// reads (the length, the currency, the columns) comes first, then the
// span: a batch's hit reads the entry's first two cache lines, not four.
type tailEntry struct {
	n    int            // the length of the span; 0: none
	cur  money.Currency // the currency they were read in
	col  lineCols       // line in a batch's columns, once ReadOrderBatches has converted it
	span [tailMax]byte  // its bytes
	line metrics.Line
}

// find returns the entry of span read in c, if the memo has it.
func (m *tailMemo) find(span string, c money.Currency) *tailEntry {
	if len(span) > tailMax {
		return nil
	}
	e := &m.slots[maphash.String(m.seed, span)>>m.shift]
	if e.n == len(span) && e.cur == c && string(e.span[:e.n]) == span {
		return e
	}
	return nil
}

// add remembers l as the line of span read in c, and returns its entry
// (nil for a span too long to remember).
func (m *tailMemo) add(span string, c money.Currency, l *metrics.Line) *tailEntry {
	if len(span) > tailMax {
		return nil
	}
	e := &m.slots[maphash.String(m.seed, span)>>m.shift]
	e.n = copy(e.span[:], span)
	e.cur, e.line, e.col = c, *l, lineCols{}
	return e
}

// midMemo remembers the cells of an order from its channel to its
// promotion.
type midMemo struct {
	seed  maphash.Seed
	slots []midEntry // 1 << (64-shift) of them
	shift uint8
}

// init makes the memo's slots: 1<<bits, at most 1<<midBits.
func (m *midMemo) init(bits int) {
	bits = min(bits, midBits)
	m.seed, m.slots, m.shift = maphash.MakeSeed(), make([]midEntry, 1<<bits), uint8(64-bits)
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
	e := &m.slots[maphash.String(m.seed, span)>>m.shift]
	if len(e.span) == len(span) && e.span == span && span != "" {
		return &e.mid
	}
	return nil
}

// add remembers mid as what span says, and returns the memo's copy.
func (m *midMemo) add(t *table, span string, mid *orderMid) *orderMid {
	e := &m.slots[maphash.String(m.seed, span)>>m.shift]
	e.span, e.mid = t.keepNew(span), *mid
	return &e.mid
}
