package metrics

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/internal/chunked"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestCustTableModel checks custTable against a map and a slice: every ID
// gets the number of its first sight, a new record only then (with no
// first order), and gives back its bytes; compare orders IDs as
// strings.Compare does. The IDs are drawn from a small alphabet with zero
// bytes, of 0 to 40 bytes, around the 16 bytes held in a record, so that
// they repeat, share prefixes and differ in their length alone; the table
// grows through several rehashes.
func TestCustTableModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var tab custTable
		if rapid.Bool().Draw(t, "grow") {
			tab.grow(rapid.IntRange(0, 300).Draw(t, "growBy"))
		}
		byID := map[string]int32{}
		var ids []string
		id := rapid.Custom(func(t *rapid.T) string {
			n := rapid.SampledFrom([]int{0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 24, 40}).Draw(t, "len")
			b := make([]byte, n)
			for i := range b {
				b[i] = rapid.SampledFrom([]byte{0, 'a', 'b', 0xff}).Draw(t, "byte")
			}
			return string(b)
		})
		for range rapid.IntRange(1, 400).Draw(t, "adds") {
			s := id.Draw(t, "id")
			want, seen := byID[s]
			if !seen {
				want = int32(len(ids))
				byID[s] = want
				ids = append(ids, s)
			}
			got, isNew := tab.indexString(s)
			if got != want || isNew == seen {
				t.Fatalf("index(%q) = %d, %v; want %d, %v", s, got, isNew, want, !seen)
			}
			if isNew && (tab.at(got).first != noFirst || tab.at(got).orders != 0) {
				t.Fatalf("new record %+v", *tab.at(got))
			}
			tab.at(got).orders++
		}
		if tab.len() != len(ids) {
			t.Fatalf("%d records, want %d", tab.len(), len(ids))
		}
		var buf [custShort]byte
		for i, s := range ids {
			if got := string(tab.id(int32(i), &buf)); got != s {
				t.Fatalf("id(%d) = %q, want %q", i, got, s)
			}
			j := int32(rapid.IntRange(0, len(ids)-1).Draw(t, "other"))
			if got, want := tab.compare(int32(i), j), strings.Compare(s, ids[j]); got != want {
				t.Fatalf("compare(%q, %q) = %d, want %d", s, ids[j], got, want)
			}
		}
	})
}

// TestGrowBeforeCurrency: Grow in a currency without an order yet makes
// its room when the first order comes (two calls ask for the sum), and
// not for another currency; the currency is not in Result before then.
func TestGrowBeforeCurrency(t *testing.T) {
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	var s Summarizer
	s.Grow(cny, 600)
	s.Grow(cny, 400)
	if r := s.Result(); len(r) != 0 {
		t.Fatalf("Result after Grow alone has %d currencies, want none", len(r))
	}
	order := func(c money.Currency) Order {
		return Order{ID: "o-" + c.Code(), CustomerID: "u", PlacedAt: time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), Status: Paid, Currency: c,
			Lines: []Line{{SKU: "a", Quantity: 1, UnitPrice: c.FromMinor(100)}}}
	}
	for _, c := range []money.Currency{usd, cny} {
		if err := s.Add(order(c)); err != nil {
			t.Fatal(err)
		}
	}
	// Room for n customers is a table of more than 4n/3 slots.
	if got := len(s.acc(cny).custs.slots) * 3 / 4; got < 1000 {
		t.Errorf("CNY's table has room for %d customers, want at least the 1,000 asked before its first order", got)
	}
	if got := len(s.acc(usd).custs.slots) * 3 / 4; got >= 1000 {
		t.Errorf("USD's table has room for %d customers: it was given CNY's", got)
	}
	if len(s.grow) != 0 {
		t.Errorf("room still pending after the order: %+v", s.grow)
	}
}

// TestCustTableBlocks checks a table of customers over several of its
// records' blocks (chunked.BlockLen each), which the model test's few
// hundred do not fill: every customer keeps its number, ID and record
// through the blocks and the rehashes, short IDs and long ones alike.
func TestCustTableBlocks(t *testing.T) {
	var tab custTable
	n := 3*chunked.BlockLen + 5
	id := func(i int) string {
		if i%3 == 0 {
			return fmt.Sprintf("customer-with-a-long-id-%08d", i)
		}
		return fmt.Sprintf("C%08d", i)
	}
	for i := range n {
		got, isNew := tab.indexString(id(i))
		if got != int32(i) || !isNew {
			t.Fatalf("index(%q) = %d, %v; want %d, true", id(i), got, isNew, i)
		}
		tab.at(got).orders = int64(i)
	}
	if tab.len() != n {
		t.Fatalf("%d records, want %d", tab.len(), n)
	}
	var buf [custShort]byte
	for i := range n {
		got, isNew := tab.indexString(id(i))
		if got != int32(i) || isNew {
			t.Fatalf("index(%q) again = %d, %v; want %d, false", id(i), got, isNew, i)
		}
		if o := tab.at(got).orders; o != int64(i) {
			t.Fatalf("record %d holds %d orders, want %d", i, o, i)
		}
		if s := string(tab.id(got, &buf)); s != id(i) {
			t.Fatalf("id(%d) = %q, want %q", i, s, id(i))
		}
	}
}
