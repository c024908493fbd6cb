package shopify

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// FuzzReadOrders checks that no input panics the reader, that every error
// is located, and that the discounts of an order add up to at most its gross.
func FuzzReadOrders(f *testing.F) {
	b, err := os.ReadFile("testdata/orders_export.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Add("Name,Financial Status,Currency,Created at,Lineitem quantity,Lineitem name,Lineitem price\n#1,paid,JPY,2025-11-03 10:00:00 +0900,1,x,100\n")
	f.Add("\ufeffName\n\"")
	f.Fuzz(func(t *testing.T, in string) {
		for o, err := range ReadOrders(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				var fe *storedata.FileError
				if !errors.As(err, &pe) && !errors.As(err, &fe) {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			var gross, disc money.Sum
			disc.Add(o.Discount)
			for _, l := range o.Lines {
				if l.Quantity < 1 || l.UnitPrice.IsNegative() {
					t.Errorf("line %+v", l)
				}
				gross.Add(l.UnitPrice.Mul(l.Quantity))
				disc.Add(l.Discount)
			}
			if len(o.Lines) == 0 || o.Discount.IsNegative() {
				t.Errorf("order %+v", o)
			}
			if c, err := disc.Total(o.Currency).Cmp(gross.Total(o.Currency)); err != nil || c > 0 {
				t.Errorf("order %s: discounts %v above gross %v", o.ID, disc.Total(o.Currency), gross.Total(o.Currency))
			}
		}
	})
}
