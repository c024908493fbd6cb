package storedata

import (
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// SpendColumns is the header of the marketing-spend file.
var SpendColumns = []string{"channel", "day", "currency", "amount"}

// ReadSpend reads the marketing-spend file: one row per channel and day.
// A negative amount is an error, whatever the day.
func ReadSpend(r io.Reader, opts Options) iter.Seq2[metrics.Spend, error] {
	return func(yield func(metrics.Spend, error) bool) {
		rows(r, opts, kindSpend, SpendColumns, SpendColumns, true, func(t *table) (metrics.Spend, bool, error) {
			var s metrics.Spend
			var err error
			if s.Channel, err = t.required(t.c("channel")); err != nil {
				return s, false, err
			}
			if s.Day, err = t.day(t.c("day")); err != nil {
				return s, false, err
			}
			c, err := t.currency(t.c("currency"))
			if err != nil {
				return s, false, err
			}
			if s.Amount, err = t.money(t.c("amount"), c, false); err != nil {
				return s, false, err
			}
			if s.Amount.IsNegative() {
				return s, false, t.fail(t.c("amount"), fmt.Errorf("negative spend %s", t.raw(t.c("amount"))))
			}
			return s, true, nil
		}, yield)
	}
}

// WriteSpend writes spend rows, each day as its date in the day's own
// zone. A row without a channel or a currency, with a negative amount, a
// year outside 0–9999 or text that readers reject, or that repeats the row
// before it, is an error.
func WriteSpend(w io.Writer, spend iter.Seq[metrics.Spend]) error {
	cw := newWriter(w, SpendColumns)
	for s := range spend {
		cw.at("spend of channel", s.Channel)
		if s.Amount.IsNegative() {
			return fmt.Errorf("storedata: %s: negative amount %s", cw.what(), s.Amount)
		}
		cw.row([]string{cw.required("channel", s.Channel), cw.day(s.Day), cw.currency(s.Amount.Currency()), amount(s.Amount)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
