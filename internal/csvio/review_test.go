package csvio

import (
	"errors"
	"testing"
	"time"
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
