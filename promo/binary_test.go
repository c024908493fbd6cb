package promo

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// binaryPromotions are the promotions the binary tests track: one by SKU,
// one by category, one on the whole store.
func binaryPromotions() []Promotion {
	w := metrics.Period{Start: day0, End: day0.AddDate(0, 0, 7)}
	return []Promotion{
		{ID: "P1", Window: w, Scope: Scope{SKUs: []string{"a1", "b1"}}, Mechanism: PercentOff, Percent: decimal.New(2, -1)},
		{ID: "P2", Window: w, Scope: Scope{Categories: []string{"b"}}, Mechanism: AmountOff, Amount: cny.FromMinor(500)},
		{ID: "P3", Window: w, Scope: Scope{Store: true}, Mechanism: Coupon, FixedCost: cny.FromMinor(10000)},
	}
}

// setupLedger returns an empty ledger in loc tracking binaryPromotions.
func setupLedger(t interface{ Fatal(...any) }, loc *time.Location) *Ledger {
	l := &Ledger{Location: loc}
	if err := l.Track(binaryPromotions()...); err != nil {
		t.Fatal(err)
	}
	return l
}

// genBinaryOrders draws valid orders over three weeks: SKUs of three
// categories (a SKU's category is its first letter, so that shards agree
// on it), line and order discounts, promotion codes on orders and lines,
// sub-cent prices and costs, lines without a cost, amounts near the int64
// range, and cancelled orders.
func genBinaryOrders(t *rapid.T) []metrics.Order {
	n := rapid.IntRange(0, 25).Draw(t, "orders")
	orders := make([]metrics.Order, 0, n)
	for k := range n {
		o := metrics.Order{ID: strconv.Itoa(k), Currency: cny, Status: metrics.Paid,
			PlacedAt: day0.Add(time.Duration(rapid.IntRange(-7*24, 14*24).Draw(t, "hour")) * time.Hour)}
		if rapid.IntRange(0, 9).Draw(t, "cancel") == 0 {
			o.Status = metrics.Cancelled
		}
		o.Promotion = rapid.SampledFrom([]string{"", "", "P1", "P2", "P3", "X"}).Draw(t, "orderPromo")
		var total money.Money
		for range rapid.IntRange(1, 4).Draw(t, "lines") {
			sku := rapid.SampledFrom([]string{"a1", "a2", "b1", "b2", "c1"}).Draw(t, "sku")
			p := cny.FromMinor(rapid.Int64Range(1, 50000).Draw(t, "price"))
			c := cny.FromMinor(rapid.Int64Range(0, 30000).Draw(t, "cost"))
			switch rapid.IntRange(0, 5).Draw(t, "amounts") {
			case 0:
				p = p.MulRate(decimal.New(125, -3)) // past minor units
				c = c.MulRate(decimal.New(1, -1))
			case 1:
				p = cny.FromMinor(1 << 61) // cells past int64
				c = cny.FromMinor(1 << 60)
			case 2:
				c = money.Money{} // no unit cost
			}
			q := rapid.Int64Range(1, 4).Draw(t, "qty")
			l := metrics.Line{SKU: sku, Category: sku[:1], Quantity: q, UnitPrice: p, UnitCost: c,
				Promotion: rapid.SampledFrom([]string{"", "", "", "P1", "P2"}).Draw(t, "linePromo")}
			if rapid.Bool().Draw(t, "lineDiscount") {
				l.Discount = p.Mul(q).MulRate(decimal.New(1, -1)).Round(money.RoundDown)
			}
			g, _ := p.Mul(q).Sub(l.Discount)
			total, _ = total.Add(g)
			o.Lines = append(o.Lines, l)
		}
		o.Discount = total.MulRate(decimal.New(rapid.Int64Range(0, 30).Draw(t, "pct"), -2)).Round(money.RoundDown)
		orders = append(orders, o)
	}
	return orders
}

