package inventory

import (
	"bytes"
	"errors"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// encodeSales returns s's encoding, failing t on an error.
func encodeSales(t interface{ Fatal(...any) }, s *Sales) []byte {
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeSales returns the Sales data encodes, failing t on an error.
func decodeSales(t interface{ Fatal(...any) }, data []byte) *Sales {
	var s Sales
	if err := s.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return &s
}

// salesRecord is one thing added to a Sales: an order, or a sale added
// with Add.
type salesRecord struct {
	order *metrics.Order
	sku   string
	day   Day
	units int64
	rev   money.Money
	cogs  money.Money
}

func (r salesRecord) addTo(s *Sales) {
	if r.order != nil {
		s.AddOrder(*r.order)
		return
	}
	s.Add(r.sku, r.day, r.units, r.rev, r.cogs)
}

// genSalesRecords draws orders and direct sales over four weeks: SKUs of
// a fixed category and list price (the last one seen is kept, so shards
// must agree on it), line and order discounts, sub-cent prices and costs,
// amounts near the int64 range, cancelled orders, and bad lines (data
// problems). Orders in another currency are left to binarySales: a
// Sales's currency is its first order's, so shards that begin with
// another order take another currency than the direct Sales.
func genSalesRecords(t *rapid.T) []salesRecord {
	skus := []string{"a1", "a2", "b1", "b2", "c1"}
	price := func(sku string) money.Money { return cny.FromMinor(int64(100 + 37*int(sku[0]) + int(sku[1]))) }
	n := rapid.IntRange(0, 25).Draw(t, "records")
	out := make([]salesRecord, 0, n)
	for k := range n {
		at := nov(1).Add(time.Duration(rapid.IntRange(0, 28*24).Draw(t, "hour")) * time.Hour)
		if rapid.IntRange(0, 4).Draw(t, "direct") == 0 {
			sku := rapid.SampledFrom(skus).Draw(t, "sku")
			q := rapid.Int64Range(-1, 5).Draw(t, "units")
			rev := cny.FromMinor(rapid.Int64Range(-500, 5000).Draw(t, "revenue"))
			if rapid.Bool().Draw(t, "subCentRevenue") {
				rev = rev.MulRate(decimal.New(1, -1))
			}
			out = append(out, salesRecord{sku: sku, day: DayOf(at), units: q, rev: rev, cogs: cny.FromMinor(rapid.Int64Range(0, 3000).Draw(t, "cogs"))})
			continue
		}
		o := metrics.Order{ID: strconv.Itoa(k), Currency: cny, Status: metrics.Paid, PlacedAt: at}
		if rapid.IntRange(0, 9).Draw(t, "status") == 0 {
			o.Status = metrics.Cancelled
		}
		var total money.Money
		for range rapid.IntRange(1, 4).Draw(t, "lines") {
			sku := rapid.SampledFrom(skus).Draw(t, "lineSKU")
			p, c := price(sku), cny.FromMinor(rapid.Int64Range(0, 300).Draw(t, "cost"))
			switch rapid.IntRange(0, 5).Draw(t, "amounts") {
			case 0:
				c = c.MulRate(decimal.New(125, -3)) // past minor units
			case 1:
				c = cny.FromMinor(1 << 61) // days past int64
			}
			q := rapid.Int64Range(0, 4).Draw(t, "qty") // 0: a problem
			l := metrics.Line{SKU: sku, Category: sku[:1], Quantity: q, UnitPrice: p, UnitCost: c}
			if rapid.Bool().Draw(t, "lineDiscount") {
				l.Discount = l.UnitPrice.Mul(q).MulRate(decimal.New(1, -1)).Round(money.RoundDown)
			}
			g, _ := l.UnitPrice.Mul(q).Sub(l.Discount)
			total, _ = total.Add(g)
			o.Lines = append(o.Lines, l)
		}
		if !total.IsZero() {
			o.Discount = total.MulRate(decimal.New(rapid.Int64Range(0, 30).Draw(t, "pct"), -2)).Round(money.RoundDown)
		}
		out = append(out, salesRecord{order: &o})
	}
	return out
}

// withoutProblems returns the encoding of s without its data problems,
// whose order and first records follow the order of the records.
func withoutProblems(t interface{ Fatal(...any) }, s *Sales) []byte {
	c := *s
	c.probs = problems{}
	return encodeSales(t, &c)
}

// problemCounts returns the records of each kind of problem of s.
func problemCounts(s *Sales) map[string]int {
	out := map[string]int{}
	for _, p := range s.probs.list {
		out[p.Source+"/"+p.SKU+"/"+p.Err.Error()] += p.Count
	}
	return out
}

// TestSalesBinaryMerge checks that shards accumulated apart, encoded,
// decoded and merged hold exactly the sales of the direct Sales (its
// encoding without the problems, and its analysis) and the same problems
// counted alike; that a decoded Sales re-encodes to the same bytes
// (problems included) and takes more records as the original does; and
// that the same records in reverse encode alike, problems aside.
func TestSalesBinaryMerge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		recs := genSalesRecords(t)
		var direct Sales
		for _, r := range recs {
			r.addTo(&direct)
		}
		want := withoutProblems(t, &direct)

		var rev Sales
		for _, r := range slices.Backward(recs) {
			r.addTo(&rev)
		}
		if got := withoutProblems(t, &rev); !bytes.Equal(got, want) {
			t.Fatalf("the same records in reverse encode otherwise:\n%x\n%x", want, got)
		}

		shards := make([][]salesRecord, rapid.IntRange(1, 4).Draw(t, "shards"))
		for _, r := range recs {
			k := rapid.IntRange(0, len(shards)-1).Draw(t, "shard")
			shards[k] = append(shards[k], r)
		}
		var merged Sales
		for _, sh := range shards {
			var part Sales
			for _, r := range sh {
				r.addTo(&part)
			}
			enc := encodeSales(t, &part)
			back := decodeSales(t, enc)
			if again := encodeSales(t, back); !bytes.Equal(again, enc) {
				t.Fatalf("decode(encode(x)) re-encodes to other bytes:\n%x\n%x", enc, again)
			}
			if diff := cmp.Diff(part.Err() == nil, back.Err() == nil); diff != "" {
				t.Fatalf("problems lost:\n%s", diff)
			}
			if err := merged.Merge(back); err != nil {
				t.Fatal(err)
			}
		}
		if got := withoutProblems(t, &merged); !bytes.Equal(got, want) {
			t.Fatalf("merge of decoded shards != direct:\n%x\n%x", want, got)
		}
		if diff := cmp.Diff(problemCounts(&direct), problemCounts(&merged)); diff != "" {
			t.Fatalf("problems (-direct +merged):\n%s", diff)
		}
		p, _ := metrics.NewPeriod(nov(1), nov(29))
		wantR, _ := Analyze(Config{}, Input{Period: p, Sales: &direct})
		gotR, _ := Analyze(Config{}, Input{Period: p, Sales: &merged})
		if diff := cmp.Diff(wantR.SKUs, gotR.SKUs); diff != "" {
			t.Fatalf("analysis of the merged sales (-direct +merged):\n%s", diff)
		}

		back := decodeSales(t, encodeSales(t, &direct))
		more := genSalesRecords(t)
		for _, r := range more {
			r.addTo(back)
			r.addTo(&direct)
		}
		if got, want := encodeSales(t, back), encodeSales(t, &direct); !bytes.Equal(got, want) {
			t.Fatalf("records added after decoding:\n%x\n%x", want, got)
		}
	})
}

