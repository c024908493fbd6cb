package storedata

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/cputime"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// orderReading is what Dir takes from its first reading of
// order_lines.csv, in a form go-cmp compares: the file's entry of
// Source.Files (errors as their messages, with their locations), the
// offsets seen (for the zone and its Warnings), the orders counted, the
// first and last placed (ID and instant), and what went to
// Options.Logger and Options.Progress.
type orderReading struct {
	Found       bool
	Err         string // scan's error: a FileError, or the first bad row in strict mode
	Stopped     string // the end of the file's reading (a failed read, the context)
	Files       []fileReading
	Offsets     string // the offsets struct, printed
	Orders      int64
	First, Last string // ID and instant in UTC, "" without orders
	Rows        int64  // the observer's
	Line        int
	Logged      string
	LastDone    int64 // the last Progress report's Done, -1 without any
}

// placedText prints an order's ID and time for an orderReading.
func placedText(id string, at time.Time) string {
	return id + "@" + at.UTC().Format(time.RFC3339Nano)
}

// fileReadings returns the entries of Source.Files in a form go-cmp
// compares, with each error's location.
func fileReadings(files []FileStats) []fileReading {
	var out []fileReading
	for _, f := range files {
		fr := fileReading{File: f.File, Rows: f.Rows, Rejected: f.Rejected, Reasons: f.Reasons, More: f.More}
		for _, e := range f.Errors {
			fr.Errors = append(fr.Errors, e.Error())
			if pe := (*ParseError)(nil); errors.As(e, &pe) {
				fr.Lines, fr.Cols, fr.NRows = append(fr.Lines, pe.Line), append(fr.Cols, pe.Column), append(fr.NRows, pe.Rows)
			}
		}
		out = append(out, fr)
	}
	return out
}

// readOrdersFirst runs a first reading of the order-lines file path
// through scan: the one before orderScan (ranging over ReadOrders'
// orders with Options.ReuseSlices, as DirContext did) when old, else
// orderScan's.
func readOrdersFirst(ctx context.Context, path string, opts Options, old bool, onLog func()) orderReading {
	s := &Source{ctx: ctx}
	offs := &offsets{loc: opts.Location}
	var logged bytes.Buffer
	opts.Logger = slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		if onLog != nil {
			onLog()
		}
		return logged.Write(p)
	}), &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	lastDone := int64(-1)
	opts.Progress = func(p report.Progress) { lastDone = p.Done }
	opts.File = fileOrders
	opts.obs = &observer{offsets: offs}
	var got orderReading
	var err error
	if old {
		// DirContext's reading before orderScan.
		var first, last Placed
		opts.ReuseSlices = true
		got.Found, err = scan(s, path, opts, ReadOrders, func(o metrics.Order) {
			got.Orders++
			if first.OrderID == "" || o.PlacedAt.Before(first.At) {
				first = Placed{o.ID, o.PlacedAt}
			}
			if last.OrderID == "" || o.PlacedAt.After(last.At) {
				last = Placed{o.ID, o.PlacedAt}
			}
		})
		if first.OrderID != "" {
			got.First, got.Last = placedText(first.OrderID, first.At), placedText(last.OrderID, last.At)
		}
	} else {
		ov := &orderScan{}
		got.Found, err = scan(s, path, opts, ov.read, func(struct{}) {})
		got.Orders = ov.orders
		if ov.orders > 0 {
			f, l := ov.placed(&ov.first, time.UTC), ov.placed(&ov.last, time.UTC)
			got.First, got.Last = placedText(f.OrderID, f.At), placedText(l.OrderID, l.At)
		}
	}
	got.Err, got.Stopped = errText(err), errText(s.stopped)
	got.Offsets = fmt.Sprintf("%+v", *offs)
	got.Rows, got.Line = opts.obs.rows, opts.obs.line
	got.Logged = logged.String()
	got.LastDone = lastDone
	got.Files = fileReadings(s.Files)
	return got
}

