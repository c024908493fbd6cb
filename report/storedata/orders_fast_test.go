package storedata

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// readBothWays reads data with ReadOrders by its fast path and by the
// exact path alone (Options.exact), with an observer as Dir has, and
// fails unless the two give the same orders, the same errors (type,
// location, rows and message) and the same observations (rows, last
// line, UTC offsets). The fast path reads it three ways: as it comes, one
// byte a read, and with Options.ReuseSlices (each order's lines copied as
// it is yielded). Then ReadOrderBatches must read it alike
// (checkOrderBatches).
func readBothWays(t interface {
	Helper()
	Fatalf(string, ...any)
}, data string, strict bool) {
	t.Helper()
	type result struct {
		Orders  []metrics.Order
		Errs    []string
		Rows    int64
		Line    int
		Offsets offsets
	}
	read := func(exact, oneByte, reuse bool) result {
		obs := &observer{offsets: &offsets{}}
		opts := Options{File: "order_lines.csv", Strict: strict, obs: obs, exact: exact, ReuseSlices: reuse}
		var r result
		var in io.Reader = strings.NewReader(data)
		if oneByte {
			// Lines come whole into the buffer one read at a time, so
			// that the fast path cuts them on their own, not ahead.
			in = iotest.OneByteReader(in)
		}
		for o, err := range ReadOrders(in, opts) {
			if err != nil {
				r.Errs = append(r.Errs, fmt.Sprintf("%T %v", err, err))
				if pe, ok := err.(*ParseError); ok {
					r.Errs = append(r.Errs, fmt.Sprintf("rows %d column %d", pe.Rows, pe.Column))
				}
				continue
			}
			if reuse {
				o.Lines = slices.Clone(o.Lines) // valid until the next order
			}
			r.Orders = append(r.Orders, o)
		}
		r.Rows, r.Line, r.Offsets = obs.rows, obs.line, *obs.offsets
		return r
	}
	exact := read(true, false, false)
	opts := []cmp.Option{moneyCmp, cmp.AllowUnexported(offsets{}, offsetAt{})}
	for _, c := range []struct{ oneByte, reuse bool }{{false, false}, {true, false}, {false, true}} {
		if diff := cmp.Diff(exact, read(false, c.oneByte, c.reuse), opts...); diff != "" {
			t.Fatalf("%q (strict %v, one byte a read %v, slices reused %v): (-exact +fast):\n%s", data, strict, c.oneByte, c.reuse, diff)
		}
	}
	checkOrderBatches(t, data, strict)
}

// header is the header of the order-lines file that the fast path reads.
var header = strings.Join(OrderLineColumns, ",") + "\n"

// TestOrdersFast reads files in the writer's columns, which the fast path
// reads, by both paths (see readBothWays): well-formed orders of one or
// more lines with cells drawn from what the fast path takes and what it
// leaves to the exact path (quotes, formula guards, control characters,
// C1 controls and invalid UTF-8, amounts and times it does not read,
// empty required cells), rows repeated exactly, orders whose rows are
// apart, rows whose order-level cells differ, rows with another number of
// cells, and line endings CRLF.
func TestOrdersFast(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		readBothWays(t, header+drawOrderRows(t), rapid.Bool().Draw(t, "strict"))
	})
}