// binarySales is a small Sales of every kind of state: two SKUs, one with
// a price, a sub-cent cost, a day past int64, a SKU without sales (a
// category only), and two problems.
func binarySales(t testing.TB) *Sales {
	t.Helper()
	var s Sales
	ln := func(sku string, q int64, price, cost string) metrics.Line {
		return metrics.Line{SKU: sku, Category: "c" + sku, Quantity: q, UnitPrice: money.MustNew(price, "CNY"), UnitCost: money.MustNew(cost, "CNY")}
	}
	s.AddOrder(metrics.Order{ID: "1", Currency: cny, PlacedAt: nov(1), Lines: []metrics.Line{ln("a", 2, "10.00", "4.125"), ln("b", 0, "1", "1")}})
	s.AddOrder(metrics.Order{ID: "2", Currency: cny, PlacedAt: nov(3), Lines: []metrics.Line{ln("a", 1, "10.00", "4.00")}})
	s.AddOrder(metrics.Order{ID: "3", Currency: money.MustCurrency("USD"), PlacedAt: nov(3), Lines: []metrics.Line{{SKU: "a", Quantity: 1}}})
	s.Add("g", DayOf(nov(4)), 3, cny.FromMinor(1<<62), cny.FromMinor(1<<62))
	s.Add("g", DayOf(nov(4)), 1, cny.FromMinor(1<<62), cny.FromMinor(5))
	s.SetCategory("z", "zz")
	if s.Err() == nil {
		t.Fatal("binarySales has no problems")
	}
	return &s
}