// orderFirstBothWays writes data as order_lines.csv in dir and compares
// the old first reading and orderScan's on it, each by the fast path
// and by the exact path alone (Options.exact), and returns orderScan's.
func orderFirstBothWays(t tester, dir, data string, opts Options) orderReading {
	t.Helper()
	path := filepath.Join(dir, fileOrders)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := readOrdersFirst(context.Background(), path, opts, true, nil)
	got := readOrdersFirst(context.Background(), path, opts, false, nil)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("first reading of %q: orderScan differs from ReadOrders (-want +got):\n%s", data, diff)
	}
	exact := opts
	exact.exact = true
	for _, old := range []bool{true, false} {
		if diff := cmp.Diff(want, readOrdersFirst(context.Background(), path, exact, old, nil)); diff != "" {
			t.Fatalf("first reading of %q: the exact path (old %v) differs from ReadOrders' fast path (-want +got):\n%s", data, old, diff)
		}
	}
	return got
}

// orderReaderBothWays compares ReadOrders and orderScan's reader on data
// read through chunks, which cuts the reads where it likes: the errors,
// the counts, the first and last orders, and the observer's rows, line
// and offsets.
func orderReaderBothWays(t tester, data string, opts Options, chunks func(io.Reader) io.Reader) {
	t.Helper()
	run := func(old bool) string {
		offs := &offsets{loc: opts.Location}
		o := opts
		o.File = fileOrders
		o.obs = &observer{offsets: offs}
		o.ReuseSlices = true
		var out strings.Builder
		r := chunks(strings.NewReader(data))
		ov := &orderScan{}
		if old {
			for order, err := range ReadOrders(r, o) {
				if err != nil {
					fmt.Fprintf(&out, "error %v\n", err)
					if o.Strict {
						break
					}
					continue
				}
				ov.add(order.ID, order.PlacedAt)
			}
		} else {
			for _, err := range ov.read(r, o) {
				fmt.Fprintf(&out, "error %v\n", err)
				if o.Strict {
					break
				}
			}
		}
		fmt.Fprintf(&out, "orders %d first %s last %s\n", ov.orders, placedText(string(ov.first.id), ov.first.at), placedText(string(ov.last.id), ov.last.at))
		fmt.Fprintf(&out, "rows %d line %d offsets %+v\n", o.obs.rows, o.obs.line, *offs)
		return out.String()
	}
	if diff := cmp.Diff(run(true), run(false)); diff != "" {
		t.Fatalf("reading %q: orderScan differs from ReadOrders (-want +got):\n%s", data, diff)
	}
}

// orderRow is a row of the order-lines file in the writer's columns
// (header), with the cells named in set (column, value, column, value
// …) replaced.
func orderRow(set ...string) string {
	cells := strings.Split("O1,C1,2025-11-11T20:00:00+08:00,ads,paid,CNY,0.00,6.00,0.00,,2025-11-11T20:05:00+08:00,,,2025-11-14T20:00:00+08:00,SF,Zhejiang,A1,洗面奶,beauty,2,97.90,0.00,37.88,", ",")
	for i := 0; i+1 < len(set); i += 2 {
		cells[colIndex(set[i])] = set[i+1]
	}
	return strings.Join(cells, ",") + "\n"
}

// colIndex returns the index of the column name in OrderLineColumns.
func colIndex(name string) int {
	for i, c := range OrderLineColumns {
		if c == name {
			return i
		}
	}
	panic("storedata test: no column " + name)
}

