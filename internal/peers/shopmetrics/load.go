package main

// The CSV loaders. internal/csvio reads its own schema, not the peers'
// files, and this file is also built outside the module (compare.sh copies
// it into the harness's own peer module), so it uses the public API only:
// a hand-written byte parser fills the columns of the library's batches
// directly — funnel.Events for events.csv, metrics.Orders for orders.csv —
// as a reader of the library does. Strings become numbers of a
// metrics.Dict (user, customer, event, channel, property values) or rows of
// a metrics.Strings (order IDs); nothing points into the file buffer.
// Each file is read through a buffer of 1 MiB (scanLines), never whole, so
// that the load's peak memory is the batches' (reading the 400 MB events
// file whole took the peer's peak RSS past DuckDB's). The two files are
// read at once, each in its own goroutine (a Dict is not safe for
// concurrent use, so a file is not split further).

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// data is what the queries start from: the two batches as loaded.
type data struct {
	events  *funnel.Events
	orders  *metrics.Orders
	evSecs  float64 // wall time of loading events.csv
	ordSecs float64 // wall time of loading orders.csv
}

// users is the number of distinct users in the events.
func (d *data) users() int { return d.events.UserIDs.Len() }

// customers is the number of distinct customers in the orders.
func (d *data) customers() int { return d.orders.CustomerIDs.Len() }

// load reads events.csv and orders.csv of dir, both files at once.
func load(dir string) (*data, error) {
	d := &data{}
	var wg sync.WaitGroup
	var evErr, ordErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		t := time.Now()
		d.events, evErr = loadEvents(dir + "/events.csv")
		d.evSecs = time.Since(t).Seconds()
	}()
	go func() {
		defer wg.Done()
		t := time.Now()
		d.orders, ordErr = loadOrders(dir + "/orders.csv")
		d.ordSecs = time.Since(t).Seconds()
	}()
	wg.Wait()
	if evErr != nil {
		return nil, evErr
	}
	if ordErr != nil {
		return nil, ordErr
	}
	return d, nil
}

// scanLines reads a CSV file through a buffer of bufSize bytes, never
// holding it whole: it checks the header, calls size once with an estimate
// of the number of data rows (the file's size over the mean length of the
// lines in the first buffer), so that the columns are sized once, then row
// for each data row without its line end, in order. The line given to row
// is valid only until row returns. It returns the number of rows.
func scanLines(path, header string, size func(rows int), row func(l []byte) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	buf := make([]byte, bufSize)
	n, err := io.ReadFull(f, buf)
	eof := err == io.EOF || err == io.ErrUnexpectedEOF
	if err != nil && !eof {
		return 0, err
	}
	i := bytes.IndexByte(buf[:n], '\n')
	if i < 0 && !eof {
		return 0, fmt.Errorf("%s: header line longer than %d bytes", path, bufSize)
	}
	if i < 0 {
		i = n
	}
	if string(bytes.TrimRight(buf[:i], "\r")) != header {
		return 0, fmt.Errorf("%s: header is not %q", path, header)
	}
	start := min(i+1, n)
	if lines := bytes.Count(buf[start:n], []byte{'\n'}); lines > 0 {
		size(int(int64(lines)*(st.Size()-int64(i+1))/int64(n-start)*101/100) + 64)
	}
	rows := 0
	for {
		chunk := buf[start:n]
		for {
			j := bytes.IndexByte(chunk, '\n')
			if j < 0 {
				break
			}
			if err := row(bytes.TrimSuffix(chunk[:j], []byte{'\r'})); err != nil {
				return rows, err
			}
			rows++
			chunk = chunk[j+1:]
		}
		if eof {
			if len(chunk) > 0 { // the last line, without a line end
				if err := row(bytes.TrimSuffix(chunk, []byte{'\r'})); err != nil {
					return rows, err
				}
				rows++
			}
			return rows, nil
		}
		// Move the unfinished line to the front and fill the rest.
		k := copy(buf, chunk)
		if k == len(buf) {
			return rows, fmt.Errorf("%s: line %d longer than %d bytes", path, rows+2, bufSize)
		}
		m, err := io.ReadFull(f, buf[k:])
		eof = err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return rows, err
		}
		start, n = 0, k+m
	}
}

