package csvio

import (
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// SpendColumns is the header of the marketing-spend file.
var SpendColumns = []string{"channel", "day", "currency", "amount"}

// ReadSpend reads the marketing-spend file: one row per channel and day.
func ReadSpend(r io.Reader, opts Options) iter.Seq2[metrics.Spend, error] {
	return func(yield func(metrics.Spend, error) bool) {
		rows(r, opts, SpendColumns, func(t *table) (metrics.Spend, bool, error) {
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
			s.Amount, err = t.money(t.c("amount"), c, false)
			return s, err == nil, err
		}, nil, yield)
	}
}

// WriteSpend writes spend rows.
func WriteSpend(w io.Writer, spend iter.Seq[metrics.Spend]) error {
	cw := newWriter(w, SpendColumns)
	for s := range spend {
		cw.row([]string{guard(s.Channel), day(s.Day), s.Amount.Currency().Code(), amount(s.Amount)})
	}
	return cw.close()
}