// TestOrdersFastBufferMoves: past the first 64 KB of a file (good
// orders of one and two rows), which the readers take at once to tell
// the encoding, the rows of TestOrdersFast come in reads of a few lines
// (see sizedReader), so that the fast path cuts lines ahead and the
// records' buffer moves while it holds views of the lines of an order
// (its head cells, the line cells of the row before, its ID), which it
// must copy first (orderReader.keepViews). ReadOrders and
// ReadOrderBatches read the same orders and errors as from a reader that
// gives the file at once (whose buffer never moves; TestOrdersFast
// checks those readings against the exact path).
func TestOrdersFastBufferMoves(t *testing.T) {
	row := "f%d,c%d,2025-11-11T20:00:00+08:00,search,paid,CNY,0.00,6.00,0.00,,2025-11-11T20:01:00+08:00,,,,SF,Zhejiang,A%d,茶,drinks,1,59.90,0.00,30.00,\n"
	var filler strings.Builder
	filler.WriteString(header)
	for i := 0; filler.Len() < 65<<10; i++ {
		for j := range 1 + i%2 {
			fmt.Fprintf(&filler, row, i, i%7, j)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		data := filler.String() + drawOrderRows(t)
		strict, size := rapid.Bool().Draw(t, "strict"), rapid.IntRange(200, 2000).Draw(t, "read size")
		for _, batches := range []bool{false, true} {
			want := readOrdersAll(strings.NewReader(data), strict, batches, false)
			got := readOrdersAll(sizedReader{strings.NewReader(data), size}, strict, batches, false)
			if reflect.DeepEqual(want, got) { // many times as fast as cmp
				continue
			}
			if diff := cmp.Diff(want, got, moneyCmp); diff != "" {
				t.Fatalf("%q (strict %v, batches %v, reads of %d bytes): (-whole +in reads):\n%s", data[filler.Len():], strict, batches, size, diff)
			}
		}
	})
}

// sizedReader reads at most n bytes at a time from r.
type sizedReader struct {
	r io.Reader
	n int
}

func (s sizedReader) Read(p []byte) (int, error) { return s.r.Read(p[:min(len(p), s.n)]) }

// drawOrderRows draws the rows of an order-lines file, without its
// header, for TestOrdersFast.
func drawOrderRows(t *rapid.T) string {
	{
		text := rapid.SampledFrom([]string{"", "a", "b", "长", "'=x", "'a", `"q"`, "x\ty", "\u0085", "\xff", "a,b", "S"})
		when := rapid.SampledFrom([]string{"", "2025-11-11T20:00:00+08:00", "2025-11-12T08:00:00Z", "2025-11-12T08:00:00.5-05:30",
			"0999-01-01T00:00:00Z", "1600-01-01T00:00:00Z", "2300-01-01T00:00:00+08:00", "2025-02-30T00:00:00Z", "2025-11-11 20:00:00", "bad"})
		amount := rapid.SampledFrom([]string{"", "0.00", "1.5", "59.90", "-2", "1.234", "12,30", "1e3", "NaN", "99999999999999999999"})
		cell := func(c, label string) string {
			switch c {
			case "placed_at", "paid_at", "shipped_at", "delivered_at", "promised_by":
				return when.Draw(t, label)
			case "currency":
				return rapid.SampledFrom([]string{"CNY", "CNY", "JPY", "KWD", "", "XXY"}).Draw(t, label)
			case "status":
				return rapid.SampledFrom([]string{"", "paid", "placed", "cancelled", "void"}).Draw(t, label)
			case "order_discount", "shipping", "tax", "unit_price", "line_discount", "unit_cost":
				return amount.Draw(t, label)
			case "quantity":
				return rapid.SampledFrom([]string{"1", "2", "-1", "", "x", "1234567890123456789"}).Draw(t, label)
			}
			return text.Draw(t, label)
		}
		// rare draws true once in n+1 draws (rapid draws small numbers
		// more often than others, and shrinks towards them).
		rare := func(label string, n int) bool { return rapid.IntRange(0, n).Draw(t, label) == n/2+1 }
		// Mostly good cells, so that many rows take the fast path.
		good := map[string]string{"placed_at": "2025-11-11T20:00:00+08:00", "currency": "CNY", "status": "paid", "quantity": "1", "unit_price": "9.90"}
		draw := func(c, label string) string {
			if !rare("odd "+label, 40) {
				if v, ok := good[c]; ok {
					return v
				}
				switch c {
				case "order_discount", "shipping", "tax", "line_discount", "unit_cost":
					return rapid.SampledFrom([]string{"0.00", "0.00", "1.50", "2"}).Draw(t, label)
				case "channel", "promotion", "carrier", "region", "line_promotion":
					return rapid.SampledFrom([]string{"", "", "p", "q"}).Draw(t, label)
				}
				if c != "customer_id" && c != "sku" && c != "name" && c != "category" {
					return ""
				}
				return rapid.SampledFrom([]string{"a", "b", "长", "S"}).Draw(t, label)
			}
			return cell(c, label)
		}
		var b strings.Builder
		var last []string
		for o := range rapid.IntRange(0, 8).Draw(t, "orders") {
			id := rapid.SampledFrom([]string{fmt.Sprintf("o%d", o), fmt.Sprintf("o%d", o), "o0", "", "'=o"}).Draw(t, "id")
			head := make([]string, colSKU-1)
			for i := range head {
				head[i] = draw(OrderLineColumns[i+1], OrderLineColumns[i+1])
			}
			for range rapid.IntRange(1, 4).Draw(t, "lines") {
				row := append([]string{id}, head...)
				for _, c := range OrderLineColumns[colSKU:] {
					row = append(row, draw(c, c))
				}
				switch rapid.IntRange(0, 12).Draw(t, "row") {
				case 4:
					if last != nil {
						row = last // a repeated row
					}
				case 1:
					i := rapid.IntRange(1, colSKU-1).Draw(t, "changed")
					row[i] += "x"
				case 2:
					row = row[:len(row)-1]
				case 3:
					row = append(row, "")
				}
				last = row
				for i, v := range row {
					if i > 0 {
						b.WriteByte(',')
					}
					if strings.ContainsAny(v, "\",") || rare("quote", 30) {
						v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
					}
					b.WriteString(v)
				}
				b.WriteString(rapid.SampledFrom([]string{"\n", "\n", "\n", "\n", "\r\n", "\n\n"}).Draw(t, "end"))
			}
		}
		data := b.String()
		if rapid.Bool().Draw(t, "cut") {
			data = data[:rapid.IntRange(0, len(data)).Draw(t, "at")]
		}
		return data
	}
}

