package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/cohort"
	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// store is a generated store: the two CSV files' rows, kept as the
// library's row types built apart from the loader, so that the batch paths
// the peer uses are checked against the row paths of the old peer
// (metrics.Summarize, cohort.Ledger.AddAll, funnel.Counter.Add).
type store struct {
	events    []funnel.Event
	orders    []metrics.Order
	evCSV     strings.Builder
	ordCSV    strings.Builder
	customers map[string]bool
	subCent   bool // an amount has more decimals than its currency
}

// tb is what the helpers need of a *testing.T or a *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
}

// load writes the store's files into dir and loads them.
func (s *store) load(t tb, dir string) *data {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "events.csv"), []byte(evHeader+"\n"+s.evCSV.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "orders.csv"), []byte(ordHeader+"\n"+s.ordCSV.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (s *store) event(user string, ts int64, name, src, dev string) {
	fmt.Fprintf(&s.evCSV, "%s,%d,%s,%s,%s\n", user, ts, name, src, dev)
	s.events = append(s.events, funnel.Event{UserID: user, Time: time.Unix(ts, 0).UTC(), Name: name,
		Props: []funnel.Prop{{Key: funnel.PropSource, Value: src}, {Key: funnel.PropDevice, Value: dev}}})
}

func (s *store) order(t tb, id, cust string, ts int64, ch, gross, disc, cogs, cur string) {
	fmt.Fprintf(&s.ordCSV, "%s,%s,%d,%s,%s,%s,%s,%s\n", id, cust, ts, ch, gross, disc, cogs, cur)
	c := money.MustCurrency(cur)
	for _, v := range []string{gross, disc, cogs} {
		if i := strings.IndexByte(v, '.'); i >= 0 && len(v)-i-1 > c.Digits() {
			s.subCent = true
		}
	}
	m := func(v string) money.Money {
		x, err := c.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	s.orders = append(s.orders, metrics.Order{ID: id, CustomerID: cust, PlacedAt: time.Unix(ts, 0).UTC(), Channel: ch,
		Status: metrics.Paid, Currency: c, Discount: m(disc), Lines: []metrics.Line{{Quantity: 1, UnitPrice: m(gross), UnitCost: m(cogs)}}})
	if s.customers == nil {
		s.customers = map[string]bool{}
	}
	s.customers[cust] = true
}

// The reference answers: the old peer's row paths.

func refTotals(t tb, s *store) string {
	ss, err := metrics.Summarize(metrics.Period{}, slices.Values(s.orders), nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(totalsHeader)
	for _, x := range ss {
		totalsRow(&b, x.Currency, x.Orders, x.GrossSales, x.Discounts, x.COGS, x.NetSales, x.GrossProfit, x.GrossMargin)
	}
	return b.String()
}

func refCohorts(t tb, s *store, d *data) string {
	var curs []money.Currency
	for _, o := range s.orders {
		if !slices.Contains(curs, o.Currency) {
			curs = append(curs, o.Currency)
		}
	}
	var ms []*cohort.Matrix
	sum := 0
	for _, c := range curs {
		var l cohort.Ledger
		var os []metrics.Order
		for _, o := range s.orders {
			if o.Currency == c {
				os = append(os, o)
			}
		}
		if err := l.AddAll(os); err != nil {
			t.Fatal(err)
		}
		sum += l.Customers()
		m, err := l.Retention(cohort.RetentionConfig{Grain: metrics.Month})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return cohortTable(d, ms, sum)
}

func refFunnel(t tb, s *store, firstOnly bool) string {
	c, err := funnel.NewCounter(funnel.Config{Steps: steps, Window: 7 * 24 * time.Hour, FirstEntryOnly: firstOnly})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.events {
		if err := c.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	b.WriteString("step,event,users\n")
	for i, x := range c.Result().Steps {
		fmt.Fprintf(&b, "%d,%s,%d\n", i+1, x.Name, x.Reached)
	}
	return b.String()
}

// A small store whose answers are worked out by hand: the lines the SQL
// peers print for it.
func TestQueriesByHand(t *testing.T) {
	var s store
	const jan, feb, mar = 1672531200, 1675209600, 1677628800 // 2023-01-01, 02-01, 03-01 UTC
	s.order(t, "1", "a", jan+10, "web", "10.00", "1.00", "4.00", "USD")
	s.order(t, "2", "b", jan+20, "pos", "20.50", "0.00", "5.25", "USD")
	s.order(t, "3", "a", feb+30, "web", "5.00", "0.50", "2.00", "USD")
	s.order(t, "4", "c", feb+40, "web", "7.00", "0.00", "3.00", "USD")
	s.order(t, "5", "a", mar+50, "app", "1.005", "0.00", "0.50", "USD") // sub-cent: the exact path
	day := int64(86400)
	s.event("u1", jan, "view", "ads", "mobile")
	s.event("u2", jan, "view", "organic_search", "desktop")
	s.event("u1", jan+1, "cart", "ads", "mobile")
	s.event("u2", jan+day, "view", "organic_search", "desktop")
	s.event("u1", jan+2, "checkout", "ads", "mobile")
	s.event("u2", jan+2*day, "cart", "organic_search", "desktop")
	s.event("u1", jan+7*day, "purchase", "ads", "mobile")             // at exactly the window's end
	s.event("u2", jan+8*day, "checkout", "organic_search", "desktop") // within 7 days of u2's second view only
	d := s.load(t, t.TempDir())
	want := map[string]string{
		"a_totals": totalsHeader + "USD,5,43.505,1.50,14.75,42.005,27.255,0.648851\n",
		"b_cohorts": "cohort,months_since,customers,cohort_size,retention\n" +
			"2023-01,0,2,2,1.0000\n2023-01,1,1,2,0.5000\n2023-01,2,1,2,0.5000\n" +
			"2023-02,0,1,1,1.0000\n",
		"c_funnel":       "step,event,users\n1,view,2\n2,cart,2\n3,checkout,1\n4,purchase,1\n",
		"d_windowfunnel": "step,event,users\n1,view,2\n2,cart,2\n3,checkout,2\n4,purchase,1\n",
	}
	got := map[string]string{
		"a_totals":       totalsSummarize(d),
		"b_cohorts":      cohorts(d),
		"c_funnel":       funnelQuery(d, true),
		"d_windowfunnel": funnelQuery(d, false),
	}
	if diff := gocmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
	if got := totalsSum(d); got != want["a_totals"] {
		t.Errorf("a_totals_sum:\n%s\nwant\n%s", got, want["a_totals"])
	}
	if got := cohortsLedger(d); got != want["b_cohorts"] {
		t.Errorf("b_cohorts_ledger:\n%s\nwant\n%s", got, want["b_cohorts"])
	}
	if d.users() != 2 || d.customers() != 3 {
		t.Errorf("%d users, %d customers; want 2, 3", d.users(), d.customers())
	}
}

// On any store, every query's batch path answers what the old peer's row
// path answers: the loader fills the columns as the rows say, and the
// batch entry points agree with the row ones. Customers are kept to one
// currency, as b_cohorts needs.
func TestBatchPathsAgreeWithRows(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(rt *rapid.T) {
		var s store
		curs := []string{"USD", "EUR", "JPY"}
		ncur := rapid.IntRange(1, 3).Draw(rt, "currencies")
		users := rapid.IntRange(1, 8).Draw(rt, "users")
		ts := int64(1672531200)
		names := []string{"view", "cart", "checkout", "purchase", "search"}
		for i := range rapid.IntRange(0, 60).Draw(rt, "events") {
			ts += rapid.Int64Range(0, 4*86400).Draw(rt, fmt.Sprintf("gap%d", i))
			u := rapid.IntRange(0, users-1).Draw(rt, fmt.Sprintf("user%d", i))
			s.event(fmt.Sprint("u", u), ts, rapid.SampledFrom(names).Draw(rt, fmt.Sprintf("name%d", i)), "ads", "mobile")
		}
		amount := func(cur, label string) string {
			v := rapid.Int64Range(0, 100000).Draw(rt, label)
			switch {
			case cur == "JPY":
				return fmt.Sprint(v)
			case rapid.IntRange(0, 9).Draw(rt, label+"exact") == 0:
				return fmt.Sprintf("%d.%03d", v/1000, v%1000) // sub-cent
			}
			return fmt.Sprintf("%d.%02d", v/100, v%100)
		}
		norders := rapid.IntRange(1, 40).Draw(rt, "orders")
		for i := range norders {
			c := rapid.IntRange(0, 5).Draw(rt, fmt.Sprintf("cust%d", i))
			cur := curs[c%ncur] // a customer keeps one currency
			at := int64(1672531200) + rapid.Int64Range(0, 400*86400).Draw(rt, fmt.Sprintf("at%d", i))
			gross := amount(cur, fmt.Sprintf("gross%d", i))
			disc := "0"
			if cur != "JPY" {
				disc = "0.00"
			}
			if g, _ := money.MustCurrency(cur).Parse(gross); !g.IsZero() && rapid.Bool().Draw(rt, fmt.Sprintf("disc%d", i)) {
				disc = gross // the largest discount allowed
			}
			s.order(rt, fmt.Sprint(i), fmt.Sprint("c", c), at, "web", gross, disc, amount(cur, fmt.Sprintf("cogs%d", i)), cur)
		}
		d := s.load(rt, dir)
		sum := refTotals(rt, &s)
		if s.subCent {
			// money.Sub keeps the exponent of exact amounts: 0.001 −
			// 0.001 prints 0.000 where a Summary prints 0.00, so the
			// Sum path agrees in value but not in text.
			sum = totalsSum(d)
		}
		for _, c := range []struct{ name, got, want string }{
			{"a_totals", totalsSummarize(d), refTotals(rt, &s)},
			{"a_totals_sum", totalsSum(d), sum},
			{"b_cohorts", cohorts(d), refCohorts(rt, &s, d)},
			{"b_cohorts_ledger", cohortsLedger(d), refCohorts(rt, &s, d)},
			{"c_funnel", funnelQuery(d, true), refFunnel(rt, &s, true)},
			{"d_windowfunnel", funnelQuery(d, false), refFunnel(rt, &s, false)},
		} {
			if c.got != c.want {
				rt.Fatalf("%s:\n%s\nwant (row path)\n%s", c.name, c.got, c.want)
			}
		}
		if d.customers() != len(s.customers) {
			rt.Fatalf("%d customers, want %d", d.customers(), len(s.customers))
		}
	})
}

// A file that is not the harness's is an error naming it, not a panic or
// a silently wrong batch.
func TestLoadErrors(t *testing.T) {
	for _, c := range []struct{ name, events, orders, want string }{
		{"events header", "user,ts\n", ordHeader + "\n", "events.csv: header"},
		{"orders header", evHeader + "\n", "order_id\n", "orders.csv: header"},
		{"bad time", evHeader + "\nu1,soon,view,a,b\n", ordHeader + "\n", "events.csv: bad row"},
		{"time past int64 ns", evHeader + "\nu1,9300000000000000000,view,a,b\n", ordHeader + "\n", "events.csv: bad row"},
		{"no name", evHeader + "\nu1,1,,a,b\n", ordHeader + "\n", "events.csv: bad row"},
		{"bad currency", evHeader + "\n", ordHeader + "\n1,c,1,web,1.00,0.00,1.00,XXX\n", "orders.csv: row"},
		{"bad amount", evHeader + "\n", ordHeader + "\n1,c,1,web,1.0x,0.00,1.00,USD\n", "orders.csv: bad gross"},
		{"no order ID", evHeader + "\n", ordHeader + "\n,c,1,web,1.00,0.00,1.00,USD\n", "orders.csv: bad row"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "events.csv"), []byte(c.events), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "orders.csv"), []byte(c.orders), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := load(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("load: %v; want an error containing %q", err, c.want)
			}
		})
	}
}

// TestScanLines reads files of up to three buffers whose lines straddle
// the buffer's ends, with CRLF line ends, with and without a final line
// end, and checks every line, in order, against strings.Split; and that
// the row estimate is made once and is near the truth.
func TestScanLines(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		const header = "a,b"
		n := rapid.IntRange(0, 3*bufSize/40).Draw(t, "lines")
		crlf := rapid.Bool().Draw(t, "crlf")
		final := rapid.Bool().Draw(t, "final line end")
		end := "\n"
		if crlf {
			end = "\r\n"
		}
		var want []string
		var b strings.Builder
		b.WriteString(header + end)
		for i := range n {
			l := strings.Repeat("x", rapid.IntRange(0, 60).Draw(t, "len")) + fmt.Sprint(i)
			want = append(want, l)
			b.WriteString(l)
			if i < n-1 || final {
				b.WriteString(end)
			}
		}
		path := filepath.Join(os.TempDir(), fmt.Sprintf("scanlines-%d.csv", os.Getpid()))
		defer os.Remove(path)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		var got []string
		sized, estimate := 0, 0
		rows, err := scanLines(path, header, func(r int) { sized++; estimate = r }, func(l []byte) error {
			got = append(got, string(l))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if rows != n {
			t.Errorf("rows = %d, want %d", rows, n)
		}
		if diff := gocmp.Diff(want, got); diff != "" {
			t.Fatalf("lines (-want +got):\n%s", diff)
		}
		if sized > 1 {
			t.Errorf("size called %d times", sized)
		}
		if n >= 1000 && (estimate < n*9/10 || estimate > n*12/10+64) {
			t.Errorf("estimate %d rows for %d", estimate, n)
		}
	})
}

// TestScanLinesErrors: a wrong header and a line longer than the buffer
// are errors that name the file.
func TestScanLinesErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, body, want string }{
		{"header", "x,y\n1,2\n", `header is not "a,b"`},
		{"long", "a,b\n" + strings.Repeat("z", bufSize+1) + "\n", "line 2 longer than"},
	} {
		path := filepath.Join(dir, c.name+".csv")
		if err := os.WriteFile(path, []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := scanLines(path, "a,b", func(int) {}, func([]byte) error { return nil })
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s and saying %q", c.name, err, path, c.want)
		}
	}
}