// encodeLedger returns l's encoding, failing t on an error.
func encodeLedger(t interface{ Fatal(...any) }, l *Ledger) []byte {
	b, err := l.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// addLedger adds orders to l; the errors are those the same orders give
// the direct ledger (orders past its units), and are ignored alike.
func addLedger(l *Ledger, orders []metrics.Order) {
	for _, o := range orders {
		_ = l.Add(o)
	}
}

// TestLedgerBinaryMerge checks that shards accumulated apart, encoded,
// decoded into ledgers set up alike and merged give exactly the direct
// ledger (its encoding, which holds all its state, and its analyses);
// that a decoded ledger re-encodes to the same bytes and takes more orders
// as the original does; and that the same orders in reverse encode alike.
func TestLedgerBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genBinaryOrders(t)
		loc := rapid.SampledFrom([]*time.Location{nil, time.FixedZone("CST", 8*3600)}).Draw(t, "loc")
		direct := setupLedger(t, loc)
		addLedger(direct, orders)
		want := encodeLedger(t, direct)

		shards := rapid.IntRange(1, 4).Draw(t, "shards")
		so := make([][]metrics.Order, shards)
		for _, o := range orders {
			k := rapid.IntRange(0, shards-1).Draw(t, "shard")
			so[k] = append(so[k], o)
		}
		merged := setupLedger(t, loc)
		for k := range shards {
			part := setupLedger(t, loc)
			addLedger(part, so[k])
			enc := encodeLedger(t, part)
			back := setupLedger(t, loc)
			if err := back.UnmarshalBinary(enc); err != nil {
				t.Fatalf("UnmarshalBinary: %v", err)
			}
			if again := encodeLedger(t, back); !bytes.Equal(again, enc) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", enc, again)
			}
			if err := merged.Merge(back); err != nil {
				t.Fatal(err)
			}
		}
		if got := encodeLedger(t, merged); !bytes.Equal(got, want) {
			t.Fatalf("merge of decoded shards != direct:\n%x\n%x", want, got)
		}
		if diff := cmp.Diff(ledgerFigures(direct), ledgerFigures(merged)); diff != "" {
			t.Fatalf("figures of the merged ledger (-direct +merged):\n%s", diff)
		}

		// A decoded ledger takes more orders like the original.
		back := setupLedger(t, loc)
		if err := back.UnmarshalBinary(want); err != nil {
			t.Fatal(err)
		}
		more := genBinaryOrders(t)
		addLedger(back, more)
		addLedger(direct, more)
		if got, want := encodeLedger(t, back), encodeLedger(t, direct); !bytes.Equal(got, want) {
			t.Fatalf("orders added after decoding:\n%x\n%x", want, got)
		}
	})
}

// TestLedgerBinaryCanonical checks that equal state encodes alike: the same
// orders added in reverse give the same bytes.
func TestLedgerBinaryCanonical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		orders := genBinaryOrders(t)
		a, b := setupLedger(t, nil), setupLedger(t, nil)
		addLedger(a, orders)
		rev := slices.Clone(orders)
		slices.Reverse(rev)
		addLedger(b, rev)
		if ea, eb := encodeLedger(t, a), encodeLedger(t, b); !bytes.Equal(ea, eb) {
			t.Fatalf("equal ledgers encode differently:\n%x\n%x", ea, eb)
		}
	})
}

// figures is what the analyses read from a ledger: its counts, span, and
// the daily series of every SKU and of every promotion's baskets.
type figures struct {
	Orders, Lines, Cancelled int64
	Currency                 string
	Span                     string
	SKUs                     map[string][]string
	Halo                     map[string][]string
}

func ledgerFigures(l *Ledger) figures {
	f := figures{Orders: l.Orders(), Lines: l.Lines(), Cancelled: l.Cancelled(), SKUs: map[string][]string{}, Halo: map[string][]string{}}
	if !l.cur.IsZero() {
		f.Currency = l.cur.Code()
	}
	span, ok := l.Span()
	if !ok {
		return f
	}
	f.Span = span.Label()
	from, to := periodDays(span, l.loc())
	for i := range l.skus {
		sel := make([]bool, len(l.skus))
		sel[i] = true
		s := l.gather(sel, from, to)
		f.SKUs[l.skus[i].sku+"/"+l.skus[i].category] = seriesStrings(s, from, to)
	}
	for _, t := range l.tracked {
		s := gatherHalo(t, nil, from, to)
		var days []string
		for d := from; d < to; d++ {
			if b := t.days[d]; b != nil {
				days = append(days, strconv.Itoa(d)+": "+strconv.FormatInt(b.orders, 10)+" orders, "+strconv.FormatInt(b.redeemed, 10)+" redeemed")
			}
		}
		f.Halo[t.p.ID] = append(seriesStrings(s, from, to), days...)
	}
	return f
}

