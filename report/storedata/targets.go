package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"strconv"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TargetColumns is the header of the targets file.
var TargetColumns = []string{"metric", "period", "currency", "amount", "value"}

// ReadTargets reads the targets file: one row per metric and period. Money
// metrics give currency and amount; counts and ratios give value (a ratio
// as a fraction: 0.032 for 3.2 %). A metric that metrics.LookupKPI does not
// know is an ErrUnknownMetric error; a second target for the same metric
// and period is skipped as an ErrDuplicateRow when it repeats the first,
// and is an ErrDuplicateID error when it differs.
func ReadTargets(r io.Reader, opts Options) iter.Seq2[metrics.Target, error] {
	return func(yield func(metrics.Target, error) bool) {
		type first struct {
			line int
			g    metrics.Target
		}
		seen := map[string]first{}
		rows(r, opts, kindTargets, []string{"metric", "period"}, TargetColumns, true, func(t *table) (metrics.Target, bool, error) {
			var g metrics.Target
			var err error
			if g.Metric, err = t.required(t.c("metric")); err != nil {
				return g, false, err
			}
			if _, ok := metrics.LookupKPI(g.Metric); !ok {
				return g, false, t.fail(t.c("metric"), fmt.Errorf("%w %q: want a KPI key such as net_sales (metrics.KPIs lists them)", ErrUnknownMetric, g.Metric))
			}
			if g.Period, err = metrics.ParsePeriod(t.raw(t.c("period")), t.opts.loc()); err != nil {
				return g, false, t.fail(t.c("period"), cause(err))
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
			key := g.Metric + " " + g.Period.Label()
			if f, dup := seen[key]; dup {
				if f.g.Amount.Equal(g.Amount) && f.g.Value == g.Value {
					return g, false, t.rowErr(fmt.Errorf("%w: the target for %s repeats line %d, and is skipped", ErrDuplicateRow, key, f.line))
				}
				return g, false, t.rowErr(fmt.Errorf("%w: a second, different target for %s (line %d has amount %q and value %v)", ErrDuplicateID, key, f.line, f.g.Amount.Amount(), f.g.Value))
			}
			seen[key] = first{t.line, g}
			return g, true, nil
		}, yield)
	}
}

// WriteTargets writes targets. A metric that metrics.LookupKPI does not
// know, a second target for a metric and period, a value that is not
// finite, and an amount without a currency are errors.
func WriteTargets(w io.Writer, targets iter.Seq[metrics.Target]) error {
	cw := newWriter(w, TargetColumns)
	seen := map[string]bool{}
	for g := range targets {
		key := g.Metric + " " + g.Period.Label()
		cw.at("target", key)
		switch _, known := metrics.LookupKPI(g.Metric); {
		case !known:
			return fmt.Errorf("storedata: %s: %w %q", cw.what(), ErrUnknownMetric, g.Metric)
		case seen[key]:
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		case math.IsNaN(g.Value) || math.IsInf(g.Value, 0):
			return fmt.Errorf("storedata: %s: value %v is not finite", cw.what(), g.Value)
		}
		if p, err := metrics.ParsePeriod(g.Period.Label(), g.Period.Start.Location()); err != nil || !p.Start.Equal(g.Period.Start) || !p.End.Equal(g.Period.End) {
			return fmt.Errorf("storedata: %s: the period does not read back from its label", cw.what())
		}
		seen[key] = true
		amt, val := "", ""
		if !g.Amount.Currency().IsZero() {
			amt = amount(g.Amount)
		}
		if g.Value != 0 || amt == "" {
			val = strconv.FormatFloat(g.Value, 'g', -1, 64)
		}
		cw.row([]string{g.Metric, g.Period.Label(), g.Amount.Currency().Code(), amt, val})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