// FuzzOrdersFast is TestOrdersFast on any input.
func FuzzOrdersFast(f *testing.F) {
	row := "o1,c1,2025-11-11T20:00:00+08:00,search,paid,CNY,10.00,6.00,0,SAVE10,2025-11-11T20:01:00+08:00,,,2025-11-14T20:00:00+08:00,SF,Zhejiang,A1,茶,drinks,2,59.90,0,30.00,\n"
	for _, s := range []string{
		header + row,
		header + row + strings.Replace(row, "A1,茶", "B2,Cup", 1),
		header + row + row + strings.Replace(row, "o1", "o2", 1) + row,
		header + row + strings.Replace(row, ",SF,", ",'=SF,", 1),
		header + strings.Replace(row, "\n", "\r\n", 1) + strings.Replace(row, "A1", "\"A\"\"1\"", 1),
		header + strings.Replace(row, "\n", "\r\r\n", 1) + strings.Replace(row, "o1", "o2", 1),
		ordersCSV,
	} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict bool) {
		readBothWays(t, data, strict)
	})
}

// TestFastTime: table.fastTime gives what table.timestamp gives for every
// time it reads, in the store's zone.
func TestFastTime(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"2025-11-11T20:00:00+08:00", "2025-11-11T20:00:00Z", "1001-01-01T00:00:00Z", "9998-12-31T23:59:59.999999999-23:59", "2024-02-29T12:00:00+05:45"} {
		tb := &table{opts: Options{Location: sh}}
		tb.rec = []string{s}
		want, err := tb.timestamp(0, false)
		if err != nil {
			t.Fatal(err)
		}
		got, off, ok := tb.fastTime(s, false)
		if !ok || !got.Equal(want) || got.Location() != want.Location() {
			t.Errorf("fastTime(%q) = %v, %v; timestamp %v", s, got, ok, want)
		}
		if _, w := want.In(time.FixedZone("", off)).Zone(); w != off {
			t.Errorf("fastTime(%q): offset %d", s, off)
		}
	}
	for _, s := range []string{"1000-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "2025-11-11T20:00:00", "2025-02-29T00:00:00Z"} {
		tb := &table{}
		if _, _, ok := tb.fastTime(s, false); ok {
			t.Errorf("fastTime(%q) reads it", s)
		}
	}
}

