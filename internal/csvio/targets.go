package csvio

import (
	"errors"
	"io"
	"iter"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TargetColumns is the header of the targets file.
var TargetColumns = []string{"metric", "period", "currency", "amount", "value"}

// ReadTargets reads the targets file: one row per metric and period. Money
// metrics give currency and amount; counts and ratios give value (a ratio
// as a fraction: 0.032 for 3.2 %).
func ReadTargets(r io.Reader, opts Options) iter.Seq2[metrics.Target, error] {
	return func(yield func(metrics.Target, error) bool) {
		rows(r, opts, []string{"metric", "period"}, func(t *table) (metrics.Target, bool, error) {
			var g metrics.Target
			var err error
			if g.Metric, err = t.required(t.c("metric")); err != nil {
				return g, false, err
			}
			if g.Period, err = metrics.ParsePeriod(t.raw(t.c("period")), t.opts.loc()); err != nil {
				return g, false, t.fail(t.c("period"), errors.Unwrap(err))
			}
			if t.raw(t.c("amount")) != "" {
				c, err := t.currency(t.c("currency"))
				if err != nil {
					return g, false, err
				}
				if g.Amount, err = t.money(t.c("amount"), c, false); err != nil {
					return g, false, err
				}
			}
			if g.Value, err = t.float(t.c("value"), true); err != nil {
				return g, false, err
			}
			if t.raw(t.c("amount")) == "" && t.raw(t.c("value")) == "" {
				return g, false, t.rowErr(errors.New("target " + g.Metric + " has neither amount nor value"))
			}
			return g, true, nil
		}, nil, yield)
	}
}

// WriteTargets writes targets.
func WriteTargets(w io.Writer, targets iter.Seq[metrics.Target]) error {
	cw := newWriter(w, TargetColumns)
	for g := range targets {
		amt, val := "", ""
		if !g.Amount.Currency().IsZero() {
			amt = amount(g.Amount)
		}
		if g.Value != 0 || amt == "" {
			val = strconv.FormatFloat(g.Value, 'g', -1, 64)
		}
		cw.row([]string{guard(g.Metric), g.Period.Label(), g.Amount.Currency().Code(), amt, val})
	}
	return cw.close()
}