// TestSalesBinaryErrors checks the errors of UnmarshalBinary: every
// truncation of a real encoding, trailing bytes and another version are
// errors wrapping metrics.ErrCorrupt that leave the receiver unchanged;
// every single-byte change either fails so or decodes to a Sales that
// re-encodes alike; and a decoded Sales reports the same problems.
func TestSalesBinaryErrors(t *testing.T) {
	orig := binarySales(t)
	enc := encodeSales(t, orig)
	back := decodeSales(t, enc)
	if diff := cmp.Diff(orig.Err().Error(), back.Err().Error()); diff != "" {
		t.Errorf("problems (-encoded +decoded):\n%s", diff)
	}
	keep := binarySales(t)
	keep.Add("x", 1, 1, cny.FromMinor(1), cny.FromMinor(1))
	before := encodeSales(t, keep)
	check := func(name string, data []byte) {
		t.Helper()
		err := keep.UnmarshalBinary(data)
		if !errors.Is(err, metrics.ErrCorrupt) {
			t.Errorf("%s: error %v, want one wrapping metrics.ErrCorrupt", name, err)
		}
		if got := encodeSales(t, keep); !bytes.Equal(got, before) {
			t.Fatalf("%s: a failed UnmarshalBinary changed the Sales", name)
		}
	}
	for n := range len(enc) {
		check("truncated to "+strconv.Itoa(n), enc[:n])
	}
	check("trailing byte", append(slices.Clone(enc), 0))
	check("version 2", append([]byte{2}, enc[1:]...))
	refused := 0
	for i := range enc {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(enc)
			bad[i] ^= x
			var y Sales
			if err := y.UnmarshalBinary(bad); err != nil {
				refused++
				check("byte "+strconv.Itoa(i), bad)
				continue
			}
			again := encodeSales(t, &y)
			if z := decodeSales(t, again); !bytes.Equal(encodeSales(t, z), again) {
				t.Fatalf("byte %d ^ %#x decoded, and its re-encoding does not decode alike", i, x)
			}
		}
	}
	if refused < len(enc) {
		t.Errorf("only %d of %d changed encodings refused", refused, 3*len(enc))
	}
}