// TestOrdersFastCRCRLF: a line that ends in \r\r\n has a last cell that
// ends in \r (\r\n is the line end): both paths read it so, whether the
// fast path cut the line ahead or on its own (past the first 64 KB, which
// the reader takes at once to tell the encoding, a reader of one byte at
// a time gives the fast path no whole line ahead).
func TestOrdersFastCRCRLF(t *testing.T) {
	row := "o1,c1,2025-11-11T20:00:00+08:00,search,paid,CNY,10.00,6.00,0,SAVE10,2025-11-11T20:01:00+08:00,,,2025-11-14T20:00:00+08:00,SF,Zhejiang,A1,茶,drinks,2,59.90,0,30.00,P\r\r\n"
	var b strings.Builder
	b.WriteString(header)
	for i := 0; b.Len() < 70<<10; i++ {
		b.WriteString(strings.Replace(strings.Replace(row, "o1", fmt.Sprintf("a%d", i), 1), "P\r\r\n", "P\n", 1))
	}
	b.WriteString(row + strings.Replace(row, "o1", "o2", 1))
	for _, strict := range []bool{false, true} {
		readBothWays(t, b.String(), strict)
	}
}

// TestOrdersFastMemo reads by both paths (see readBothWays) files whose
// line cells, and whose order cells from the channel to the promotion,
// repeat from order to order, which the fast path takes from its memos
// (rowmemo.go): the same line cells in currencies with 2, 0 and 3 digits
// (9.90 is no amount of yen), the same order cells with a currency that
// changes back, and spans of both that share a memo's slot by turns
// (more distinct spans than slots).
func TestOrdersFastMemo(t *testing.T) {
	row := func(id, cur, status, disc, tail string) string {
		return id + ",c1,2025-11-11T20:00:00+08:00,ads," + status + "," + cur + "," + disc + ",0.00,0.00,,,,,,SF,Zhejiang," + tail + "\n"
	}
	tail := "S-1,长 名字,cat,1,9.90,0.00,5.00,"
	var b strings.Builder
	b.WriteString(header)
	for i, cur := range []string{"CNY", "JPY", "KWD", "CNY", "JPY", "CNY"} {
		b.WriteString(row(fmt.Sprintf("o%d", i), cur, "paid", "0.00", tail))
		b.WriteString(row(fmt.Sprintf("o%d", i), cur, "paid", "0.00", "S-2,n,cat,2,10,0.00,,"))
	}
	var many strings.Builder
	many.WriteString(header)
	for i := range 3 << tailBits {
		many.WriteString(row(fmt.Sprintf("o%d", i), "CNY", []string{"paid", "cancelled", ""}[i%3], fmt.Sprintf("%d.%02d", i%700, i%100),
			fmt.Sprintf("S-%d,n%d,cat,%d,9.90,0.00,5.00,", i%900, i%7, 1+i%4)))
	}
	for _, strict := range []bool{false, true} {
		readBothWays(t, b.String(), strict)
		readBothWays(t, many.String(), strict)
	}
}