func seriesStrings(s series, from, to int) []string {
	var out []string
	for d := from; d < to; d++ {
		c := s.at(d)
		out = append(out, strings.Join([]string{strconv.FormatInt(c.units, 10), c.gross.Decimal().String(), c.disc.Decimal().String(),
			c.net.Decimal().String(), c.cost.Decimal().String(), strconv.FormatInt(c.noCost, 10) + " without cost"}, " "))
	}
	return out
}

// TestLedgerBinaryAnalyze checks that the effect store of the analysis
// tests, sent through its encoding, measures its promotion exactly as
// before: Analyze and BySKU give the same results.
func TestLedgerBinaryAnalyze(t *testing.T) {
	s := effectStore()
	l, err := s.ledger()
	if err != nil {
		t.Fatal(err)
	}
	back := &Ledger{}
	if err := back.Track(s.promotion()); err != nil {
		t.Fatal(err)
	}
	if err := back.UnmarshalBinary(encodeLedger(t, l)); err != nil {
		t.Fatal(err)
	}
	want, err := l.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.Analyze(promoID, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze (-encoded +decoded):\n%s", diff)
	}
	wantSKU, err1 := l.BySKU(promoID, Config{})
	gotSKU, err2 := back.BySKU(promoID, Config{})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if diff := cmp.Diff(wantSKU, gotSKU); diff != "" {
		t.Errorf("BySKU (-encoded +decoded):\n%s", diff)
	}
}