// TestSalesBinaryImpossible checks that encodings of what Sales never
// holds are refused, each built by hand.
func TestSalesBinaryImpossible(t *testing.T) {
	var s Sales
	s.Add("a", 10, 2, cny.FromMinor(300), cny.FromMinor(100))
	enc := encodeSales(t, &s)
	// "CNY", 1 SKU "a", category "", no price, 1 day: 10, 2 units, mask 0,
	// 300 and 100, no problems.
	want := []byte{1, 3, 'C', 'N', 'Y', 1, 1, 'a', 0, 0, 1, 20, 2, 0, 0xd8, 0x04, 0xc8, 0x01, 0}
	if !bytes.Equal(enc, want) {
		t.Fatalf("the encoding is not what the test expects:\n%x\n%x", enc, want)
	}
	with := func(at int, b ...byte) []byte { return slices.Concat(enc[:at], b, enc[at+1:]) }
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"a day without units", "a day without units", with(12, 0)},
		{"a price of no kind", "bad price kind", with(9, 3)},
		{"a zero price", "bad price", slices.Concat(enc[:9], []byte{1, 0, 0}, enc[10:])},
		{"an unknown currency", "bad currency", with(2, 'Q')},
		{"a bad mask", "bad total mask", with(13, 4)},
		{"a problem of unknown kind", "unknown kind", slices.Concat(enc[:len(enc)-1], []byte{1, 0, 0, 0, 0, 0, 1, 0, 99})},
		{"a problem counted 0 times", "count", slices.Concat(enc[:len(enc)-1], []byte{1, 0, 0, 0, 0, 0, 0, 0, 1})},
		{"a problem twice", "twice", slices.Concat(enc[:len(enc)-1], []byte{2, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1})},
	} {
		var x Sales
		err := x.UnmarshalBinary(c.data)
		if !errors.Is(err, metrics.ErrCorrupt) || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
			t.Errorf("%s: %v, want an error wrapping metrics.ErrCorrupt saying %q", c.name, err, c.want)
		}
	}
	day := enc[11:18] // 10, 2 units, mask 0, 300, 100
	for _, c := range []struct {
		name  string
		delta byte
		ok    bool
	}{{"two days", 1, true}, {"the same day twice", 0, false}} {
		data := slices.Concat(enc[:10], []byte{2}, day, []byte{c.delta}, day[1:], enc[18:])
		var x Sales
		if err := x.UnmarshalBinary(data); (err == nil) != c.ok {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestSalesBinaryAllocation checks that decoding allocates in proportion
// to its input, at most 64 bytes per byte decoded: a Sales of many SKUs
// with one short day each, the smallest records.
func TestSalesBinaryAllocation(t *testing.T) {
	var s Sales
	for i := range 3000 {
		s.Add(string([]byte{byte('!' + i%90), byte('!' + i/90)}), Day(i%7), 1, cny.FromMinor(1), cny.FromMinor(1))
	}
	enc := encodeSales(t, &s)
	var ms0, ms1 runtime.MemStats
	var back Sales
	runtime.ReadMemStats(&ms0)
	if err := back.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms1)
	if per := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(len(enc)); per > 64 {
		t.Errorf("%.1f bytes allocated per byte of %d", per, len(enc))
	}
}

// FuzzSalesUnmarshalBinary checks that decoding any bytes gives an error
// wrapping metrics.ErrCorrupt, never a panic, and leaves the Sales
// unchanged; whatever decodes re-encodes to bytes that decode and encode
// alike again, merges and is analysed.
func FuzzSalesUnmarshalBinary(f *testing.F) {
	f.Add(encodeSales(f, binarySales(f)))
	var empty Sales
	f.Add(encodeSales(f, &empty))
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		s := binarySales(t)
		before := encodeSales(t, s)
		if err := s.UnmarshalBinary(data); err != nil {
			if !errors.Is(err, metrics.ErrCorrupt) {
				t.Fatalf("error %v does not wrap metrics.ErrCorrupt", err)
			}
			if !bytes.Equal(encodeSales(t, s), before) {
				t.Fatal("a failed UnmarshalBinary changed the Sales")
			}
			return
		}
		again := encodeSales(t, s)
		y := decodeSales(t, again)
		if !bytes.Equal(encodeSales(t, y), again) {
			t.Fatal("the re-encoding does not re-encode alike")
		}
		p, _ := metrics.NewPeriod(nov(1), nov(29))
		_, _ = Analyze(Config{}, Input{Period: p, Sales: y})
		_ = y.Merge(binarySales(t))
	})
}

// TestSalesDayPastInt64 checks that a day whose amounts pass the int64
// range of minor units stays one day: its demand statistics count one day
// of 4 units, not two entries of 3 and 1 (found by TestSalesBinaryMerge:
// a day split so had another standard deviation of demand than the same
// day merged through an encoding).
func TestSalesDayPastInt64(t *testing.T) {
	var s Sales
	s.Add("g", DayOf(nov(2)), 3, cny.FromMinor(100), cny.FromMinor(1<<62))
	s.Add("g", DayOf(nov(2)), 1, cny.FromMinor(100), cny.FromMinor(1<<62))
	s.Add("g", DayOf(nov(2)), 1, cny.FromMinor(100), cny.FromMinor(1<<62))
	if k := s.lookup("g"); len(k.days) != 1 || k.days[0].units != 5 {
		t.Fatalf("days %+v, want one day of 5 units", k.days)
	}
	p, _ := metrics.NewPeriod(nov(1), nov(3))
	r, err := Analyze(Config{}, Input{Period: p, Sales: &s})
	if err != nil {
		t.Fatal(err)
	}
	m := r.SKUs[0]
	// Two days of 0 and 5 units: mean 2.5, sample standard deviation
	// √((2.5² + 2.5²)/1) = 3.5355.
	if m.DemandMean != 2.5 || m.DemandStdDev < 3.5355 || m.DemandStdDev > 3.5356 {
		t.Errorf("demand mean %v sd %v, want 2.5 and 3.5355", m.DemandMean, m.DemandStdDev)
	}
	want, _ := decimal.NewFromString("13835058055282163712") // 3 × 2^62 minor units
	if got := m.COGS.Decimal().Shift(2); !got.Equal(want) {
		t.Errorf("COGS %s minor units, want %s", got, want)
	}
}
