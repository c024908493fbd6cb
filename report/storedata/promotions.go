package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/promo"
)

// PromotionColumns is the header of the promotions file.
var PromotionColumns = []string{"promotion_id", "name", "window", "mechanism", "skus", "categories", "store",
	"percent", "threshold", "amount", "buy_qty", "get_qty", "currency", "fixed_cost", "media_cost", "cost_unknown"}

// ReadPromotions reads the promotions file, one promotion per row. The
// window is a period label (2025-11-01..2025-11-11, end day included);
// skus and categories are lists separated by "|". cost_unknown true says
// that the fixed and media costs are not recorded (promo.Promotion's
// CostUnknown): its fixed_cost and media_cost must then be empty or 0;
// an empty cost_unknown, or a file without the column, is false, and an
// empty cost a cost of zero. A promotion_id used by an earlier row is an
// ErrDuplicateID error.
func ReadPromotions(r io.Reader, opts Options) iter.Seq2[promo.Promotion, error] {
	return func(yield func(promo.Promotion, error) bool) {
		seen := ids{}
		rows(r, opts, kindPromotions, []string{"promotion_id", "window", "mechanism", "currency"}, PromotionColumns, true, func(t *table) (promo.Promotion, bool, error) {
			var p promo.Promotion
			var err error
			if p.ID, err = t.required(t.c("promotion_id")); err != nil {
				return p, false, err
			}
			if err := seen.add(t, "promotion", p.ID); err != nil {
				return p, false, err
			}
			p.Name = t.text(t.c("name"))
			if p.Window, err = metrics.ParsePeriod(t.raw(t.c("window")), t.opts.loc()); err != nil {
				return p, false, t.fail(t.c("window"), cause(err))
			}
			m, ok := promo.ParseMechanism(t.raw(t.c("mechanism")))
			if !ok {
				return p, false, t.fail(t.c("mechanism"), errors.New("want percent_off, amount_off, spend_save, buy_get or coupon"))
			}
			p.Mechanism = m
			if p.Scope.SKUs, err = list(t, t.c("skus")); err != nil {
				return p, false, err
			}
			if p.Scope.Categories, err = list(t, t.c("categories")); err != nil {
				return p, false, err
			}
			if p.Scope.Store, err = t.bool(t.c("store")); err != nil {
				return p, false, err
			}
			if s := t.raw(t.c("percent")); s != "" {
				if p.Percent, err = decimal.NewFromString(s); err != nil {
					return p, false, t.fail(t.c("percent"), errors.New("want a decimal fraction such as 0.20"))
				}
			}
			c, err := t.currency(t.c("currency"))
			if err != nil {
				return p, false, err
			}
			for _, f := range []struct {
				name string
				dst  *money.Money
			}{{"threshold", &p.Threshold}, {"amount", &p.Amount}, {"fixed_cost", &p.FixedCost}, {"media_cost", &p.MediaCost}} {
				if *f.dst, err = t.money(t.c(f.name), c, true); err != nil {
					return p, false, err
				}
			}
			if p.CostUnknown, err = t.bool(t.c("cost_unknown")); err != nil {
				return p, false, err
			}
			if p.CostUnknown {
				for _, f := range []struct {
					name string
					m    money.Money
				}{{"fixed_cost", p.FixedCost}, {"media_cost", p.MediaCost}} {
					if !f.m.IsZero() {
						return p, false, t.fail(t.c(f.name), fmt.Errorf("%s where cost_unknown is true: want it empty or 0", f.m.Amount()))
					}
				}
			}
			for _, f := range []struct {
				name string
				dst  *int64
			}{{"buy_qty", &p.BuyQty}, {"get_qty", &p.GetQty}} {
				if t.raw(t.c(f.name)) != "" {
					if *f.dst, err = t.int(t.c(f.name)); err != nil {
						return p, false, err
					}
				}
			}
			return p, true, nil
		}, yield)
	}
}

// list reads a list separated by "|"; an empty entry is an error.
func list(t *table, col int) ([]string, error) {
	s := t.text(col)
	if s == "" {
		return nil, nil
	}
	l := strings.Split(s, "|")
	if slices.Contains(l, "") {
		return nil, t.fail(col, fmt.Errorf("%q has an empty entry", s))
	}
	return l, nil
}

// WritePromotions writes promotions. A SKU or category that is empty or
// contains "|" cannot be written and is an error, as are amounts of two
// currencies in one promotion, costs that are not zero in a promotion
// whose costs are unknown (CostUnknown), a promotion without an ID or a currency,
// one with the ID of an earlier promotion, an undefined mechanism, a
// window that does not read back from its label, and text that readers
// reject.
func WritePromotions(w io.Writer, promos iter.Seq[promo.Promotion]) error {
	cw := newWriter(w, PromotionColumns)
	seen := map[string]bool{}
	for p := range promos {
		cw.at("promotion", p.ID)
		if seen[p.ID] {
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		}
		seen[p.ID] = true
		for _, s := range append(append([]string{}, p.Scope.SKUs...), p.Scope.Categories...) {
			if strings.Contains(s, "|") || s == "" {
				return fmt.Errorf("storedata: promotion %s: scope entry %q is empty or contains |", p.ID, s)
			}
		}
		if _, ok := promo.ParseMechanism(p.Mechanism.String()); !ok {
			return fmt.Errorf("storedata: %s: undefined mechanism %v", cw.what(), p.Mechanism)
		}
		if p.CostUnknown && (!p.FixedCost.IsZero() || !p.MediaCost.IsZero()) {
			return fmt.Errorf("storedata: %s: costs unknown (CostUnknown) but fixed cost %s and media cost %s", cw.what(), p.FixedCost, p.MediaCost)
		}
		if w, err := metrics.ParsePeriod(p.Window.Label(), p.Window.Start.Location()); err != nil || !w.Start.Equal(p.Window.Start) || !w.End.Equal(p.Window.End) {
			return fmt.Errorf("storedata: %s: the window does not read back from its label %q", cw.what(), p.Window.Label())
		}
		c := p.Threshold.Currency()
		for _, m := range []money.Money{p.Amount, p.FixedCost, p.MediaCost} {
			if c.IsZero() {
				c = m.Currency()
			}
		}
		if err := inCurrency(c, cw.what, p.Threshold, p.Amount, p.FixedCost, p.MediaCost); err != nil {
			return err
		}
		percent := ""
		if !p.Percent.IsZero() {
			percent = p.Percent.String()
		}
		qty := func(v int64) string {
			if v == 0 {
				return ""
			}
			return itoa(v)
		}
		cw.row([]string{cw.required("promotion_id", p.ID), cw.text("name", p.Name), p.Window.Label(), p.Mechanism.String(),
			cw.text("skus", strings.Join(p.Scope.SKUs, "|")), cw.text("categories", strings.Join(p.Scope.Categories, "|")), fmt.Sprint(p.Scope.Store),
			percent, amount(p.Threshold), amount(p.Amount), qty(p.BuyQty), qty(p.GetQty), c.Code(), amount(p.FixedCost), amount(p.MediaCost),
			fmt.Sprint(p.CostUnknown)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