// binaryLedger is a small ledger of every kind of state: three promotions,
// a sub-cent amount, a cell past int64, a day without sales inside a SKU's
// run, a cancelled order and halo baskets.
func binaryLedger(t testing.TB) *Ledger {
	t.Helper()
	l := setupLedger(t, time.FixedZone("CST", 8*3600))
	mk := func(id string, day int, promo string, lines ...metrics.Line) metrics.Order {
		return metrics.Order{ID: id, Currency: cny, Status: metrics.Paid, PlacedAt: day0.AddDate(0, 0, day), Promotion: promo, Lines: lines}
	}
	ln := func(sku string, q int64, price string) metrics.Line {
		return metrics.Line{SKU: sku, Category: sku[:1], Quantity: q, UnitPrice: money.MustNew(price, "CNY"), UnitCost: money.MustNew("1.50", "CNY")}
	}
	orders := []metrics.Order{
		mk("1", 0, "P1", ln("a1", 2, "10.00"), ln("c1", 1, "3.00")),
		mk("2", 2, "", ln("a1", 1, "10.005"), ln("b1", 1, "7.00")),
		mk("3", 1, "P2", ln("b2", 1, "8.00")),
		mk("4", 3, "", metrics.Line{SKU: "g", Category: "g", Quantity: 3, UnitPrice: cny.FromMinor(1 << 62)}),
	}
	orders[2].Lines[0].Promotion = "P2"
	cancelled := mk("5", 1, "", ln("a1", 1, "10.00"))
	cancelled.Status = metrics.Cancelled
	for _, o := range append(orders, cancelled) {
		if err := l.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

// TestLedgerBinaryErrors checks the errors of UnmarshalBinary: every
// truncation of a real encoding, trailing bytes and another version are
// errors wrapping metrics.ErrCorrupt; every single-byte change either
// fails (ErrCorrupt or ErrIncompatible) or decodes to a ledger that
// re-encodes alike; a failed decoding leaves the receiver unchanged; a
// receiver set up otherwise refuses the encoding with a
// *metrics.MergeError naming what differs.
func TestLedgerBinaryErrors(t *testing.T) {
	enc := encodeLedger(t, binaryLedger(t))
	keep := binaryLedger(t)
	if err := keep.Add(metrics.Order{ID: "x", Currency: cny, PlacedAt: day0.AddDate(0, 0, 9), Lines: []metrics.Line{line("z", 1, "1", "", "1")}}); err != nil {
		t.Fatal(err)
	}
	before := encodeLedger(t, keep)
	check := func(name string, data []byte, wants ...error) {
		t.Helper()
		err := keep.UnmarshalBinary(data)
		if err == nil {
			t.Fatalf("%s: decoded", name)
		}
		ok := false
		for _, w := range wants {
			ok = ok || errors.Is(err, w)
		}
		if !ok {
			t.Errorf("%s: error %v, want one of %v", name, err, wants)
		}
		if got := encodeLedger(t, keep); !bytes.Equal(got, before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the ledger", name)
		}
	}
	for n := range len(enc) {
		check("truncated to "+strconv.Itoa(n), enc[:n], metrics.ErrCorrupt)
	}
	check("trailing byte", append(slices.Clone(enc), 0), metrics.ErrCorrupt)
	check("version 3", append([]byte{3}, enc[1:]...), metrics.ErrCorrupt)
	refused := 0
	for i := range enc {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(enc)
			bad[i] ^= x
			y := binaryLedger(t)
			if err := y.UnmarshalBinary(bad); err != nil {
				refused++
				check("byte "+strconv.Itoa(i)+" ^ "+strconv.Itoa(int(x)), bad, metrics.ErrCorrupt, metrics.ErrIncompatible)
				continue
			}
			again := encodeLedger(t, y)
			z := binaryLedger(t)
			if err := z.UnmarshalBinary(again); err != nil || !bytes.Equal(encodeLedger(t, z), again) {
				t.Fatalf("byte %d ^ %#x decoded, and its re-encoding does not decode alike (%v)", i, x, err)
			}
		}
	}
	if refused < 2*len(enc) {
		t.Errorf("only %d of %d changed encodings refused", refused, 3*len(enc))
	}

	ps := binaryPromotions()
	renamed := slices.Clone(ps)
	renamed[1].ID = "P9"
	rescoped := slices.Clone(ps)
	rescoped[1].Scope = Scope{Categories: []string{"c"}}
	repriced := slices.Clone(ps)
	repriced[0].Percent = decimal.New(3, -1)
	same := slices.Clone(ps)
	same[0].Percent = decimal.New(20, -2) // 0.20 is 0.2
	same[0].Window.Start = same[0].Window.Start.In(time.FixedZone("CST", 8*3600))
	for _, c := range []struct {
		name string
		loc  *time.Location
		ps   []Promotion
		want string // "" when the setup is the same
	}{
		{"UTC", nil, ps, "Location CST, not UTC"},
		{"another CST", time.FixedZone("CST", -6*3600), ps, "Location CST of other UTC offsets"},
		{"two promotions", time.FixedZone("CST", 8*3600), ps[:2], "3 tracked promotions, not 2"},
		{"another ID", time.FixedZone("CST", 8*3600), renamed, `tracked promotion 1 "P2", not "P9"`},
		{"another scope", time.FixedZone("CST", 8*3600), rescoped, `promotion "P2" defined otherwise`},
		{"another percentage", time.FixedZone("CST", 8*3600), repriced, `promotion "P1" defined otherwise`},
		{"the same in other forms", time.FixedZone("CST", 8*3600), same, ""},
	} {
		l := &Ledger{Location: c.loc}
		if err := l.Track(c.ps...); err != nil {
			t.Fatal(err)
		}
		err := l.UnmarshalBinary(enc)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		var me *metrics.MergeError
		if !errors.As(err, &me) || !errors.Is(err, metrics.ErrIncompatible) || !strings.Contains(me.Problem, c.want) {
			t.Errorf("%s: error %v, want a *MergeError saying %q", c.name, err, c.want)
		}
		if l.Orders() != 0 {
			t.Errorf("%s: a refused encoding was decoded", c.name)
		}
	}
}

// TestLedgerBinaryImpossible checks that encodings of states no Add makes
// are refused, each built by hand from a real encoding.
func TestLedgerBinaryImpossible(t *testing.T) {
	var l Ledger
	if err := l.Add(metrics.Order{ID: "1", Currency: cny, PlacedAt: day0, Lines: []metrics.Line{line("x", 2, "1", "", "1")}}); err != nil {
		t.Fatal(err)
	}
	enc := encodeLedger(t, &l)
	// After the setup: "CNY", orders 1, lines 1, units 2, cancelled 0,
	// days d d, 1 SKU "x" "C", 1 day d, units 2, mask 0, 200 50 200 100.
	setup := int(enc[1]) + 2
	body := enc[setup:]
	dd := binaryAppendVarint(int64(dayOf(day0, time.UTC)))
	wantBody := slices.Concat([]byte{3, 'C', 'N', 'Y', 1, 1, 2, 0}, dd, dd, []byte{1, 1, 'x', 1, 'C', 1}, dd,
		[]byte{2, 0}, binaryAppendVarint(200), binaryAppendVarint(0), binaryAppendVarint(200), binaryAppendVarint(200))
	if !bytes.Equal(body, wantBody) {
		t.Fatalf("the encoding is not what the test expects:\n%x\n%x", body, wantBody)
	}
	with := func(b []byte) []byte { return slices.Concat(enc[:setup], b) }
	ddPlus := binaryAppendVarint(int64(dayOf(day0, time.UTC)) + 1)
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"units of days not the ledger's", "do not add up", with(slices.Concat(body[:6], []byte{3}, body[7:]))},
		{"more lines than units", "counts no Add makes", with(slices.Concat(body[:5], []byte{3, 2}, body[7:]))},
		{"no currency with orders", "counts no Add makes", with(slices.Concat([]byte{0}, body[4:]))},
		{"a day past the span", "span", with(slices.Concat(body[:8], dd, dd, body[8+2*len(dd):8+2*len(dd)+6], ddPlus, body[8+3*len(dd)+6:]))},
		{"a span starting before the sales", "start and end with sales", with(slices.Concat(body[:8], binaryAppendVarint(int64(dayOf(day0, time.UTC))-30), body[8+len(dd):]))},
		{"a span ending after the sales", "start and end with sales", with(slices.Concat(body[:8+len(dd)], binaryAppendVarint(int64(dayOf(day0, time.UTC))+30), body[8+2*len(dd):]))},
		{"a negative amount", "negative amount", with(slices.Concat(body[:len(body)-len(binaryAppendVarint(200))], binaryAppendVarint(-200)))},
		// The cell is the last 9 bytes: units 2, mask 0, then its totals,
		// the cost last (2 bytes).
		{"units without a cost but a cost", "units without a cost no Add makes", with(slices.Concat(body[:len(body)-8], []byte{maskNoCost}, body[len(body)-7:], []byte{2}))},
		{"more units without a cost than units", "units without a cost no Add makes", with(slices.Concat(body[:len(body)-8], []byte{maskNoCost}, body[len(body)-7:], []byte{3}))},
		{"bit 4 and no units without a cost", "canonical form", with(slices.Concat(body[:len(body)-8], []byte{maskNoCost}, body[len(body)-7:], []byte{0}))},
		{"a zero cost and no units without a cost", "units without a cost no Add makes", with(slices.Concat(body[:len(body)-2], []byte{0}))},
	} {
		var x Ledger
		err := x.UnmarshalBinary(c.data)
		if !errors.Is(err, metrics.ErrCorrupt) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt saying %q", c.name, err, c.want)
		}
	}
}