// TestOrderScan compares orderScan with the reading of ReadOrders'
// orders that it replaces, on files with every kind of row that either
// path rejects or reads the long way, and checks a few outcomes by hand.
func TestOrderScan(t *testing.T) {
	o1 := orderRow()
	o1b := orderRow("sku", "B2", "name", "Cup")
	o2 := orderRow("order_id", "O2", "placed_at", "2025-11-11T19:00:00+08:00", "paid_at", "")
	o3 := orderRow("order_id", "O3", "placed_at", "2025-11-12T08:00:00+08:00")
	cst := time.FixedZone("CST", 8*3600)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		name, data string
		opts       Options
		reason     string
		// What orderScan must give (checked besides the comparison).
		orders, rejected int64
		first, last      string // the IDs
	}{
		{name: "plain", data: header + o1 + o1b + o2 + o3,
			reason: "orders of one and two lines; the first placed is the second order", orders: 3, first: "O2", last: "O3"},
		{name: "same instant", data: header + o1 + strings.Replace(o1, "O1", "O4", 1) + strings.Replace(o1, "O1", "O5", 1),
			reason: "of orders at one instant, the one read first is first and last", orders: 3, first: "O1", last: "O1"},
		{name: "crlf", data: strings.ReplaceAll(header+o1+o1b+o2, "\n", "\r\n"),
			reason: "CRLF line ends are read as LF", orders: 2, first: "O2", last: "O1"},
		{name: "no newline at the end", data: header + o1 + strings.TrimSuffix(o2, "\n"),
			reason: "the last line without its newline", orders: 2, first: "O2", last: "O1"},
		{name: "empty lines", data: header + "\n\r\n" + o1 + "\n\n" + o2 + "\r\n",
			reason: "empty lines are no rows, and count as lines", orders: 2, first: "O2", last: "O1"},
		{name: "quoted cells", data: header + strings.Replace(o1, "O1", `"O1"`, 1) + strings.Replace(o1b, "Cup", `"C,u""p"`, 1) + o2,
			reason: "quotes and commas inside them: the exact path", orders: 2, first: "O2", last: "O1"},
		{name: "malformed", data: header + o1 + "O1,C1,2025\n" + o2 + `"O3,x` + "\n",
			reason: "too few fields rejects the order before it; an unclosed quote to the end rejects O2 too", orders: 0, rejected: 4},
		{name: "empty order id", data: header + o1 + strings.Replace(o1b, "O1", "", 1) + o2,
			reason: "a row without an order may be the order's before it: both rejected", orders: 1, rejected: 2, first: "O2", last: "O2"},
		{name: "repeated row", data: header + o1 + o1 + o2,
			reason: "a row repeating the one before is skipped, its order kept", orders: 2, rejected: 1, first: "O2", last: "O1"},
		{name: "apart", data: header + o1 + o2 + o1b + o3,
			reason: "an order whose rows are not together: the later rows are a rejected order", orders: 3, rejected: 1, first: "O2", last: "O3"},
		{name: "apart first", data: header + o2 + o1 + strings.Replace(o1b, "O1", "O2", 1) + strings.Replace(o1b, "O1", "O2", 1),
			reason: "a repeated ID on the fast path's first row, then a repeated row", orders: 2, rejected: 2, first: "O2", last: "O1"},
		{name: "head differs", data: header + o1 + strings.Replace(o1b, ",ads,", ",app,", 1) + o2,
			reason: "an order-level cell that differs on a later row rejects the order", orders: 1, rejected: 2, first: "O2", last: "O2"},
		{name: "bad cells", data: header + orderRow("order_id", "B1", "placed_at", "2025-11-11") + orderRow("order_id", "B2", "currency", "XXY") +
			orderRow("order_id", "B3", "unit_price", "1e3") + orderRow("order_id", "B4", "quantity", "x") + orderRow("order_id", "B5", "status", "void") +
			orderRow("order_id", "B6", "sku", "") + orderRow("order_id", "B7", "shipped_at", "2025-02-30T00:00:00Z") + o1,
			reason: "each bad cell rejects its order, with a located error", orders: 1, rejected: 7, first: "O1", last: "O1"},
		{name: "bad second line", data: header + o1 + strings.Replace(o1b, "97.90", "9x", 1) + o2,
			reason: "a bad line rejects its order whole", orders: 1, rejected: 2, first: "O2", last: "O2"},
		{name: "formula guards", data: header + strings.Replace(o1, "C1", "'=C1", 1) + orderRow("order_id", "O2", "carrier", "'SF") + orderRow("order_id", "'=O3") + orderRow("order_id", "O4", "sku", "'A"),
			reason: "a guarded cell goes the exact path", orders: 4, first: "O1", last: "O1"},
		{name: "invalid text", data: header + orderRow("name", "a\x01b") + orderRow("order_id", "O2", "region", "\xff") + orderRow("order_id", "O3", "channel", "广告") + orderRow("order_id", "O4", "line_promotion", "a\u0085") + o2,
			reason: "control characters, invalid UTF-8 and C1 are rejected, Chinese is not; O2 again is apart", orders: 1, rejected: 4, first: "O3", last: "O3"},
		{name: "mixed offsets", data: header + o1 + strings.Replace(o2, "+08:00", "Z", 1) + o3,
			reason: "offsets that differ: counted", orders: 3, first: "O1", last: "O3"},
		{name: "mixed offsets with a zone", data: header + o1 + strings.Replace(o2, "+08:00", "+01:00", -1) + strings.Replace(o3, "2025-11", "2025-07", -1),
			opts: Options{Location: london}, reason: "offsets that the zone given does not have at their instant", orders: 3, first: "O3", last: "O2"},
		{name: "fixed zone", data: header + o1 + strings.Replace(o2, "+08:00", "-03:30", -1),
			opts: Options{Location: cst}, reason: "a mismatch with a fixed zone", orders: 2, first: "O1", last: "O2"},
		{name: "years", data: header + orderRow("placed_at", "1500-01-01T00:00:00Z") + orderRow("order_id", "O2", "placed_at", "9998-12-31T23:00:00-02:00") + orderRow("order_id", "O3", "placed_at", "0999-01-01T00:00:00Z"),
			reason: "years far out, and one the readers reject", orders: 2, rejected: 1, first: "O1", last: "O2"},
		{name: "fractions", data: header + orderRow("placed_at", "2025-11-11T20:00:00.5+08:00") + orderRow("order_id", "O2", "placed_at", "2025-11-11T20:00:00.25+08:00"),
			reason: "fractions of a second order the orders", orders: 2, first: "O2", last: "O1"},
		{name: "other columns", data: "placed_at,order_id,sku,quantity,unit_price,currency\n2025-11-11T20:00:00Z,O1,A,1,1.00,CNY\n2025-11-11T19:00:00Z,O2,A,1,1.00,CNY\n",
			reason: "a file the fast path does not read", orders: 2, first: "O2", last: "O1"},
		{name: "gb18030", data: "order_id,placed_at,sku,name,quantity,unit_price,currency\nO1,2025-11-11T20:00:00Z,A,\xd3\xc3\xbb\xa7,1,1.00,CNY\n",
			reason: "a GB18030 file goes the exact path", orders: 1, first: "O1", last: "O1"},
		{name: "BOM", data: "\ufeff" + header + o1, reason: "a byte-order mark before the header", orders: 1, first: "O1", last: "O1"},
		{name: "header only", data: header, reason: "no rows"},
		{name: "no header", data: "", reason: "a FileError"},
		{name: "missing column", data: "order_id,sku\nO1,A\n", reason: "a FileError"},
		{name: "strict", data: header + o1 + strings.Replace(o2, "CNY", "", 1) + o3, opts: Options{Strict: true},
			reason: "the first bad row is scan's error", orders: 1, first: "O1", last: "O1"},
		{name: "strict, apart", data: header + o1 + o2 + o1b, opts: Options{Strict: true},
			reason: "the first bad row is scan's error", orders: 2, first: "O2", last: "O1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := orderFirstBothWays(t, t.TempDir(), tc.data, tc.opts)
			var rejected int64
			for _, f := range got.Files {
				rejected += f.Rejected
			}
			id := func(s string) string { return strings.Split(s, "@")[0] }
			if got.Orders != tc.orders || rejected != tc.rejected || id(got.First) != tc.first || id(got.Last) != tc.last {
				t.Errorf("%s: %d orders, %d rejected, first %s, last %s; want %d, %d, %s, %s (%+v)",
					tc.reason, got.Orders, rejected, got.First, got.Last, tc.orders, tc.rejected, tc.first, tc.last, got)
			}
			for _, chunks := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, iotest.DataErrReader} {
				orderReaderBothWays(t, tc.data, tc.opts, chunks)
			}
		})
	}
}