// TestOrderHeadDiffers reads orders of two rows whose order cells differ
// in one column, each of the order columns in turn, in the writer's
// columns (whose first row the reader keeps as raw bytes) and with the
// columns reordered (kept cell by cell), by both paths, and checks that
// the error quotes the two values of that column.
func TestOrderHeadDiffers(t *testing.T) {
	first := map[string]string{"customer_id": "c1", "placed_at": "2025-11-11T20:00:00+08:00", "channel": "ads", "status": "paid",
		"currency": "CNY", "order_discount": "1.00", "shipping": "2.00", "tax": "0.50", "promotion": "P1", "paid_at": "2025-11-11T20:01:00+08:00",
		"shipped_at": "2025-11-12T08:00:00+08:00", "delivered_at": "2025-11-13T08:00:00+08:00", "promised_by": "2025-11-14T08:00:00+08:00",
		"carrier": "SF", "region": "Zhejiang", "sku": "S1", "name": "n", "category": "c", "quantity": "1", "unit_price": "9.90",
		"line_discount": "0.00", "unit_cost": "5.00", "line_promotion": ""}
	other := map[string]string{"customer_id": "c2", "placed_at": "2025-11-11T20:00:01+08:00", "channel": "search", "status": "cancelled",
		"currency": "USD", "order_discount": "1.10", "shipping": "2.10", "tax": "0.60", "promotion": "P2", "paid_at": "2025-11-11T20:02:00+08:00",
		"shipped_at": "2025-11-12T08:00:01+08:00", "delivered_at": "2025-11-13T08:00:01+08:00", "promised_by": "2025-11-14T08:00:01+08:00",
		"carrier": "JD", "region": "Hunan"}
	reordered := slices.Clone(OrderLineColumns)
	slices.Reverse(reordered)
	for _, cols := range [][]string{OrderLineColumns, reordered} {
		for _, c := range orderCols {
			row := func(v map[string]string, sku string) string {
				cells := make([]string, len(cols))
				for i, name := range cols {
					cells[i] = v[name]
					if w, ok := first[name]; ok && cells[i] == "" {
						cells[i] = w
					}
					switch name {
					case "order_id":
						cells[i] = "o1"
					case "sku":
						cells[i] = sku
					}
				}
				return strings.Join(cells, ",") + "\n"
			}
			data := strings.Join(cols, ",") + "\n" + row(first, "S1") + row(map[string]string{c: other[c]}, "S2")
			for _, exact := range []bool{false, true} {
				_, errs := Collect(ReadOrders(strings.NewReader(data), Options{exact: exact}))
				want := fmt.Sprintf("order o1: %q differs from %q on line 2", other[c], first[c])
				if len(errs) == 0 || !strings.Contains(errs[0].Error(), want) {
					t.Errorf("%s changed (columns %v, exact path %v): errors %v, want the first to say %s", c, cols[:2], exact, errs, want)
				}
			}
		}
	}
}

// TestOrdersFastGuards reads by both paths (see readBothWays) orders whose
// customer, channel, promotion, carrier or region has a writer's formula
// guard ('=…, which the exact path removes) or a quote that is no guard
// ('x, which it keeps), between orders without, so that the fast path
// meets each cell both before and after its memos and caches hold the
// cells around it. The fast path must leave every guarded cell to the
// exact path: the channel's and the promotion's are looked for only when
// the memo of order cells does not hold the span.
func TestOrdersFastGuards(t *testing.T) {
	cells := map[string]string{"customer_id": "c1", "placed_at": "2025-11-11T20:00:00+08:00", "channel": "ads", "status": "paid",
		"currency": "CNY", "order_discount": "0.00", "shipping": "0.00", "tax": "0.00", "promotion": "P1",
		"carrier": "SF", "region": "Zhejiang", "sku": "S-1", "name": "n", "category": "cat", "quantity": "1", "unit_price": "9.90",
		"line_discount": "0.00", "unit_cost": "5.00"}
	row := func(id string, col, v string) string {
		out := make([]string, len(OrderLineColumns))
		for i, name := range OrderLineColumns {
			out[i] = cells[name]
			if name == col {
				out[i] = v
			}
		}
		out[0] = id
		return strings.Join(out, ",") + "\n"
	}
	for _, col := range []string{"customer_id", "channel", "promotion", "carrier", "region"} {
		for _, v := range []string{"'=SUM(A1)", "'+1", "'x"} {
			var b strings.Builder
			b.WriteString(header)
			for i, c := range []string{"", col, "", col, ""} {
				cell := cells[c]
				if c != "" {
					cell = v
				}
				id := fmt.Sprintf("o%d", i)
				b.WriteString(row(id, c, cell))
				b.WriteString(strings.Replace(row(id, c, cell), ",S-1,", ",S-2,", 1)) // a second line of the order
			}
			for _, strict := range []bool{false, true} {
				readBothWays(t, b.String(), strict)
			}
		}
	}
}