func binaryAppendVarint(v int64) []byte {
	var b []byte
	for u := uint64(v<<1) ^ uint64(v>>63); ; u >>= 7 {
		if u < 0x80 {
			return append(b, byte(u))
		}
		b = append(b, byte(u)|0x80)
	}
}

// TestLedgerBinaryAllocation checks that decoding allocates in proportion
// to its input: a ledger of SKUs each sold on two days a year apart (the
// days between cost a byte each, and their cells 48 bytes in memory), at
// most 80 bytes per byte decoded.
func TestLedgerBinaryAllocation(t *testing.T) {
	var l Ledger
	for i := range 200 {
		sku := "s" + strconv.Itoa(i)
		for _, d := range []int{0, 365} {
			if err := l.Add(metrics.Order{ID: sku, Currency: cny, PlacedAt: day0.AddDate(0, 0, d), Lines: []metrics.Line{line(sku, 1, "1", "", "1")}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	enc := encodeLedger(t, &l)
	var ms0, ms1 runtime.MemStats
	var back Ledger
	runtime.ReadMemStats(&ms0)
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(enc)); per > 80 {
		t.Errorf("%.1f bytes allocated per byte of %d", per, len(enc))
	}
	if !bytes.Equal(encodeLedger(t, &back), enc) {
		t.Error("the decoded ledger encodes otherwise")
	}
}

// FuzzLedgerUnmarshalBinary checks that decoding any bytes gives an error
// wrapping metrics.ErrCorrupt or metrics.ErrIncompatible, never a panic,
// and leaves the ledger unchanged; whatever decodes re-encodes to bytes
// that decode and encode alike again, and merges and answers queries.
func FuzzLedgerUnmarshalBinary(f *testing.F) {
	f.Add(encodeLedger(f, binaryLedger(f)))
	f.Add(encodeLedger(f, setupLedger(f, time.FixedZone("CST", 8*3600))))
	var empty Ledger
	f.Add(encodeLedger(f, &empty))
	s := defaultStore()
	s.days, s.from, s.to, s.base = 42, 28, 35, 1
	if l, err := s.ledger(); err == nil {
		f.Add(encodeLedger(f, l))
	}
	if v1, err := os.ReadFile("testdata/ledger_v1.bin"); err == nil {
		f.Add(v1) // version 1, which still decodes
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		l := binaryLedger(t)
		before := encodeLedger(t, l)
		if err := l.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, metrics.ErrCorrupt) && !errors.Is(err, metrics.ErrIncompatible) {
				t.Fatalf("error %v wraps neither ErrCorrupt nor ErrIncompatible", err)
			}
			if !bytes.Equal(encodeLedger(t, l), before) {
				t.Fatal("a failed UnmarshalBinary changed the ledger")
			}
			return
		}
		again := encodeLedger(t, l)
		y := binaryLedger(t)
		if err := y.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if !bytes.Equal(encodeLedger(t, y), again) {
			t.Fatal("the re-encoding does not re-encode alike")
		}
		_ = ledgerFigures(y)
		_ = y.Merge(binaryLedger(t))
		_, _ = y.Analyze("P1", Config{})
	})
}