// TestOrderScanLarge compares the two readings on a file of several
// reads, whose lines the reads cut and whose buffer moves while the scan
// holds an order's ID as a view of it, with bad rows here and there,
// under a Progress function and a context cancelled halfway.
func TestOrderScanLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, time.FixedZone("", 8*3600))
	for i := range 12000 {
		at := start.Add(time.Duration(i) * time.Minute)
		if i == 9000 {
			at = at.Add(-time.Hour)
		}
		id := fmt.Sprintf("O%07d", i)
		if i == 11000 {
			id = "O0000005" // apart from its first rows
		}
		for j := range 1 + i%3 {
			row := orderRow("order_id", id, "customer_id", fmt.Sprintf("C%d", i%997), "placed_at", at.Format(time.RFC3339),
				"sku", fmt.Sprintf("SKU-%d", (i+j)%31), "quantity", fmt.Sprint(1+j))
			switch (i + j) % 1001 {
			case 7:
				row = strings.Replace(row, ",ads,", `,"a,ds",`, 1)
			case 8:
				row = strings.Replace(row, "\n", "\r\n", 1)
			case 9:
				row = strings.Replace(row, "97.90", "", 1)
			case 10:
				row = strings.Replace(row, ",ads", "", 1)
			case 11:
				row = strings.Replace(row, "+08:00", "Z", -1)
			}
			if i == 6000 || i == 6001 {
				// Longer than the buffer: the lines of two orders one
				// after the other in the records' own room.
				row = strings.Replace(row, "洗面奶", strings.Repeat("K", recordsBuffer+100), 1)
			}
			b.WriteString(row)
		}
	}
	data := b.String()
	if len(data) < 3*recordsBuffer {
		t.Fatalf("%d bytes: want several reads", len(data))
	}
	dir := t.TempDir()
	got := orderFirstBothWays(t, dir, data, Options{})
	if got.Orders < 11000 || got.LastDone != int64(len(data)) || got.Files[0].Rejected == 0 {
		t.Errorf("%+v", got)
	}
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	orderFirstBothWays(t, dir, data, Options{Location: sh})
	// Past the first 64 KB, a byte a read gives the fast path lines cut
	// on their own, not in the buffer (whose IDs the scan copies), and
	// reads of 1500 bytes lines cut ahead in a buffer that moves.
	for _, chunks := range []func(io.Reader) io.Reader{iotest.HalfReader, iotest.OneByteReader, func(r io.Reader) io.Reader { return r },
		func(r io.Reader) io.Reader { return sizedReader{r, 1500} }} {
		orderReaderBothWays(t, data, Options{Location: sh}, chunks)
	}

	// Cancelled on the first row rejected: both stop at the same read,
	// with the same error.
	path := filepath.Join(t.TempDir(), fileOrders)
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var read [2]orderReading
	for i, old := range []bool{true, false} {
		ctx, cancel := context.WithCancel(context.Background())
		read[i] = readOrdersFirst(ctx, path, Options{}, old, cancel)
		cancel()
	}
	if diff := cmp.Diff(read[0], read[1]); diff != "" || !strings.Contains(read[1].Stopped, "context canceled") {
		t.Errorf("cancelled halfway: %q (-old +new):\n%s", read[1].Stopped, diff)
	}
}

