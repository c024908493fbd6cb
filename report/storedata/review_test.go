package storedata

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// A reader whose source fails keeps failing: a lenient reader must report
// the failure once and stop, not loop on it.
func TestReadersStopOnSourceError(t *testing.T) {
	boom := errors.New("disk on fire")
	head := "order_id,placed_at,currency,sku,quantity,unit_price\no1,2025-11-11T20:00:00Z,CNY,A,1,1\n"
	for name, read := range map[string]func() []error{
		"orders-fail": func() []error {
			_, errs := Collect(ReadOrders(&failAfter{s: head, err: boom}, Options{}))
			return errs
		},
		"spend": func() []error {
			_, errs := Collect(ReadSpend(&failAfter{s: "channel,day,currency,amount\nads,2025-11-01,CNY,1\n", err: boom}, Options{}))
			return errs
		},
		"refunds": func() []error {
			_, errs := Collect(ReadRefunds(&failAfter{s: "refund_id,order_id,refunded_at,currency,amount\nr1,o1,2025-11-12T10:00:00Z,CNY,1\n", err: boom}, Options{}))
			return errs
		},
		"retail": func() []error {
			_, errs := Collect(ReadOnlineRetail(&failAfter{s: "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,A,x,1,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n", err: boom}, time.UTC, Options{}))
			return errs
		},
	} {
		done := make(chan []error, 1)
		go func() { done <- read() }()
		select {
		case errs := <-done:
			if len(errs) == 0 || len(errs) > 2 {
				t.Errorf("%s: %d errors, want the source error reported once (and the open record rejected): %v", name, len(errs), errs)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: lenient reader loops on a failing source", name)
		}
	}
}

// failAfter returns s and then err on every later read.
type failAfter struct {
	s   string
	err error
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.s == "" {
		return 0, f.err
	}
	n := copy(p, f.s)
	f.s = f.s[n:]
	return n, nil
}

// A row without a SKU in a refund that returns goods was skipped without an
// error, so its units vanished from the refund.
func TestReadRefundsEmptySKU(t *testing.T) {
	const in = `refund_id,order_id,refunded_at,currency,amount,reason,sku,quantity,restocked
r1,o1,2025-11-12T10:00:00Z,CNY,30.00,size,A1,1,true
r1,o1,2025-11-12T10:00:00Z,CNY,30.00,size,,2,true
r2,o2,2025-11-12T10:00:00Z,CNY,5.00,late,,,
`
	got, errs := Collect(ReadRefunds(strings.NewReader(in), Options{}))
	if len(got) != 1 || got[0].ID != "r2" || len(got[0].Lines) != 0 {
		t.Errorf("refunds = %+v, want only r2 (no goods)", got)
	}
	var lines []int
	for _, err := range errs {
		var pe *ParseError
		if errors.As(err, &pe) {
			lines = append(lines, pe.Line)
		}
	}
	// Line 3 has a quantity but no SKU; r1 (from line 2) is then rejected.
	if want := []int{3, 2}; !slices.Equal(lines, want) {
		t.Errorf("error lines = %v, want %v: %v", lines, want, errs)
	}
}

// An amount in another currency than its row's was written as a bare number
// and read back in the row's currency: USD 5 became CNY 5.
func TestWritersRejectForeignAmounts(t *testing.T) {
	cny := money.MustCurrency("CNY")
	usd := money.MustNew("5", "USD")
	o := metrics.Order{ID: "o1", Currency: cny, PlacedAt: time.Unix(0, 0).UTC(),
		Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew("1", "CNY"), UnitCost: usd}}}
	var buf strings.Builder
	if err := WriteOrders(&buf, slices.Values([]metrics.Order{o})); err == nil {
		t.Errorf("WriteOrders wrote a USD unit cost in a CNY order:\n%s", buf.String())
	}
	o.Lines[0].UnitCost = money.Money{} // the zero Money is zero in any currency
	if err := WriteOrders(&buf, slices.Values([]metrics.Order{o})); err != nil {
		t.Errorf("WriteOrders with a zero Money: %v", err)
	}
	o.Currency = money.Currency{}
	if err := WriteOrders(&buf, slices.Values([]metrics.Order{o})); err == nil {
		t.Errorf("WriteOrders wrote an order without a currency")
	}
	p := promo.Promotion{ID: "p1", Window: metrics.DayOf(2025, 11, 11, time.UTC), Threshold: money.MustNew("300", "CNY"), Amount: money.MustNew("30", "USD")}
	if err := WritePromotions(&buf, slices.Values([]promo.Promotion{p})); err == nil {
		t.Errorf("WritePromotions wrote a USD amount beside a CNY threshold")
	}
}

