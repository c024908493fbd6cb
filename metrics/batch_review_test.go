package metrics_test

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestEmptyCustomerNumber checks that an order whose customer number
// stands for "" (a reader that numbers every cell) is a guest in the batch
// path as in the row path, where Order gives CustomerID "".
func TestEmptyCustomerNumber(t *testing.T) {
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	cny := money.MustCurrency("CNY")
	var b metrics.Orders
	b.Init()
	o := metrics.Order{ID: "1", PlacedAt: at, Status: metrics.Paid, Currency: cny,
		Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: cny.FromMinor(100)}}}
	if err := b.Append(o); err != nil {
		t.Fatal(err)
	}
	b.Customer[0] = b.CustomerIDs.Index("") // as IndexBytes of an empty cell gives
	want, err := metrics.Summarize(metrics.Period{}, func(yield func(metrics.Order) bool) { yield(b.Order(0)) }, nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := metrics.SummarizeOrders(metrics.Period{}, &b, nil, metrics.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Buyers != 0 || got[0].GuestOrders != 1 {
		t.Errorf("buyers %d, guest orders %d; want 0 and 1", got[0].Buyers, got[0].GuestOrders)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SummarizeOrders differs from Summarize (-want +got):\n%s", diff)
	}
}

// TestAppendCurrencies checks that the 257th currency of a batch is a
// located error that leaves the batch as it was, not a panic.
func TestAppendCurrencies(t *testing.T) {
	var b metrics.Orders
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	n := 0
	for a := 'A'; a <= 'Z' && n <= 256; a++ {
		for c := 'A'; c <= 'Z' && n <= 256; c++ {
			for d := 'A'; d <= 'Z' && n <= 256; d++ {
				cur, err := money.ParseCurrency(string([]rune{a, c, d}))
				if err != nil {
					continue
				}
				err = b.Append(metrics.Order{ID: strconv.Itoa(n), PlacedAt: at, Currency: cur})
				n++
				if n <= 256 {
					if err != nil {
						t.Fatalf("currency %d: %v", n, err)
					}
					continue
				}
				var ve *metrics.ValidationError
				if !errors.As(err, &ve) || ve.OrderID != "256" || ve.Field != "Currency" {
					t.Fatalf("257th currency: %v, want a *ValidationError of order 256's Currency", err)
				}
			}
		}
	}
	if n != 257 {
		t.Fatalf("only %d currencies known", n)
	}
	if b.Len() != 256 || len(b.Currency) != 256 || b.IDs.Len() != 256 || len(b.LineStart) != 257 {
		t.Errorf("after the refused order: %d orders, %d currencies, %d IDs, %d line starts; want 256, 256, 256, 257",
			b.Len(), len(b.Currency), b.IDs.Len(), len(b.LineStart))
	}
}

// TestDictCopy checks that a copy of a used Dict panics rather than
// overwrite the strings the original handed out.
func TestDictCopy(t *testing.T) {
	var d metrics.Dict
	d.Index("alice")
	bob := d.String(d.Index("bob"))
	defer func() {
		if recover() == nil {
			t.Error("adding to a copy of a used Dict did not panic")
		}
		if bob != "bob" {
			t.Errorf("a string of the original became %q", bob)
		}
	}()
	d2 := d //nolint:govet // the copy under test
	d2.Index("carol")
}

// TestTotalsBinaryOrder checks that equal totals encode alike whatever
// order their currencies came in, and that a negative total or an order
// count merged past 2^63-1 is refused.
func TestTotalsBinaryOrder(t *testing.T) {
	at := time.Date(2025, 11, 3, 10, 0, 0, 0, time.UTC)
	cny, usd := money.MustCurrency("CNY"), money.MustCurrency("USD")
	order := func(id string, c money.Currency) metrics.Order {
		return metrics.Order{ID: id, PlacedAt: at, Status: metrics.Paid, Currency: c,
			Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: c.FromMinor(100)}}}
	}
	var x, y metrics.Totals
	for _, o := range []metrics.Order{order("1", cny), order("2", usd)} {
		if err := x.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range []metrics.Order{order("2", usd), order("1", cny)} {
		if err := y.Add(o); err != nil {
			t.Fatal(err)
		}
	}
	bx, _ := x.MarshalBinary()
	by, _ := y.MarshalBinary()
	if !bytes.Equal(bx, by) {
		t.Errorf("encodings differ with the order of currencies:\n%x\n%x", bx, by)
	}

	var neg metrics.Totals
	if err := neg.Add(order("3", cny)); err != nil {
		t.Fatal(err)
	}
	b, _ := neg.MarshalBinary()
	// The gross total's units are the varint after the currency code and
	// the order count: 100 fen is zigzag 200 = 0xc8 0x01; -100 is 199.
	i := bytes.Index(b, []byte{0xc8, 0x01})
	if i < 0 {
		t.Fatalf("no gross of 100 in %x", b)
	}
	b[i] = 0xc7
	if err := neg.UnmarshalBinary(b); !errors.Is(err, metrics.ErrCorrupt) {
		t.Errorf("a negative gross decoded: %v", err)
	}

	// Orders counted past 2^63-1 by merging: two halves of a huge count.
	var big metrics.Totals
	if err := big.Add(order("4", cny)); err != nil {
		t.Fatal(err)
	}
	b, _ = big.MarshalBinary()
	j := bytes.Index(b, []byte("CNY"))
	huge := append(append([]byte{}, b[:j+3]...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)
	huge = append(huge, b[j+4:]...) // the count 1 was one byte
	var h1, h2 metrics.Totals
	if err := h1.UnmarshalBinary(huge); err != nil {
		t.Fatalf("a count of 2^63-1: %v", err)
	}
	if err := h2.UnmarshalBinary(huge); err != nil {
		t.Fatal(err)
	}
	if got := h1.For(cny).Orders; got != math.MaxInt64 {
		t.Fatalf("decoded %d orders", got)
	}
	if err := h1.Merge(&h2); err == nil {
		t.Errorf("merging past 2^63-1 orders: no error, %d orders", h1.For(cny).Orders)
	}
}