// TestOrderScanRapid compares the two readings on files drawn by
// drawOrderRows (good rows and bad, repeated, apart, with differing
// order-level cells, other numbers of cells, CRLF), in several zones,
// strict or not, and read in pieces of a byte too.
func TestOrderScanRapid(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		data := header + drawOrderRows(t)
		opts := Options{
			Strict:   rapid.Bool().Draw(t, "strict"),
			Location: rapid.SampledFrom([]*time.Location{nil, cst, time.UTC}).Draw(t, "loc"),
		}
		orderFirstBothWays(t, dir, data, opts)
		orderReaderBothWays(t, data, opts, iotest.OneByteReader)
	})
}

// FuzzOrderScan compares the two readings on any input.
func FuzzOrderScan(f *testing.F) {
	o1, o2 := orderRow(), orderRow("order_id", "O2", "placed_at", "2025-11-11T19:00:00Z")
	for _, s := range []string{
		header + o1 + orderRow("sku", "B") + o2,
		header + strings.Replace(o1, "\n", "\r\n", 1) + o2 + o1,
		header + o1 + o1 + strings.Replace(o2, "O2", `"O""2"`, 1),
		header + o1 + strings.Replace(o2, "CNY", "", 1) + orderRow("order_id", "O3", "carrier", "'=x"),
		"order_id,placed_at,sku,quantity,unit_price,currency\nO1,2025-11-11T20:00:00Z,A,1,1.00,CNY",
	} {
		f.Add(s, false, false)
	}
	f.Fuzz(func(t *testing.T, data string, strict, zone bool) {
		opts := Options{Strict: strict}
		if zone {
			opts.Location = time.FixedZone("", 3600)
		}
		orderFirstBothWays(t, t.TempDir(), data, opts)
		orderReaderBothWays(t, data, opts, iotest.OneByteReader)
	})
}

