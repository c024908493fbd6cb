package storedata

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"pgregory.net/rapid"
)

const fulfilmentCSV = `order_id,placed_at,paid_at,shipped_at,delivered_at,promised_by,carrier,region,currency,sku,quantity,unit_price
o1,2025-11-03T10:00:00+08:00,2025-11-03T10:05:00+08:00,2025-11-03T16:00:00+08:00,2025-11-05T11:00:00+08:00,2025-11-06T00:00:00+08:00,SF Express,浙江,CNY,A,1,59.90
o1,2025-11-03T10:00:00+08:00,2025-11-03T10:05:00+08:00,2025-11-03T16:00:00+08:00,2025-11-05T11:00:00+08:00,2025-11-06T00:00:00+08:00,SF Express,浙江,CNY,B,2,10
o2,2025-11-04T09:00:00+08:00,,,,,,,CNY,A,1,59.90
`

// TestReadFulfilment reads the six optional columns: times in the store's
// zone, empty cells unknown.
func TestReadFulfilment(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	orders, errs := Collect(ReadOrders(strings.NewReader(fulfilmentCSV), Options{Location: loc}))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	at := func(d, h, m int) time.Time { return time.Date(2025, 11, d, h, m, 0, 0, loc) }
	if len(orders) != 2 {
		t.Fatalf("%d orders, want 2", len(orders))
	}
	o := orders[0]
	got := []any{o.PaidAt, o.ShippedAt, o.DeliveredAt, o.PromisedBy, o.Carrier, o.Region}
	want := []any{at(3, 10, 5), at(3, 16, 0), at(5, 11, 0), at(6, 0, 0), "SF Express", "浙江"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("o1 fulfilment (-want +got):\n%s", diff)
	}
	if p := orders[1]; !p.PaidAt.IsZero() || !p.ShippedAt.IsZero() || !p.DeliveredAt.IsZero() || !p.PromisedBy.IsZero() || p.Carrier != "" || p.Region != "" {
		t.Errorf("o2: empty cells read as %+v", p)
	}
}

// TestReadFulfilmentErrors checks a located *ParseError for a time that
// does not parse and for the cells of an order's rows that differ, and
// that an inversion reads as it is for metrics.Validate to report with
// the order's ID.
func TestReadFulfilmentErrors(t *testing.T) {
	head := "order_id,placed_at,shipped_at,delivered_at,currency,sku,quantity,unit_price\n"
	_, errs := Collect(ReadOrders(strings.NewReader(head+"o1,2025-11-03T10:00:00Z,yesterday,,CNY,A,1,1\n"), Options{}))
	var pe *ParseError
	if len(errs) == 0 || !errors.As(errs[0], &pe) || pe.Line != 2 || !strings.Contains(errs[0].Error(), "shipped_at") {
		t.Errorf("bad shipped_at: %v, want a ParseError of line 2, column shipped_at", errs)
	}
	_, errs = Collect(ReadOrders(strings.NewReader(head+
		"o1,2025-11-03T10:00:00Z,2025-11-03T12:00:00Z,,CNY,A,1,1\no1,2025-11-03T10:00:00Z,2025-11-03T13:00:00Z,,CNY,B,1,1\n"), Options{}))
	if len(errs) == 0 || !errors.As(errs[0], &pe) || pe.Line != 3 {
		t.Errorf("rows of an order with two ship times: %v, want a ParseError of line 3", errs)
	}
	orders, errs := Collect(ReadOrders(strings.NewReader(head+"o9,2025-11-03T10:00:00Z,2025-11-04T10:00:00Z,2025-11-04T09:00:00Z,CNY,A,1,1\n"), Options{}))
	if len(errs) > 0 || len(orders) != 1 {
		t.Fatalf("an inversion: %v", errs)
	}
	var ve *metrics.ValidationError
	if err := metrics.ValidateOrder(orders[0]); !errors.As(err, &ve) || ve.OrderID != "o9" || ve.Field != "DeliveredAt" {
		t.Errorf("ValidateOrder of delivered before shipped: %v", err)
	}
}

// zeroMoney compares amounts as equal when both are zero: an empty
// optional amount reads as a zero in the row's currency.
var zeroMoney = cmp.Comparer(func(a, b money.Money) bool { return a.Equal(b) || a.IsZero() && b.IsZero() })

// TestPropFulfilmentRoundTrip writes orders with fulfilment times, known
// or not, and reads them back equal.
func TestPropFulfilmentRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := money.MustCurrency("CNY")
		var orders []metrics.Order
		for i := range rapid.IntRange(0, 5).Draw(t, "orders") {
			o := metrics.Order{ID: genNonEmpty(t, "id") + itoa(int64(i)), PlacedAt: genTime(t, "at"), Status: metrics.Paid, Currency: c,
				Carrier: genText.Draw(t, "carrier"), Region: genText.Draw(t, "region"),
				Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("1", "CNY")}}}
			for _, f := range []*time.Time{&o.PaidAt, &o.ShippedAt, &o.DeliveredAt, &o.PromisedBy} {
				if rapid.Bool().Draw(t, "known") {
					*f = genTime(t, "t")
				}
			}
			orders = append(orders, o)
		}
		var buf bytes.Buffer
		if err := WriteOrders(&buf, slices.Values(orders)); err != nil {
			t.Fatal(err)
		}
		got, errs := Collect(ReadOrders(&buf, Options{}))
		if len(errs) > 0 {
			t.Fatalf("reading back: %v", errs)
		}
		if diff := cmp.Diff(orders, got, zeroMoney); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// FuzzReadOrdersFulfilment is FuzzReadOrders seeded with the fulfilment
// columns: whatever reads writes and reads back the same.
func FuzzReadOrdersFulfilment(f *testing.F) {
	f.Add(fulfilmentCSV)
	f.Add("order_id,placed_at,shipped_at,carrier,currency,sku,quantity,unit_price\no1,2025-11-11T20:00:00Z,2025-11-11T19:00:00Z,\"=x\",CNY,A,1,1\n")
	f.Fuzz(func(t *testing.T, data string) {
		orders, errs := Collect(ReadOrders(strings.NewReader(data), Options{}))
		checkErrors(t, errs)
		var buf bytes.Buffer
		if err := WriteOrders(&buf, slices.Values(orders)); err != nil {
			t.Fatal(err)
		}
		back, errs := Collect(ReadOrders(&buf, Options{}))
		if len(errs) > 0 {
			t.Fatalf("re-reading: %v", errs)
		}
		if diff := cmp.Diff(orders, back, zeroMoney); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
	})
}

// TestMappingFulfilment reads an export whose fulfilment columns have
// their own names through a Mapping.
func TestMappingFulfilment(t *testing.T) {
	m, err := ParseMapping([]byte(`{"columns": {"order_lines": {"发货时间": "shipped_at", "物流公司": "carrier", "收货省份": "region"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	csv := "order_id,placed_at,发货时间,物流公司,收货省份,currency,sku,quantity,unit_price\n" +
		"o1,2025-11-03T10:00:00Z,2025-11-03T18:30:00Z,中通,广东,CNY,A,1,1\n"
	orders, errs := Collect(ReadOrders(strings.NewReader(csv), Options{Mapping: m}))
	if len(errs) > 0 || len(orders) != 1 {
		t.Fatalf("%v", errs)
	}
	o := orders[0]
	if want := time.Date(2025, 11, 3, 18, 30, 0, 0, time.UTC); !o.ShippedAt.Equal(want) || o.Carrier != "中通" || o.Region != "广东" {
		t.Errorf("mapped columns read as %v, %q, %q", o.ShippedAt, o.Carrier, o.Region)
	}
}
