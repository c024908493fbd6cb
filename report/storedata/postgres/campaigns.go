package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

var (
	campaignCols   = cols("campaigns", false, "campaign_id", "name", "start", "end", "currency", "cost")
	campTargetCols = cols("campaign_targets", false, "campaign_id", "customer_id", "group")
	redemptionCols = cols("coupon_redemptions", false, "redemption_no", "campaign_id", "customer_id", "day", "order_id", "currency", "discount")
)

// ReadCampaigns streams the CRM campaigns (精准营销) in the order of their
// windows (start, end, then campaign_id), the order in which the review
// lists them, as it lists the rows of a campaigns file. A campaign's window runs from the start day to the end day, both
// included, in the store's zone; its cost (besides its coupons'
// discounts) is in currency, and NULL is 0. campaign_id is used once (a
// second row is a storedata.ErrDuplicateID error); an end before the
// start or a negative cost is an error of its row.
func ReadCampaigns(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[campaign.Campaign, error] {
	return func(yield func(campaign.Campaign, error) bool) {
		seen := map[string]int{}
		readTable(ctx, db, opts, "campaigns", campaignCols, `start, "end", campaign_id`, func(r *row) (campaign.Campaign, error) {
			r.keyOf("campaign", 0)
			var c campaign.Campaign
			var err error
			if c.ID, err = r.required(0); err != nil {
				return c, err
			}
			if l, dup := seen[c.ID]; dup {
				return c, r.rowErr("campaigns", r.line, fmt.Errorf("%w: used by row %d too", storedata.ErrDuplicateID, l))
			}
			seen[c.ID] = r.line
			if c.Name, err = r.text(1); err != nil {
				return c, err
			}
			start, err := r.day(2)
			if err != nil {
				return c, err
			}
			end, err := r.day(3)
			if err != nil {
				return c, err
			}
			if end.Before(start) {
				return c, r.fail(3, fmt.Errorf("the end %s is before the start %s", r.quote(3), r.quote(2)))
			}
			e := end.AddDate(0, 0, 1)
			c.Window = metrics.Period{Start: start, End: metrics.DayOf(e.Year(), e.Month(), e.Day(), opts.loc()).Start}
			cur, err := r.currency(4)
			if err != nil {
				return c, err
			}
			if c.Cost, err = r.money(5, cur, true); err != nil {
				return c, err
			}
			if c.Cost.IsNegative() {
				return c, r.fail(5, fmt.Errorf("negative cost %s", r.raw(5)))
			}
			return c, nil
		}, yield)
	}
}

// ReadCampaignTargets streams the campaigns' lists in (campaign_id,
// customer_id) order: group is target (sent the offer; NULL is target)
// or control (a randomised holdout). A customer listed twice for a
// campaign is a storedata.ErrDuplicateID error. Whether each campaign
// exists is checked by the review, which sees the campaigns.
func ReadCampaignTargets(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[campaign.Target, error] {
	return func(yield func(campaign.Target, error) bool) {
		var prev string
		var line int
		readTable(ctx, db, opts, "campaign_targets", campTargetCols, "campaign_id, customer_id", func(r *row) (campaign.Target, error) {
			r.keyOf("target", 1, 0)
			var g campaign.Target
			var err error
			if g.Campaign, err = r.required(0); err != nil {
				return g, err
			}
			if g.Customer, err = r.required(1); err != nil {
				return g, err
			}
			if err := r.unique(&prev, &line); err != nil {
				return g, err
			}
			s, err := r.text(2)
			if err != nil {
				return g, err
			}
			if s != "" {
				var ok bool
				if g.Group, ok = campaign.ParseGroup(s); !ok {
					return g, r.fail(2, fmt.Errorf("%q: want target or control", s))
				}
			}
			return g, nil
		}, yield)
	}
}

// ReadRedemptions streams the coupons of the campaigns redeemed, in
// redemption_no order (the order they were loaded in): the campaign, the
// customer, the day, the order (NULL when unknown) and the discount, not
// negative. A row that repeats the row before it (all but redemption_no)
// is a storedata.ErrDuplicateRow error, as in the CSV file.
func ReadRedemptions(ctx context.Context, db *sql.DB, opts Options) iter.Seq2[campaign.Redemption, error] {
	return func(yield func(campaign.Redemption, error) bool) {
		var prev campaign.Redemption
		var line int
		readTable(ctx, db, opts, "coupon_redemptions", redemptionCols, "redemption_no", func(r *row) (campaign.Redemption, error) {
			r.keyOf("redemption", 0)
			var d campaign.Redemption
			var err error
			if d.Campaign, err = r.required(1); err != nil {
				return d, err
			}
			if d.Customer, err = r.required(2); err != nil {
				return d, err
			}
			if d.Day, err = r.day(3); err != nil {
				return d, err
			}
			if d.Order, err = r.text(4); err != nil {
				return d, err
			}
			cur, err := r.currency(5)
			if err != nil {
				return d, err
			}
			if d.Discount, err = r.money(6, cur, false); err != nil {
				return d, err
			}
			if d.Discount.IsNegative() {
				return d, r.fail(6, fmt.Errorf("negative discount %s", r.raw(6)))
			}
			if line > 0 && sameRedemption(d, prev) {
				return d, r.rowErr("coupon_redemptions", r.line, fmt.Errorf("%w: row %d is the same redemption", storedata.ErrDuplicateRow, line))
			}
			prev, line = d, r.line
			return d, nil
		}, yield)
	}
}

func sameRedemption(a, b campaign.Redemption) bool {
	return a.Campaign == b.Campaign && a.Customer == b.Customer && a.Day.Equal(b.Day) && a.Order == b.Order && a.Discount.Equal(b.Discount)
}

func addCampaign(b *batch, c campaign.Campaign) error {
	e := &enc{what: fmt.Sprintf("campaign %q", c.ID)}
	if c.Cost.IsNegative() {
		e.failf("negative cost %s", c.Cost)
	}
	s, end := c.Window.Start, c.Window.End.In(c.Window.Start.Location())
	var last any
	if !end.After(s) || !wholeDay(s) || !wholeDay(end) {
		e.failf("the window %s is not whole days", c.Window)
	} else {
		last = e.day("end", end.AddDate(0, 0, -1))
	}
	cur := c.Cost.Currency()
	b.add(e.required("campaign_id", c.ID), e.text("name", c.Name), e.day("start", s), last, e.currency(cur), number(c.Cost))
	return e.err
}

func addCampaignTarget(b *batch, g campaign.Target) error {
	e := &enc{what: fmt.Sprintf("target %q of campaign %q", g.Customer, g.Campaign)}
	if _, ok := campaign.ParseGroup(g.Group.String()); !ok {
		e.failf("undefined group %v", g.Group)
	}
	b.add(e.required("campaign_id", g.Campaign), e.required("customer_id", g.Customer), g.Group.String())
	return e.err
}

// addRedemption adds a redemption; prev is the one before it, if any,
// which it must not repeat.
func addRedemption(b *batch, d campaign.Redemption, prev *campaign.Redemption) error {
	e := &enc{what: fmt.Sprintf("redemption by %q of campaign %q on %s", d.Customer, d.Campaign, d.Day.Format(time.DateOnly))}
	if d.Discount.IsNegative() {
		e.failf("negative discount %s", d.Discount)
	}
	if prev != nil && sameRedemption(d, *prev) {
		e.failf("repeats the redemption before it, which reads as a duplicate row")
	}
	b.add(e.required("campaign_id", d.Campaign), e.required("customer_id", d.Customer), e.day("day", d.Day),
		e.text("order_id", d.Order), e.currency(d.Discount.Currency()), number(d.Discount))
	return e.err
}