// BenchmarkOrderScan is the first reading of order_lines.csv,
// orderScan's and the one before, of a file in memory of 100,000
// sample-like orders of one to three lines in the store's zone given:
// CPU nanoseconds per row.
func BenchmarkOrderScan(b *testing.B) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Fatal(err)
	}
	var buf strings.Builder
	buf.WriteString(header)
	start := time.Date(2025, 11, 11, 0, 0, 0, 0, sh)
	const n = 100000
	rows := 0
	for i := range n {
		at := start.Add(time.Duration(i*37) * time.Second)
		for j := range 1 + i%3 {
			buf.WriteString(orderRow("order_id", fmt.Sprintf("O%08d", i), "customer_id", fmt.Sprintf("C%07d", i*7%99991),
				"placed_at", at.Format(time.RFC3339), "paid_at", at.Add(time.Minute).Format(time.RFC3339),
				"shipped_at", at.Add(5*time.Hour).Format(time.RFC3339), "delivered_at", at.Add(50*time.Hour).Format(time.RFC3339),
				"promised_by", at.Add(72*time.Hour).Format(time.RFC3339), "sku", fmt.Sprintf("SKU-%d", (i+j)%97), "quantity", fmt.Sprint(1+j)))
			rows++
		}
	}
	data := buf.String()
	for _, old := range []bool{true, false} {
		b.Run(map[bool]string{true: "old", false: "new"}[old], func(b *testing.B) {
			var orders int64
			c0 := cputime.Used()
			for b.Loop() {
				o := Options{File: fileOrders, obs: &observer{offsets: &offsets{loc: sh}}, ReuseSlices: true, Location: sh}
				ov := &orderScan{}
				if old {
					for order, err := range ReadOrders(strings.NewReader(data), o) {
						if err == nil {
							ov.add(order.ID, order.PlacedAt)
						}
					}
				} else {
					for range ov.read(strings.NewReader(data), o) {
					}
				}
				orders = ov.orders
			}
			if orders != n {
				b.Fatalf("%d orders, want %d", orders, n)
			}
			b.ReportMetric(float64((cputime.Used()-c0).Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
		})
	}
}
