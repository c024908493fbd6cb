package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/metrics/service"
	"github.com/shopmetrics/shopmetrics/promo"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report"
)

// batchRows is the number of rows sent by one COPY.
const batchRows = 4096

// Load writes the data of in into the tables of opts.Schema (see
// [Schema]) with COPY, in one transaction: it writes all of in or, on an
// error, nothing. Orders, Events and Snapshots are read once, and go to
// the server in batches of a few thousand rows, so a large store is not
// held in memory. in.Store and in.Rejected have no table and are not
// written; opts.Strict and opts.Location do not matter.
//
// db must use the pgx driver (github.com/jackc/pgx/v5/stdlib). Load
// returns an error, and writes nothing, for a record that the readers
// would reject or give back differently: a missing ID, time or currency;
// an amount in another currency than its record's (the zero Money counts
// as zero in any currency); an order without lines; a quantity that is
// not positive (a snapshot's on hand excepted); a time with a fraction of
// a microsecond (PostgreSQL keeps microseconds); text with control
// characters other than tab, newline and carriage return; an event
// property whose key is a fixed column or is given twice; an ID given
// twice (the server's primary keys reject it). Of the optional kinds: a
// customer that profile.Customer.Validate rejects, or with a label that
// is empty or named like a column; a member's day, or a campaign's
// window, that is not whole days; points that ReadPoints rejects; a
// negative cost or discount, a competitor's price that is not positive;
// a points entry or a redemption that repeats the one before it (read
// back as a duplicate row). The error names the record.
func Load(ctx context.Context, db *sql.DB, in report.Input, opts Options) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("postgres: load: %w", err)
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("postgres: load: the connection's driver is %T, not pgx's stdlib", dc)
		}
		tx, err := c.Conn().Begin(ctx)
		if err != nil {
			return fmt.Errorf("postgres: load: %w", err)
		}
		defer tx.Rollback(ctx) //nolint:errcheck // after Commit it does nothing; after a failure the failure is returned
		l := &loader{ctx: ctx, tx: tx, opts: opts}
		if err := l.all(in); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("postgres: load: %w", err)
		}
		return nil
	})
}

type loader struct {
	ctx  context.Context
	tx   pgx.Tx
	opts Options
}

// batch collects the rows of one table and sends them with COPY.
type batch struct {
	l     *loader
	table string
	cols  []string
	rows  [][]any
}

func (l *loader) batch(table string, cs []col) *batch {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.name
	}
	return &batch{l: l, table: table, cols: names}
}

func (b *batch) add(row ...any) { b.rows = append(b.rows, row) }

func (b *batch) flush() error {
	if len(b.rows) == 0 {
		return nil
	}
	id := pgx.Identifier{b.table}
	if b.l.opts.Schema != "" {
		id = pgx.Identifier{b.l.opts.Schema, b.table}
	}
	_, err := b.l.tx.CopyFrom(b.l.ctx, id, b.cols, pgx.CopyFromRows(b.rows))
	b.rows = b.rows[:0]
	if err != nil {
		return fmt.Errorf("postgres: load %s: %w", b.table, err)
	}
	return nil
}

