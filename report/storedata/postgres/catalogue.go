package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var (
	productCols   = cols("products", false, "sku", "name", "category", "currency", "unit_price", "lead_time_days")
	promotionCols = cols("promotions", false, "promotion_id", "name", "window", "mechanism", "skus", "categories", "store",
		"percent", "threshold", "amount", "buy_qty", "get_qty", "currency", "fixed_cost", "media_cost", "cost_unknown")
	targetCols = cols("targets", false, "metric", "period", "currency", "amount", "value")
	ticketCols = cols("tickets", false, "ticket_id", "customer_id", "order_id", "channel", "opened_at", "first_response_at",
		"resolved_at", "reopened", "reason", "score")
)

// ReadProducts streams the catalogue in sku order. A unit_price needs a
// currency and must not be negative; lead_time_days must not be negative.
func ReadProducts(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[inventory.Item, error] {
	return func(yield func(inventory.Item, error) bool) {
		readTable(ctx, db, opts, "products", productCols, "sku", func(r *row) (inventory.Item, error) {
			r.keyOf("product", 0)
			var it inventory.Item
			var err error
			if it.SKU, err = r.required(0); err != nil {
				return it, err
			}
			if it.Name, err = r.text(1); err != nil {
				return it, err
			}
			if it.Category, err = r.text(2); err != nil {
				return it, err
			}
			if !r.null(4) {
				c, err := r.currency(3)
				if err != nil {
					return it, err
				}
				if it.UnitPrice, err = r.money(4, c, false); err != nil {
					return it, err
				}
				if it.UnitPrice.IsNegative() {
					return it, r.fail(4, errors.New("negative price "+it.UnitPrice.Amount()))
				}
			}
			if it.LeadTimeDays, err = r.float(5, true); err != nil {
				return it, err
			}
			if it.LeadTimeDays < 0 {
				return it, r.fail(5, errors.New("negative"))
			}
			return it, nil
		}, yield)
	}
}

// ReadPromotions streams promotions in promotion_id order. window is a
// period label, as in the CSV file; skus and categories are arrays whose
// entries must not be NULL or empty.
func ReadPromotions(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[promo.Promotion, error] {
	return func(yield func(promo.Promotion, error) bool) {
		readTable(ctx, db, opts, "promotions", promotionCols, "promotion_id", func(r *row) (promo.Promotion, error) {
			r.keyOf("promotion", 0)
			var p promo.Promotion
			var err error
			if p.ID, err = r.required(0); err != nil {
				return p, err
			}
			if p.Name, err = r.text(1); err != nil {
				return p, err
			}
			w, err := r.required(2)
			if err != nil {
				return p, err
			}
			if p.Window, err = metrics.ParsePeriod(w, opts.loc()); err != nil {
				return p, r.fail(2, err)
			}
			m, err := r.required(3)
			if err != nil {
				return p, err
			}
			var ok bool
			if p.Mechanism, ok = promo.ParseMechanism(m); !ok {
				return p, r.fail(3, fmt.Errorf("%q: want percent_off, amount_off, spend_save, buy_get or coupon", m))
			}
			if p.Scope.SKUs, err = r.list(4); err != nil {
				return p, err
			}
			if p.Scope.Categories, err = r.list(5); err != nil {
				return p, err
			}
			if p.Scope.Store, err = r.bool(6); err != nil {
				return p, err
			}
			if !r.null(7) {
				s, _ := r.cells[7].v.(string)
				if !storedata.PlainAmount(s) {
					return p, r.fail(7, fmt.Errorf("%s is not a decimal fraction such as 0.20", r.quote(7)))
				}
				if p.Percent, err = decimal.NewFromString(s); err != nil {
					return p, r.fail(7, err)
				}
			}
			c, err := r.currency(12)
			if err != nil {
				return p, err
			}
			for i, dst := range []*money.Money{8: &p.Threshold, 9: &p.Amount, 13: &p.FixedCost, 14: &p.MediaCost} {
				if dst != nil {
					if *dst, err = r.money(i, c, true); err != nil {
						return p, err
					}
				}
			}
			if p.CostUnknown, err = r.bool(15); err != nil {
				return p, err
			}
			if p.CostUnknown { // schema.sql's CHECK, for a table made without it
				for _, c := range []struct {
					i int
					m money.Money
				}{{13, p.FixedCost}, {14, p.MediaCost}} {
					if !c.m.IsZero() {
						return p, r.fail(c.i, fmt.Errorf("%s where cost_unknown is true: want it 0", c.m.Amount()))
					}
				}
			}
			if p.BuyQty, err = r.optInt(10); err != nil {
				return p, err
			}
			p.GetQty, err = r.optInt(11)
			return p, err
		}, yield)
	}
}

// list reads a text[] column (selected as JSON); NULL is an empty list.
func (r *row) list(i int) ([]string, error) {
	s, ok := r.cells[i].v.(string)
	if !ok {
		return nil, nil
	}
	var l []*string
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, r.fail(i, fmt.Errorf("%s is not a list of text", r.quote(i)))
	}
	out := make([]string, 0, len(l))
	for _, e := range l {
		if e == nil || *e == "" {
			return nil, r.fail(i, fmt.Errorf("%s has an empty or NULL entry", r.quote(i)))
		}
		if err := validText(*e); err != nil {
			return nil, r.fail(i, err)
		}
		out = append(out, *e)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// ReadTargets streams targets in (metric, period) order. metric must be
// a KPI key (storedata.ErrUnknownMetric otherwise); a money metric gives
// currency and amount, a count or ratio gives value.
func ReadTargets(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[metrics.Target, error] {
	return func(yield func(metrics.Target, error) bool) {
		readTable(ctx, db, opts, "targets", targetCols, "metric, period", func(r *row) (metrics.Target, error) {
			r.keyOf("target", 0, 1)
			var g metrics.Target
			var err error
			if g.Metric, err = r.required(0); err != nil {
				return g, err
			}
			if _, ok := metrics.LookupKPI(g.Metric); !ok {
				return g, r.fail(0, fmt.Errorf("%w %q: want a KPI key such as net_sales (metrics.KPIs lists them)", storedata.ErrUnknownMetric, g.Metric))
			}
			p, err := r.required(1)
			if err != nil {
				return g, err
			}
			if g.Period, err = metrics.ParsePeriod(p, opts.loc()); err != nil {
				return g, r.fail(1, err)
			}
			if !r.null(3) {
				c, err := r.currency(2)
				if err != nil {
					return g, err
				}
				if g.Amount, err = r.money(3, c, false); err != nil {
					return g, err
				}
			}
			if g.Value, err = r.float(4, true); err != nil {
				return g, err
			}
			if r.null(3) && r.null(4) {
				return g, r.rowErr("targets", r.line, errors.New("neither amount nor value"))
			}
			return g, nil
		}, yield)
	}
}

// ReadTickets streams tickets in ticket_id order. A score must be NULL
// (none given) or 1–5.
func ReadTickets(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[service.Ticket, error] {
	return func(yield func(service.Ticket, error) bool) {
		readTable(ctx, db, opts, "tickets", ticketCols, "ticket_id", func(r *row) (service.Ticket, error) {
			r.keyOf("ticket", 0)
			var k service.Ticket
			var err error
			if k.ID, err = r.required(0); err != nil {
				return k, err
			}
			for i, dst := range []*string{1: &k.CustomerID, 2: &k.OrderID, 3: &k.Channel, 8: &k.Reason} {
				if dst != nil {
					if *dst, err = r.text(i); err != nil {
						return k, err
					}
				}
			}
			for i, dst := range []*time.Time{4: &k.OpenedAt, 5: &k.FirstResponseAt, 6: &k.ResolvedAt} {
				if dst != nil {
					if *dst, err = r.time(i, i != 4); err != nil {
						return k, err
					}
				}
			}
			if k.Reopened, err = r.bool(7); err != nil {
				return k, err
			}
			score, err := r.optInt(9)
			if err != nil {
				return k, err
			}
			if score < 0 || score > 5 || score == 0 && !r.null(9) {
				return k, r.fail(9, errRange("score", score))
			}
			k.Score = int(score)
			return k, nil
		}, yield)
	}
}
