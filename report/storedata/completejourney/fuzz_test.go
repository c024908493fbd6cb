package completejourney

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// FuzzReadTransactions checks that no input panics the reader, that every
// error is located, and that each order's lines conserve the money: Σ
// quantity × unit price − discounts is the Σ sales_value of its rows,
// which the fuzz input cannot know, so it checks the weaker invariants
// that every line has units and that no discount exceeds its line.
func FuzzReadTransactions(f *testing.F) {
	const head = "household_id,store_id,basket_id,product_id,quantity,sales_value,retail_disc,coupon_disc,coupon_match_disc,week,transaction_timestamp\n"
	f.Add(head + "1,2,b1,6534178,32623,48.80,1.2,0,0,1,2017-01-01T10:00:00-05:00\n1,2,b1,9,3,1.00,0.01,0,0,1,2017-01-01T10:00:00-05:00\n")
	f.Add(head + "1,2,b1,1,1,4.440892e-16,0,0,0,1,2017-01-01T10:00:00-05:00\n")
	f.Add("\ufeff\"household_id\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		for o, err := range ReadTransactions(strings.NewReader(in), storedata.Options{}) {
			if err != nil {
				var pe *storedata.ParseError
				var fe *storedata.FileError
				if !errors.As(err, &pe) && !errors.As(err, &fe) {
					t.Errorf("%v is not located", err)
				}
				continue
			}
			for _, l := range o.Lines {
				if l.Quantity < 1 || l.UnitPrice.IsNegative() || l.Discount.IsNegative() {
					t.Errorf("line %+v", l)
				}
				if c, err := l.Discount.Cmp(l.UnitPrice.Mul(l.Quantity)); err != nil || c > 0 {
					t.Errorf("line %+v: discount above its gross", l)
				}
			}
		}
	})
}

// Splitting a line conserves the gross, the discount and the units.
func FuzzSplitLine(f *testing.F) {
	f.Add(int64(5000), int64(120), int64(32623))
	f.Add(int64(454), int64(68), int64(2))
	f.Fuzz(func(t *testing.T, gross, disc, q int64) {
		if q < 1 || gross < 0 || disc < 0 || disc > gross || gross > 1e15 || q > 1e12 {
			return
		}
		ls, err := splitLine(Currency.FromMinor(gross), Currency.FromMinor(disc), q)
		if err != nil {
			t.Fatal(err)
		}
		var g, d money.Sum
		var units int64
		for _, l := range ls {
			g.Add(l.UnitPrice.Mul(l.Quantity))
			d.Add(l.Discount)
			units += l.Quantity
			if l.Quantity < 1 {
				t.Errorf("line %+v", l)
			}
		}
		if !g.Total(Currency).Equal(Currency.FromMinor(gross)) || !d.Total(Currency).Equal(Currency.FromMinor(disc)) || units != q {
			t.Errorf("split %d/%d over %d: %+v", gross, disc, q, ls)
		}
	})
}