// TestLedgerScopeSetup checks that Merge and UnmarshalBinary agree on
// which set-ups go together: ledgers tracking "P1" over other SKUs
// refuse both to merge and to decode into each other, with a
// *metrics.MergeError naming the promotion that leaves the receiver as it
// was; the same SKUs and categories in another order are accepted by
// both.
func TestLedgerScopeSetup(t *testing.T) {
	orders := []metrics.Order{
		{ID: "1", Currency: cny, PlacedAt: day0, Lines: []metrics.Line{line("a1", 2, "1", "", "1"), line("b1", 1, "3", "", "1")}},
		{ID: "2", Currency: cny, PlacedAt: day0.AddDate(0, 0, 2), Lines: []metrics.Line{line("c1", 1, "2", "", "1")}},
	}
	ledger := func(skus, cats []string) *Ledger {
		p := binaryPromotions()[0]
		p.Scope = Scope{SKUs: skus, Categories: cats}
		l := &Ledger{}
		if err := l.Track(p); err != nil {
			t.Fatal(err)
		}
		addLedger(l, orders)
		return l
	}
	base := func() *Ledger { return ledger([]string{"a1", "b1"}, []string{"x", "y"}) }
	for _, c := range []struct {
		name string
		o    *Ledger
		ok   bool
	}{
		{"the same scope", base(), true},
		{"the same scope in another order", ledger([]string{"b1", "a1"}, []string{"y", "x"}), true},
		{"other SKUs", ledger([]string{"a1", "c1"}, []string{"x", "y"}), false},
		{"other categories", ledger([]string{"a1", "b1"}, []string{"x"}), false},
	} {
		enc := encodeLedger(t, c.o)
		for _, op := range []struct {
			name string
			do   func(l *Ledger) error
		}{
			{"Merge", func(l *Ledger) error { return l.Merge(c.o) }},
			{"UnmarshalBinary", func(l *Ledger) error { return l.UnmarshalBinary(enc) }},
		} {
			l := base()
			before := encodeLedger(t, l)
			err := op.do(l)
			if c.ok {
				if err != nil {
					t.Errorf("%s, %s: %v", c.name, op.name, err)
				}
				continue
			}
			var me *metrics.MergeError
			if !errors.As(err, &me) || !errors.Is(err, metrics.ErrIncompatible) || !strings.Contains(me.Problem, `promotion "P1" defined otherwise`) {
				t.Errorf("%s, %s: error %v, want a *metrics.MergeError naming P1", c.name, op.name, err)
			}
			if !bytes.Equal(encodeLedger(t, l), before) {
				t.Errorf("%s, %s: a refusal changed the receiver", c.name, op.name)
			}
		}
	}
}

