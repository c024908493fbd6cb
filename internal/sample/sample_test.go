package sample

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// The default demo is generated once and shared by the tests, which only
// read it.
var (
	defaultOnce  sync.Once
	defaultStore *Store
)

func demo(t testing.TB) *Store {
	t.Helper()
	defaultOnce.Do(func() { defaultStore = Generate(Config{}) })
	return defaultStore
}

// dump writes a canonical text form of every record of s.
func dump(w io.Writer, s *Store) {
	for _, p := range s.Catalogue {
		fmt.Fprintf(w, "%+v\n", p)
	}
	for _, c := range s.Customers {
		fmt.Fprintf(w, "%+v\n", c)
	}
	for _, x := range s.Orders {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Refunds {
		fmt.Fprintf(w, "%+v\n", x)
	}
	var b []byte
	for _, e := range s.Events { // the bulk of the store: written by hand, fast
		b = append(b[:0], e.UserID...)
		b = append(b, ' ')
		b = e.Time.AppendFormat(b, time.RFC3339)
		b = append(b, ' ')
		b = append(b, e.Name...)
		for _, p := range e.Props {
			b = append(b, ' ')
			b = append(b, p.Key...)
			b = append(b, '=')
			b = append(b, p.Value...)
		}
		b = append(b, '\n')
		w.Write(b)
	}
	for _, x := range s.Spend {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Promotions {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Tickets {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Receipts {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Adjustments {
		fmt.Fprintf(w, "%+v\n", x)
	}
	for _, x := range s.Snapshots {
		b = append(b[:0], x.SKU...)
		b = append(b, ' ')
		b = x.Day.AppendFormat(b, time.DateOnly)
		b = append(b, ' ')
		b = strconv.AppendInt(b, x.OnHand, 10)
		b = append(b, ' ')
		b = append(b, x.UnitCost.String()...)
		b = append(b, '\n')
		w.Write(b)
	}
	for _, x := range s.Targets {
		fmt.Fprintf(w, "%+v\n", x)
	}
	fmt.Fprintf(w, "%+v\n", s.Truth)
}

func digest(s *Store) string {
	var h hash.Hash = sha256.New()
	dump(h, s)
	return hex.EncodeToString(h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	small := Config{Seed: 7, Customers: 400, Days: 120}
	a, b := digest(Generate(small)), digest(Generate(small))
	if a != b {
		t.Errorf("two runs of %+v differ: %s and %s", small, a, b)
	}
	if c := digest(Generate(Config{Seed: 8, Customers: 400, Days: 120})); c == a {
		t.Errorf("seeds 7 and 8 give the same store %s", c)
	}
	if testing.Short() {
		return
	}
	if d1, d2 := digest(demo(t)), digest(Generate(Config{})); d1 != d2 {
		t.Errorf("two runs of the default demo differ: %s and %s", d1, d2)
	}
}

// TestStreamsMatchStore checks that the streaming variants give exactly
// the records of Generate: turning events and tickets off must not change
// the orders, since each kind of draw has its own random stream.
func TestStreamsMatchStore(t *testing.T) {
	cfg := Config{Seed: 3, Customers: 300, Days: 60}
	s := Generate(cfg)
	orders := slices.Collect(Orders(cfg))
	if diff := cmp.Diff(fmt.Sprintf("%+v", s.Orders), fmt.Sprintf("%+v", orders)); diff != "" {
		t.Errorf("Orders differs from Generate (-want +got):\n%s", diff)
	}
	events := slices.Collect(Events(cfg))
	if diff := cmp.Diff(fmt.Sprintf("%+v", s.Events), fmt.Sprintf("%+v", events)); diff != "" {
		t.Errorf("Events differs from Generate (-want +got):\n%s", diff)
	}
	n := 0
	for d := range Days(cfg) {
		n += len(d.Refunds)
	}
	if n != len(s.Refunds) {
		t.Errorf("Days gave %d refunds, Generate %d", n, len(s.Refunds))
	}
}

func TestConfigDefaults(t *testing.T) {
	s := demo(t)
	if got, want := s.Period.Label(), "2024-01-01..2025-12-31"; got != want {
		t.Errorf("period %s, want %s", got, want)
	}
	if got, want := s.Period.Location().String(), "Asia/Shanghai"; got != want {
		t.Errorf("location %s, want %s", got, want)
	}
	if got, want := len(s.Customers), DefaultCustomers; got != want {
		t.Errorf("%d customers, want %d", got, want)
	}
	if got, want := len(s.Catalogue), DefaultSKUs; got != want {
		t.Errorf("%d SKUs, want %d", got, want)
	}
	if got := len(Generate(Config{SKUs: 3, Customers: 10, Days: 5}).Catalogue); got != minSKUs {
		t.Errorf("SKUs: 3 gave %d SKUs, want the minimum %d", got, minSKUs)
	}
	if got, want := len(s.Promotions), 6; got != want { // 618, 满300减40, and two years of 双十一 and 双12
		t.Errorf("%d promotions, want %d", got, want)
	}
	// A period too short for either promotion has none.
	if p := Generate(Config{Customers: 50, Days: 30}).Promotions; len(p) != 0 {
		t.Errorf("January has promotions %v", p)
	}
}

func TestCatalogue(t *testing.T) {
	s := demo(t)
	seen := map[string]bool{}
	share := 0.0
	for _, p := range s.Catalogue {
		if seen[p.SKU] {
			t.Errorf("duplicate SKU %s", p.SKU)
		}
		seen[p.SKU] = true
		share += p.Popularity
		if p.Name == "" || p.NameEN == "" || p.Category == "" {
			t.Errorf("%s: incomplete product %+v", p.SKU, p)
		}
		if c, _ := p.Cost.Cmp(p.Price); !p.Cost.IsPositive() || c >= 0 {
			t.Errorf("%s: cost %s not in (0, price %s)", p.SKU, p.Cost, p.Price)
		}
		if _, ok := p.Price.Minor(); !ok {
			t.Errorf("%s: price %s is not whole fen", p.SKU, p.Price)
		}
		if p.LeadTime < 3 || p.LeadTime > 30 {
			t.Errorf("%s: lead time %d outside 3–30 days", p.SKU, p.LeadTime)
		}
	}
	if share < 0.999999 || share > 1.000001 {
		t.Errorf("popularity adds up to %v, want 1", share)
	}
	tr := s.Truth
	for name, got := range map[string]int{"promoted": len(tr.PercentOff.SKUs), "stock-out": len(tr.StockoutSKUs),
		"slow": len(tr.SlowSKUs), "dead": len(tr.DeadSKUs), "problem": len(tr.ProblemSKUs)} {
		if got == 0 {
			t.Errorf("no %s SKUs", name)
		}
	}
}

// cny is the demo's currency.
var cny = money.MustCurrency("CNY")

// TestFormatID checks the fast ID formatter against fmt.
func TestFormatID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 1<<62).Draw(t, "n")
		w := rapid.IntRange(1, 20).Draw(t, "width")
		if got, want := formatID('X', n, w), fmt.Sprintf("X%0*d", w, n); got != want {
			t.Fatalf("formatID('X', %d, %d) = %q, want %q", n, w, got, want)
		}
	})
}

// TestTwoYears: the default demo covers 2024 and 2025, every month of both
// has orders, traffic, spend on every paid channel (the live-stream one
// included) and tickets, each year has its targets, and the default
// review period, December 2025, has a promotion (双12), new products,
// deliveries and refunds.
func TestTwoYears(t *testing.T) {
	s := demo(t)
	type month struct{ orders, events, tickets, refunds, delivered int }
	months := map[string]*month{}
	spend := map[string]map[string]bool{}
	at := func(x time.Time) *month {
		k := x.Format("2006-01")
		if months[k] == nil {
			months[k] = new(month)
		}
		return months[k]
	}
	for _, o := range s.Orders {
		at(o.PlacedAt).orders++
		if !o.DeliveredAt.IsZero() {
			at(o.DeliveredAt).delivered++
		}
	}
	for _, e := range s.Events {
		at(e.Time).events++
	}
	for _, tk := range s.Tickets {
		at(tk.OpenedAt).tickets++
	}
	for _, r := range s.Refunds {
		at(r.At).refunds++
	}
	for _, sp := range s.Spend {
		k := sp.Day.Format("2006-01")
		if spend[k] == nil {
			spend[k] = map[string]bool{}
		}
		spend[k][sp.Channel] = true
	}
	for m := range s.Period.Buckets(metrics.Month) {
		k := m.Label()
		got := months[k]
		if got == nil || got.orders == 0 || got.events == 0 || got.tickets == 0 || got.refunds == 0 || got.delivered == 0 {
			t.Errorf("%s: %+v", k, got)
		}
		for _, c := range s.Truth.Channels {
			if c.CAC.IsPositive() && !spend[k][c.Name] {
				t.Errorf("%s: no spend on %s", k, c.Name)
			}
		}
	}
	years := map[int]bool{}
	for _, tg := range s.Targets {
		if tg.Metric == "net_sales" && tg.Period.Grain == metrics.Year {
			years[tg.Period.Start.Year()] = true
		}
	}
	if !years[2024] || !years[2025] {
		t.Errorf("yearly targets for %v, want 2024 and 2025", years)
	}
	dec := metrics.MonthOf(2025, time.December, s.Period.Location())
	promos := 0
	for _, p := range s.Promotions {
		if p.Window.Start.Before(dec.End) && p.Window.End.After(dec.Start) {
			promos++
		}
	}
	launched := 0
	for _, p := range s.Catalogue {
		if !p.Launch.Before(dec.End.AddDate(0, 0, -90)) {
			launched++
		}
	}
	if promos == 0 || launched == 0 {
		t.Errorf("December 2025: %d promotions, %d products launched in the last 90 days", promos, launched)
	}
	live := s.Truth.Channels[slices.IndexFunc(s.Truth.Channels, func(c ChannelTruth) bool { return c.Name == LiveChannel })]
	if !live.CAC.Equal(s.Truth.LiveCAC) || !live.CAC.IsPositive() {
		t.Errorf("live channel %+v, LiveCAC %s", live, s.Truth.LiveCAC)
	}
}