// ParseFloat accepts "NaN" and "Inf"; a target must be a finite number.
func TestReadTargetsNotFinite(t *testing.T) {
	const in = "metric,period,currency,amount,value\nconversion_rate,2025-11,,,NaN\nconversion_rate,2025-12,,,+Inf\nconversion_rate,2025-10,,,0.03\n"
	got, errs := Collect(ReadTargets(strings.NewReader(in), Options{}))
	if len(got) != 1 || len(errs) != 2 {
		t.Errorf("got %d targets and %d errors, want 1 and 2: %v %v", len(got), len(errs), got, errs)
	}
	for _, g := range got {
		if math.IsNaN(g.Value) || math.IsInf(g.Value, 0) {
			t.Errorf("target value %v", g.Value)
		}
	}
}

// 2024-09-08 has no midnight in America/Santiago; time.ParseInLocation made
// it 23:00 on the 7th, so the snapshot landed on the wrong day.
func TestReadDaySkippedMidnight(t *testing.T) {
	scl, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Skip(err)
	}
	got, errs := Collect(ReadSpend(strings.NewReader("channel,day,currency,amount\nads,2024-09-08,CLP,1000\n"), Options{Location: scl}))
	if len(errs) > 0 || len(got) != 1 {
		t.Fatalf("%v %v", got, errs)
	}
	if d := got[0].Day; d.Format(time.DateOnly) != "2024-09-08" || !d.Equal(metrics.DayOf(2024, 9, 8, scl).Start) {
		t.Errorf("day = %v, want the start of 2024-09-08", d)
	}
}

// A row with an empty order_id between two rows of o1 may be o1's line: it
// is reported, and o1 must not be counted without it.
func TestReadOrdersEmptyIDRejectsOpenOrder(t *testing.T) {
	const in = `order_id,placed_at,currency,sku,quantity,unit_price
o1,2025-11-11T20:00:00Z,CNY,A1,1,1.00
,2025-11-11T20:00:00Z,CNY,A2,1,1.00
o1,2025-11-11T20:00:00Z,CNY,A3,1,1.00
o2,2025-11-11T20:00:00Z,CNY,A1,1,1.00
`
	got, errs := Collect(ReadOrders(strings.NewReader(in), Options{}))
	if len(got) != 1 || got[0].ID != "o2" {
		t.Errorf("orders = %v, want only o2", got)
	}
	if len(errs) != 2 { // the empty ID on line 3, then o1 rejected
		t.Errorf("errors = %v, want 2", errs)
	}
	r := `refund_id,order_id,refunded_at,currency,amount,sku,quantity
r1,o1,2025-11-12T10:00:00Z,CNY,2.00,A1,1
,o1,2025-11-12T10:00:00Z,CNY,2.00,A2,1
r1,o1,2025-11-12T10:00:00Z,CNY,2.00,A3,1
`
	if got, errs := Collect(ReadRefunds(strings.NewReader(r), Options{})); len(got) != 0 || len(errs) != 2 {
		t.Errorf("refunds = %v, errors = %v; want r1 rejected", got, errs)
	}
}

// For a CSV syntax error, encoding/csv's Column is a byte position; the
// ParseError's Column is a field number, so it must not carry the byte.
func TestCSVSyntaxErrorColumn(t *testing.T) {
	const in = "channel,day,currency,amount\nads,2025-11-01,CNY,\"12\"x\n"
	_, errs := Collect(ReadSpend(strings.NewReader(in), Options{}))
	if len(errs) != 1 {
		t.Fatalf("errors = %v, want 1", errs)
	}
	var pe *ParseError
	if !errors.As(errs[0], &pe) || pe.Line != 2 || pe.Column != 0 || !strings.Contains(pe.Error(), "byte 23") /* encoding/csv places the stray x after the closing quote at byte 23 */ {
		t.Errorf("error = %#v (%v); want line 2, column 0, the byte position in the message", pe, errs[0])
	}
}

// Property keys become header cells; a key that a spreadsheet would run as
// a formula was written raw.
func TestWriteEventsGuardsHeader(t *testing.T) {
	ev := funnel.Event{UserID: "u1", Time: time.Unix(0, 0).UTC(), Name: "view", Props: []funnel.Prop{{Key: "=cmd()", Value: "x"}}}
	var buf strings.Builder
	if err := WriteEvents(&buf, slices.Values([]funnel.Event{ev}), "=cmd()"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), ",=") {
		t.Errorf("header has a formula cell:\n%s", buf.String())
	}
	got, errs := Collect(ReadEvents(strings.NewReader(buf.String()), Options{}))
	if len(errs) > 0 || len(got) != 1 || got[0].Prop("=cmd()") != "x" {
		t.Errorf("read back %+v, %v", got, errs)
	}
}