// TestLedgerBinaryV1 checks that an encoding of version 1, written by the
// Ledger before it counted the units sold without a unit cost
// (testdata/ledger_v1.bin, binaryLedger's encoding then), still decodes:
// to binaryLedger itself, whose one SKU-day without a cost (SKU g) has no
// cost at all, so that the rule of version 1 gives its units exactly; and
// that the decoded ledger encodes as version 2, as binaryLedger does.
func TestLedgerBinaryV1(t *testing.T) {
	v1, err := os.ReadFile("testdata/ledger_v1.bin")
	if err != nil {
		t.Fatal(err)
	}
	if v1[0] != ledgerV1 {
		t.Fatalf("testdata/ledger_v1.bin is of version %d", v1[0])
	}
	want := binaryLedger(t)
	got := setupLedger(t, time.FixedZone("CST", 8*3600))
	if err := got.UnmarshalBinary(v1); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ledgerFigures(want), ledgerFigures(got)); diff != "" {
		t.Errorf("decoded version 1 (-binaryLedger +decoded):\n%s", diff)
	}
	if g := got.skus[got.skuIdx["g"]].cells[0]; g.noCost != 3 {
		t.Errorf("SKU g: %d units without a cost, want 3", g.noCost)
	}
	if enc := encodeLedger(t, got); !bytes.Equal(enc, encodeLedger(t, want)) || enc[0] != ledgerV2 {
		t.Errorf("the decoded ledger encodes otherwise than binaryLedger, or not as version 2")
	}
	// Bit 4 of a cell's mask is version 2's alone.
	// SKU g and its category, one day, that day (3 bytes), its 3 units,
	// then the mask: gross and net sales past int64.
	i := bytes.Index(v1, []byte("\x01g\x01g\x01")) + 8
	bad := slices.Clone(v1)
	if bad[i] != 3 || bad[i+1] != 0x05 {
		t.Fatalf("SKU g's day not found at %d: % x", i, bad[i:i+2])
	}
	bad[i+1] |= maskNoCost
	if err := setupLedger(t, time.FixedZone("CST", 8*3600)).UnmarshalBinary(bad); !errors.Is(err, metrics.ErrCorrupt) {
		t.Errorf("version 1 with a mask's bit 4: error %v, want ErrCorrupt", err)
	}

	// A basket category without a cost: testdata/ledger_v1_halo.bin is
	// costlessHaloLedger's encoding of version 1 (written by 1d3b4cd).
	halo := costlessHaloLedger(t)
	back := &Ledger{}
	if err := back.Track(halo.Promotions()...); err != nil {
		t.Fatal(err)
	}
	if err := back.UnmarshalBinary(readTestdata(t, "ledger_v1_halo.bin")); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ledgerFigures(halo), ledgerFigures(back)); diff != "" {
		t.Errorf("decoded ledger_v1_halo.bin (-costlessHaloLedger +decoded):\n%s", diff)
	}
	if n := back.tracked[0].days[dayOf(day0, time.UTC)].other["c"].noCost; n != 2 {
		t.Errorf("the basket's category c: %d units without a cost, want 2", n)
	}
}

// TestLedgerBinaryCategoryNoCost checks that decoding refuses a basket
// category whose units without a cost do not go with its cost, as for a
// SKU's day (TestLedgerBinaryImpossible): the encoding of
// costlessHaloLedger ends with its category c's count, 2 of 2 units at
// no cost.
func TestLedgerBinaryCategoryNoCost(t *testing.T) {
	l := costlessHaloLedger(t)
	enc := encodeLedger(t, l)
	if enc[len(enc)-1] != 2 {
		t.Fatalf("the encoding does not end with the category's count: % x", enc[len(enc)-4:])
	}
	for _, n := range []byte{0, 1, 3} {
		bad := slices.Concat(enc[:len(enc)-1], []byte{n})
		x := &Ledger{}
		if err := x.Track(l.Promotions()...); err != nil {
			t.Fatal(err)
		}
		if err := x.UnmarshalBinary(bad); !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%d of 2 units without a cost and no cost: error %v, want ErrCorrupt", n, err)
		}
	}
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// costlessHaloLedger is a ledger tracking one promotion on a1 with one
// order of it: a1 with a cost, and two units of c1, of another category,
// without one (a basket category without a cost).
func costlessHaloLedger(t testing.TB) *Ledger {
	t.Helper()
	w := metrics.Period{Start: day0, End: day0.AddDate(0, 0, 7)}
	l := &Ledger{}
	if err := l.Track(Promotion{ID: "P1", Window: w, Scope: Scope{SKUs: []string{"a1"}}, Mechanism: Coupon}); err != nil {
		t.Fatal(err)
	}
	c1 := metrics.Line{SKU: "c1", Category: "c", Quantity: 2, UnitPrice: cny.FromMinor(300)}
	if err := l.Add(metrics.Order{ID: "1", Currency: cny, Status: metrics.Paid, PlacedAt: day0, Lines: []metrics.Line{line("a1", 1, "10", "", "4"), c1}}); err != nil {
		t.Fatal(err)
	}
	return l
}