// each copies the values of seq, which add encodes into the batches
// (flushed in order whenever the first is full).
func each[T any](seq iter.Seq[T], add func(T) error, bs ...*batch) error {
	if seq == nil {
		return nil
	}
	flush := func() error {
		for _, b := range bs {
			if err := b.flush(); err != nil {
				return err
			}
		}
		return nil
	}
	for v := range seq {
		if err := add(v); err != nil {
			return err
		}
		if len(bs[0].rows) >= batchRows {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func (l *loader) all(in report.Input) error {
	orders, lines := l.batch("orders", orderCols), l.batch("order_lines", lineCols)
	if err := each(in.Orders, func(o metrics.Order) error { return addOrder(orders, lines, o) }, orders, lines); err != nil {
		return err
	}
	refunds, rlines := l.batch("refunds", refundCols), l.batch("refund_lines", refundLineCols)
	if err := each(slices.Values(in.Refunds), func(f metrics.Refund) error { return addRefund(refunds, rlines, f) }, refunds, rlines); err != nil {
		return err
	}
	events := l.batch("events", eventCols[1:]) // event_no numbers them in this order
	if err := each(in.Events, func(e funnel.Event) error { return addEvent(events, e) }, events); err != nil {
		return err
	}
	snaps := l.batch("inventory_snapshots", snapshotCols)
	if err := each(in.Snapshots, func(s inventory.Snapshot) error { return addSnapshot(snaps, s) }, snaps); err != nil {
		return err
	}
	for _, kind := range []func() error{
		func() error {
			b := l.batch("receipts", receiptCols[1:])
			return each(slices.Values(in.Receipts), func(g inventory.Receipt) error { return addReceipt(b, g) }, b)
		},
		func() error {
			b := l.batch("spend", spendCols)
			return each(slices.Values(in.Spend), func(s metrics.Spend) error { return addSpend(b, s) }, b)
		},
		func() error {
			b := l.batch("products", productCols)
			return each(slices.Values(in.Items), func(it inventory.Item) error { return addProduct(b, it) }, b)
		},
		func() error {
			b := l.batch("promotions", promotionCols)
			return each(slices.Values(in.Promotions), func(p promo.Promotion) error { return addPromotion(b, p) }, b)
		},
		func() error {
			b := l.batch("targets", targetCols)
			return each(slices.Values(in.Targets), func(g metrics.Target) error { return addTarget(b, g) }, b)
		},
		func() error {
			b := l.batch("tickets", ticketCols)
			return each(slices.Values(in.Tickets), func(k service.Ticket) error { return addTicket(b, k) }, b)
		},
		func() error {
			b := l.batch("customers", customerCols)
			return each(slices.Values(in.Customers), func(c profile.Customer) error { return addCustomer(b, c) }, b)
		},
		func() error {
			b := l.batch("members", memberCols)
			return each(slices.Values(in.Members), func(m loyalty.Member) error { return addMember(b, m) }, b)
		},
		func() error {
			b := l.batch("points", pointCols[1:]) // point_no numbers them in this order
			var prev *loyalty.Entry
			return each(slices.Values(in.Points), func(e loyalty.Entry) error {
				err := addPoints(b, e, prev)
				prev = &e
				return err
			}, b)
		},
		func() error {
			b := l.batch("campaigns", campaignCols)
			return each(slices.Values(in.Campaigns), func(c campaign.Campaign) error { return addCampaign(b, c) }, b)
		},
		func() error {
			b := l.batch("campaign_targets", campTargetCols)
			return each(slices.Values(in.CampaignTargets), func(g campaign.Target) error { return addCampaignTarget(b, g) }, b)
		},
		func() error {
			b := l.batch("coupon_redemptions", redemptionCols[1:]) // redemption_no numbers them in this order
			var prev *campaign.Redemption
			return each(slices.Values(in.Redemptions), func(d campaign.Redemption) error {
				err := addRedemption(b, d, prev)
				prev = &d
				return err
			}, b)
		},
		func() error {
			b := l.batch("competitor_prices", competitorPriceCols)
			return each(slices.Values(in.CompetitorPrices), func(p market.Price) error { return addCompetitorPrice(b, p) }, b)
		},
	} {
		if err := kind(); err != nil {
			return err
		}
	}
	return nil
}

// enc encodes the values of one record for COPY, keeping the first
// problem, which names the record.
type enc struct {
	what string // such as `order "o1"`
	err  error
}

func (e *enc) failf(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf("postgres: %s: %s", e.what, fmt.Sprintf(format, args...))
	}
}

// text encodes optional text: "" is NULL.
func (e *enc) text(name, s string) any {
	if s == "" {
		return nil
	}
	if err := validText(s); err != nil {
		e.failf("%s: %v", name, err)
	}
	return s
}

// required encodes text that must not be empty.
func (e *enc) required(name, s string) any {
	if s == "" {
		e.failf("no %s", name)
	}
	return e.text(name, s)
}

func (e *enc) currency(c money.Currency) any {
	if c.IsZero() {
		e.failf("no currency")
		return nil
	}
	return c.Code()
}

// money encodes an amount of c exactly, as a numeric of its own scale.
func (e *enc) money(name string, c money.Currency, m money.Money) any {
	if !m.Currency().Equal(c) && !(m.Currency().IsZero() && m.IsZero()) {
		e.failf("%s %s is not in %s", name, m, c.Code())
	}
	return number(m)
}

func number(m money.Money) pgtype.Numeric {
	d := m.Decimal()
	return pgtype.Numeric{Int: d.Coefficient(), Exp: d.Exponent(), Valid: true}
}

// time encodes a timestamptz; the zero time is NULL when optional.
func (e *enc) time(name string, t time.Time, optional bool) any {
	if t.IsZero() {
		if !optional {
			e.failf("no %s", name)
		}
		return nil
	}
	if t.Nanosecond()%1000 != 0 {
		e.failf("%s %s has a fraction of a microsecond, which PostgreSQL does not keep", name, t.Format(time.RFC3339Nano))
	}
	if y := t.Year(); y < 1000 || y > 9999 {
		e.failf("%s: year %d is out of range", name, y)
	}
	return t
}

// day encodes the calendar day of t in its own location.
func (e *enc) day(name string, t time.Time) any {
	if t.IsZero() {
		e.failf("no %s", name)
		return nil
	}
	return pgtype.Date{Time: time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), Valid: true}
}

func (e *enc) positive(name string, v int64) any {
	if v <= 0 {
		e.failf("%s %d is not positive", name, v)
	}
	return v
}

func addOrder(orders, lines *batch, o metrics.Order) error {
	e := &enc{what: fmt.Sprintf("order %q", o.ID)}
	if len(o.Lines) == 0 {
		e.failf("no lines")
	}
	if _, ok := metrics.ParseOrderStatus(o.Status.String()); !ok {
		e.failf("undefined status %v", o.Status)
	}
	orders.add(e.required("order_id", o.ID), e.text("customer_id", o.CustomerID), e.time("placed_at", o.PlacedAt, false),
		e.text("channel", o.Channel), o.Status.String(), e.currency(o.Currency),
		e.money("order_discount", o.Currency, o.Discount), e.money("shipping", o.Currency, o.Shipping), e.money("tax", o.Currency, o.Tax),
		e.text("promotion", o.Promotion),
		e.time("paid_at", o.PaidAt, true), e.time("shipped_at", o.ShippedAt, true), e.time("delivered_at", o.DeliveredAt, true),
		e.time("promised_by", o.PromisedBy, true), e.text("carrier", o.Carrier), e.text("region", o.Region))
	for i, l := range o.Lines {
		lines.add(o.ID, int32(i+1), e.required("sku", l.SKU), e.text("name", l.Name), e.text("category", l.Category),
			e.positive("quantity", l.Quantity), e.money("unit_price", o.Currency, l.UnitPrice),
			e.money("line_discount", o.Currency, l.Discount), e.money("unit_cost", o.Currency, l.UnitCost), e.text("line_promotion", l.Promotion))
	}
	return e.err
}

func addRefund(refunds, lines *batch, f metrics.Refund) error {
	e := &enc{what: fmt.Sprintf("refund %q", f.ID)}
	c := f.Amount.Currency()
	refunds.add(e.required("refund_id", f.ID), e.required("order_id", f.OrderID), e.time("refunded_at", f.At, false),
		e.currency(c), number(f.Amount), e.text("reason", f.Reason))
	for i, l := range f.Lines {
		lines.add(f.ID, int32(i+1), e.required("sku", l.SKU), e.positive("quantity", l.Quantity), l.Restocked)
	}
	return e.err
}

// fixedProps are the properties with a column of their own.
var fixedProps = []string{funnel.PropSession, funnel.PropSource, funnel.PropDevice}

func addEvent(events *batch, ev funnel.Event) error {
	e := &enc{what: fmt.Sprintf("event of user %q at %s", ev.UserID, ev.Time.Format(time.RFC3339Nano))}
	var fixed [3]any
	var props []byte
	for i, p := range ev.Props {
		if slices.ContainsFunc(ev.Props[:i], func(q funnel.Prop) bool { return q.Key == p.Key }) {
			e.failf("property %q is given twice", p.Key)
		}
		if k := slices.Index(fixedProps, p.Key); k >= 0 {
			fixed[k] = e.text(p.Key, p.Value)
			continue
		}
		switch p.Key {
		case "", "user_id", "time", "name", "event_no", "props":
			e.failf("property key %q is not a property name", p.Key)
		}
		if p.Value == "" {
			continue // an empty property is no property, as in the CSV file
		}
		e.text("property key", p.Key)
		e.text(p.Key, p.Value)
		k, _ := json.Marshal(p.Key)
		v, _ := json.Marshal(p.Value)
		if props == nil {
			props = append(props, '{')
		} else {
			props = append(props, ',')
		}
		props = append(append(append(props, k...), ':'), v...)
	}
	var pj any
	if props != nil {
		pj = string(append(props, '}'))
	}
	events.add(e.required("user_id", ev.UserID), e.time("time", ev.Time, false), e.required("name", ev.Name), fixed[0], fixed[1], fixed[2], pj)
	return e.err
}

func addSnapshot(b *batch, s inventory.Snapshot) error {
	e := &enc{what: fmt.Sprintf("snapshot of %q on %s", s.SKU, s.Day.Format(time.DateOnly))}
	c := s.UnitCost.Currency()
	b.add(e.required("sku", s.SKU), e.day("day", s.Day), s.OnHand, e.currency(c), number(s.UnitCost))
	return e.err
}

func addReceipt(b *batch, g inventory.Receipt) error {
	e := &enc{what: fmt.Sprintf("receipt of %q on %s", g.SKU, g.Day.Format(time.DateOnly))}
	c := g.UnitCost.Currency()
	var ordered, promised, qty any
	if !g.Ordered.IsZero() {
		ordered = e.day("ordered", g.Ordered)
	}
	if !g.Promised.IsZero() {
		promised = e.day("promised", g.Promised)
	}
	if g.OrderedQuantity < 0 {
		e.failf("ordered quantity %d is negative", g.OrderedQuantity)
	} else if g.OrderedQuantity > 0 {
		qty = g.OrderedQuantity
	}
	b.add(e.required("sku", g.SKU), e.day("day", g.Day), e.positive("quantity", g.Quantity), e.currency(c), number(g.UnitCost),
		e.text("supplier", g.Supplier), e.text("po_id", g.PO), ordered, promised, qty)
	return e.err
}

func addSpend(b *batch, s metrics.Spend) error {
	e := &enc{what: fmt.Sprintf("spend of %q on %s", s.Channel, s.Day.Format(time.DateOnly))}
	if s.Amount.IsNegative() {
		e.failf("negative amount %s", s.Amount)
	}
	b.add(e.required("channel", s.Channel), e.day("day", s.Day), e.currency(s.Amount.Currency()), number(s.Amount))
	return e.err
}

func addProduct(b *batch, it inventory.Item) error {
	e := &enc{what: fmt.Sprintf("product %q", it.SKU)}
	var cur, price any
	if c := it.UnitPrice.Currency(); !c.IsZero() {
		cur, price = c.Code(), number(it.UnitPrice)
	}
	if it.UnitPrice.IsNegative() {
		e.failf("negative price %s", it.UnitPrice)
	}
	var lead any
	if it.LeadTimeDays != 0 {
		lead = it.LeadTimeDays
	}
	if !(it.LeadTimeDays >= 0) || it.LeadTimeDays > 1e300 {
		e.failf("lead time %v is negative or not finite", it.LeadTimeDays)
	}
	b.add(e.required("sku", it.SKU), e.text("name", it.Name), e.text("category", it.Category), cur, price, lead)
	return e.err
}

func addPromotion(b *batch, p promo.Promotion) error {
	e := &enc{what: fmt.Sprintf("promotion %q", p.ID)}
	c := p.Threshold.Currency()
	for _, m := range []money.Money{p.Amount, p.FixedCost, p.MediaCost} {
		if c.IsZero() {
			c = m.Currency()
		}
	}
	if w, err := metrics.ParsePeriod(p.Window.Label(), p.Window.Start.Location()); err != nil || !w.Start.Equal(p.Window.Start) || !w.End.Equal(p.Window.End) {
		e.failf("the window does not read back from its label %q", p.Window.Label())
	}
	if _, ok := promo.ParseMechanism(p.Mechanism.String()); !ok {
		e.failf("undefined mechanism %v", p.Mechanism)
	}
	list := func(name string, l []string) any {
		if len(l) == 0 {
			return nil
		}
		for _, s := range l {
			e.required(name+" entry", s)
		}
		return l
	}
	var percent any
	if !p.Percent.IsZero() {
		percent = pgtype.Numeric{Int: p.Percent.Coefficient(), Exp: p.Percent.Exponent(), Valid: true}
	}
	b.add(e.required("promotion_id", p.ID), e.text("name", p.Name), p.Window.Label(), p.Mechanism.String(),
		list("skus", p.Scope.SKUs), list("categories", p.Scope.Categories), p.Scope.Store, percent,
		e.money("threshold", c, p.Threshold), e.money("amount", c, p.Amount), p.BuyQty, p.GetQty, e.currency(c),
		e.money("fixed_cost", c, p.FixedCost), e.money("media_cost", c, p.MediaCost), p.CostUnknown)
	return e.err
}

func addTarget(b *batch, g metrics.Target) error {
	e := &enc{what: fmt.Sprintf("target %s %s", g.Metric, g.Period.Label())}
	if _, ok := metrics.LookupKPI(g.Metric); !ok {
		e.failf("unknown metric %q", g.Metric)
	}
	if p, err := metrics.ParsePeriod(g.Period.Label(), g.Period.Start.Location()); err != nil || !p.Start.Equal(g.Period.Start) || !p.End.Equal(g.Period.End) {
		e.failf("the period does not read back from its label")
	}
	if !(g.Value == g.Value) || g.Value > 1e308 || g.Value < -1e308 {
		e.failf("value %v is not finite", g.Value)
	}
	var cur, amt, val any
	if c := g.Amount.Currency(); !c.IsZero() {
		cur, amt = c.Code(), number(g.Amount)
	}
	if g.Value != 0 || amt == nil {
		val = g.Value
	}
	b.add(g.Metric, g.Period.Label(), cur, amt, val)
	return e.err
}

func addTicket(b *batch, k service.Ticket) error {
	e := &enc{what: fmt.Sprintf("ticket %q", k.ID)}
	var score any
	switch {
	case k.Score < 0 || k.Score > 5:
		e.failf("score %d is out of range 1–5", k.Score)
	case k.Score > 0:
		score = int16(k.Score)
	}
	b.add(e.required("ticket_id", k.ID), e.text("customer_id", k.CustomerID), e.text("order_id", k.OrderID), e.text("channel", k.Channel),
		e.time("opened_at", k.OpenedAt, false), e.time("first_response_at", k.FirstResponseAt, true), e.time("resolved_at", k.ResolvedAt, true),
		k.Reopened, e.text("reason", k.Reason), score)
	return e.err
}