// bufSize is the buffer of scanLines: 1 MiB, so that the peak memory of
// the load is the batches', not the files'.
const bufSize = 1 << 20

// field cuts the next comma-separated field of line.
func field(line []byte) (f, rest []byte) {
	if i := bytes.IndexByte(line, ','); i >= 0 {
		return line[:i], line[i+1:]
	}
	return line, nil
}

// parseUint parses plain decimal digits; strconv would need a string.
func parseUint(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// parseInt parses an optionally negative decimal integer.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	n, ok := parseUint(b)
	if !ok || n > 1<<63-1 {
		return 0, false
	}
	if neg {
		return -int64(n), true
	}
	return int64(n), true
}

// unixNanos converts the files' Unix seconds to a batch's Unix
// nanoseconds, refusing what a batch cannot hold (as Events.Append and
// Orders.Append would) rather than letting it wrap.
func unixNanos(s int64) (int64, bool) {
	const lim = math.MaxInt64 / int64(time.Second)
	if s < -lim || s > lim {
		return 0, false
	}
	return s * int64(time.Second), true
}

const evHeader = "user_id,ts_unix,event,source,device"

// loadEvents reads events.csv into a batch: user, time and name of each
// event, and its source and device as the properties funnel.PropSource and
// funnel.PropDevice.
func loadEvents(path string) (*funnel.Events, error) {
	b := &funnel.Events{}
	b.Init()
	size := func(rows int) {
		b.User = make([]int32, 0, rows)
		b.Time = make([]int64, 0, rows)
		b.Name = make([]int32, 0, rows)
		b.PropStart = append(make([]int32, 0, rows+1), b.PropStart...)
		b.PropKey = make([]int32, 0, 2*rows)
		b.PropValue = make([]int32, 0, 2*rows)
		// Room for a user per 8 events (the harness's files have one
		// per 6.6) spares most of the rehashing as the dictionary fills;
		// more users only cost the rehashes Grow did not spare.
		b.UserIDs.Grow(rows / 8)
	}
	src, dev := b.PropKeys.Index(funnel.PropSource), b.PropKeys.Index(funnel.PropDevice)
	_, err := scanLines(path, evHeader, size, func(l []byte) error {
		uid, r := field(l)
		tsB, r := field(r)
		name, r := field(r)
		srcB, devB := field(r)
		ts, ok := parseInt(tsB)
		if ok {
			ts, ok = unixNanos(ts)
		}
		if !ok || len(uid) == 0 || len(name) == 0 {
			return fmt.Errorf("%s: bad row %q", path, l)
		}
		b.User = append(b.User, b.UserIDs.IndexBytes(uid))
		b.Time = append(b.Time, ts)
		b.Name = append(b.Name, b.Names.IndexBytes(name))
		b.PropKey = append(b.PropKey, src, dev)
		b.PropValue = append(b.PropValue, b.PropValues.IndexBytes(srcB), b.PropValues.IndexBytes(devB))
		b.PropStart = append(b.PropStart, int32(len(b.PropKey)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

const ordHeader = "order_id,customer_id,ts_unix,channel,gross,discount,cogs,currency"

// minor parses a plain decimal amount of cur into its minor units, on the
// fast path ("12.30" for a two-digit currency); ok is false for anything
// else, which money's parser then takes.
func minor(b []byte, cur money.Currency) (units int64, ok bool) {
	d := cur.Digits()
	if d == 0 {
		n, ok := parseUint(b)
		return int64(n), ok && n < 1<<62
	}
	if len(b) <= d+1 || b[len(b)-d-1] != '.' {
		return 0, false
	}
	ip, ok1 := parseUint(b[:len(b)-d-1])
	fp, ok2 := parseUint(b[len(b)-d:])
	if !ok1 || !ok2 || ip >= 1<<50 {
		return 0, false
	}
	for range d {
		ip *= 10
	}
	return int64(ip + fp), true
}

// appendAmount adds amount text b of cur to column a: whole minor units
// when minor parses it, exactly (money's parser) otherwise.
func appendAmount(a *metrics.Amounts, b []byte, cur money.Currency) error {
	if v, ok := minor(b, cur); ok {
		a.AppendMinor(v)
		return nil
	}
	m, err := cur.Parse(string(b))
	if err != nil {
		return err
	}
	a.AppendExact(m, cur)
	return nil
}

// loadOrders reads orders.csv into a batch of paid orders of one line each
// (quantity 1, unit price = gross, unit cost = cogs; the order's discount
// is the order-level discount), placed at ts_unix, without SKU, promotion,
// carrier or region.
func loadOrders(path string) (*metrics.Orders, error) {
	b := &metrics.Orders{}
	b.Init()
	size := func(rows int) {
		orderCols := []*[]int32{&b.Customer, &b.Channel, &b.Promotion, &b.Carrier, &b.Region, &b.SKU, &b.Name, &b.Category, &b.LinePromotion}
		for _, c := range orderCols {
			*c = make([]int32, 0, rows)
		}
		for _, c := range []*[]int64{&b.Placed, &b.Paid, &b.Shipped, &b.Delivered, &b.PromisedBy, &b.Quantity} {
			*c = make([]int64, 0, rows)
		}
		for _, a := range []*metrics.Amounts{&b.Discount, &b.Shipping, &b.Tax, &b.UnitPrice, &b.LineDiscount, &b.UnitCost} {
			a.Minor = make([]int64, 0, rows)
		}
		b.Status = make([]metrics.OrderStatus, 0, rows)
		b.Currency = make([]uint8, 0, rows)
		b.LineStart = append(make([]int32, 0, rows+1), b.LineStart...)
		// Room for a customer per 2 orders (the harness's files have
		// one per 1.5), as for the users of loadEvents.
		b.CustomerIDs.Grow(rows / 2)
	}
	curs := map[string]uint8{} // currency codes of the file, by text
	_, err := scanLines(path, ordHeader, size, func(l []byte) error {
		id, r := field(l)
		cust, r := field(r)
		tsB, r := field(r)
		ch, r := field(r)
		gB, r := field(r)
		dB, r := field(r)
		cB, r := field(r)
		curB, _ := field(r)
		ts, ok := parseInt(tsB)
		if ok {
			ts, ok = unixNanos(ts)
		}
		if !ok || len(id) == 0 {
			return fmt.Errorf("%s: bad row %q", path, l)
		}
		ci, ok := curs[string(curB)]
		if !ok {
			c, err := money.ParseCurrency(string(curB))
			if err != nil {
				return fmt.Errorf("%s: row %q: %v", path, l, err)
			}
			if len(b.Currencies) == 256 {
				return fmt.Errorf("%s: more than 256 currencies", path)
			}
			ci = b.CurrencyCode(c)
			curs[string(curB)] = ci
		}
		cur := b.Currencies[ci]
		if err := appendAmount(&b.UnitPrice, gB, cur); err != nil {
			return fmt.Errorf("%s: bad gross in %q: %v", path, l, err)
		}
		if err := appendAmount(&b.Discount, dB, cur); err != nil {
			return fmt.Errorf("%s: bad discount in %q: %v", path, l, err)
		}
		if err := appendAmount(&b.UnitCost, cB, cur); err != nil {
			return fmt.Errorf("%s: bad cogs in %q: %v", path, l, err)
		}
		b.IDs.AppendBytes(id)
		b.Customer = append(b.Customer, b.CustomerIDs.IndexBytes(cust))
		b.Placed = append(b.Placed, ts)
		b.Paid = append(b.Paid, metrics.NoTime)
		b.Shipped = append(b.Shipped, metrics.NoTime)
		b.Delivered = append(b.Delivered, metrics.NoTime)
		b.PromisedBy = append(b.PromisedBy, metrics.NoTime)
		b.Channel = append(b.Channel, b.Channels.IndexBytes(ch))
		b.Status = append(b.Status, metrics.Paid)
		b.Currency = append(b.Currency, ci)
		b.Shipping.AppendMinor(0)
		b.Tax.AppendMinor(0)
		b.Promotion = append(b.Promotion, -1)
		b.Carrier = append(b.Carrier, -1)
		b.Region = append(b.Region, -1)
		// its one line
		b.SKU = append(b.SKU, -1)
		b.Name = append(b.Name, -1)
		b.Category = append(b.Category, -1)
		b.Quantity = append(b.Quantity, 1)
		b.LineDiscount.AppendMinor(0)
		b.LinePromotion = append(b.LinePromotion, -1)
		b.LineStart = append(b.LineStart, int32(len(b.SKU)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := b.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}
