package storedata

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report"
)

// The kinds of the CRM campaign files.
const (
	kindCampaigns   = "campaigns"
	kindTargetLists = "campaign_targets"
	kindRedemptions = "coupon_redemptions"
)

// The files of the CRM campaigns.
const (
	fileCampaigns   = kindCampaigns + ".csv"
	fileTargetLists = kindTargetLists + ".csv"
	fileRedemptions = kindRedemptions + ".csv"
)

// readCampaigns collects the CRM campaign files of a directory into in,
// for [Dir].
func readCampaigns(s *Source, in *report.Input, path func(string) string, at func(string) Options) error {
	var errs []error
	var err error
	in.Campaigns, err = collect(s, path(fileCampaigns), at(fileCampaigns), ReadCampaigns)
	errs = append(errs, err)
	in.CampaignTargets, err = collect(s, path(fileTargetLists), at(fileTargetLists), ReadCampaignTargets)
	errs = append(errs, err)
	in.Redemptions, err = collect(s, path(fileRedemptions), at(fileRedemptions), ReadRedemptions)
	errs = append(errs, err)
	return errors.Join(errs...)
}

// CampaignColumns is the header of the CRM campaigns file.
var CampaignColumns = []string{"campaign_id", "name", "start", "end", "currency", "cost"}

// CampaignTargetColumns is the header of the campaign targets file.
var CampaignTargetColumns = []string{"campaign_id", "customer_id", "group"}

// RedemptionColumns is the header of the coupon redemptions file.
var RedemptionColumns = []string{"campaign_id", "customer_id", "day", "order_id", "currency", "discount"}

// ReadCampaigns reads the CRM campaigns file (campaigns.csv), one campaign
// per row: its window runs from the start day to the end day, both
// included, in the store's zone; its cost (besides its coupons'
// discounts) is in currency, 0 when none. An empty cost cell means the
// cost is not known: the campaign's Cost is the zero Money
// (campaign.Campaign.CostKnown false), whose gain and ROI the review
// leaves n/a, and its currency cell may be empty too. A campaign_id used
// by an earlier row is an ErrDuplicateID error, an end before the start
// or a negative cost an error of its row.
func ReadCampaigns(r io.Reader, opts Options) iter.Seq2[campaign.Campaign, error] {
	return func(yield func(campaign.Campaign, error) bool) {
		seen := ids{}
		rows(r, opts, kindCampaigns, []string{"campaign_id", "start", "end", "currency", "cost"}, CampaignColumns, true, func(t *table) (campaign.Campaign, bool, error) {
			var c campaign.Campaign
			var err error
			if c.ID, err = t.required(t.c("campaign_id")); err != nil {
				return c, false, err
			}
			if err := seen.add(t, "campaign", c.ID); err != nil {
				return c, false, err
			}
			c.Name = t.text(t.c("name"))
			start, err := t.day(t.c("start"))
			if err != nil {
				return c, false, err
			}
			end, err := t.day(t.c("end"))
			if err != nil {
				return c, false, err
			}
			if end.Before(start) {
				return c, false, t.fail(t.c("end"), fmt.Errorf("the end %s is before the start %s", t.raw(t.c("end")), t.raw(t.c("start"))))
			}
			e := end.AddDate(0, 0, 1)
			c.Window = metrics.Period{Start: start, End: metrics.DayOf(e.Year(), e.Month(), e.Day(), t.opts.loc()).Start}
			if t.raw(t.c("cost")) == "" { // not known: the zero Money
				if t.raw(t.c("currency")) != "" {
					if _, err := t.currency(t.c("currency")); err != nil {
						return c, false, err
					}
				}
				return c, true, nil
			}
			cur, err := t.currency(t.c("currency"))
			if err != nil {
				return c, false, err
			}
			if c.Cost, err = t.money(t.c("cost"), cur, false); err != nil {
				return c, false, err
			}
			if c.Cost.IsNegative() {
				return c, false, t.fail(t.c("cost"), fmt.Errorf("negative cost %s", t.raw(t.c("cost"))))
			}
			return c, true, nil
		}, yield)
	}
}

// WriteCampaigns writes campaigns; a campaign whose cost is not known
// (campaign.Campaign.CostKnown false) has empty currency and cost cells.
// A campaign without an ID, with the ID of an earlier one, a negative
// cost, an amount without a currency, a window that does not run from
// midnight to midnight of its start's zone, a year outside 0–9999 or text
// that readers reject is an error.
func WriteCampaigns(w io.Writer, cs iter.Seq[campaign.Campaign]) error {
	cw := newWriter(w, CampaignColumns)
	seen := map[string]bool{}
	for c := range cs {
		cw.at("campaign", c.ID)
		if seen[c.ID] {
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		}
		seen[c.ID] = true
		if c.Cost.IsNegative() {
			return fmt.Errorf("storedata: %s: negative cost %s", cw.what(), c.Cost)
		}
		loc := c.Window.Start.Location()
		s, e := c.Window.Start, c.Window.End.In(loc)
		if !e.After(s) || !s.Equal(metrics.DayOf(s.Year(), s.Month(), s.Day(), loc).Start) || !e.Equal(metrics.DayOf(e.Year(), e.Month(), e.Day(), loc).Start) {
			return fmt.Errorf("storedata: %s: the window %s is not whole days", cw.what(), c.Window)
		}
		last := e.AddDate(0, 0, -1)
		code, cost := "", ""
		if c.CostKnown() || !c.Cost.IsZero() { // an amount without a currency fails in cw.currency
			code, cost = cw.currency(c.Cost.Currency()), amount(c.Cost)
		}
		cw.row([]string{cw.required("campaign_id", c.ID), cw.text("name", c.Name), cw.day(s), cw.day(last), code, cost})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}

// ReadCampaignTargets reads the campaign targets file
// (campaign_targets.csv): one row per campaign and customer, whose group
// is target (sent the offer; the default when the cell is empty) or
// control (a randomised holdout). A customer listed twice for a campaign
// is an ErrDuplicateID error. Whether each campaign exists is checked by
// the review, which sees the campaigns file.
func ReadCampaignTargets(r io.Reader, opts Options) iter.Seq2[campaign.Target, error] {
	return func(yield func(campaign.Target, error) bool) {
		seen := ids{}
		rows(r, opts, kindTargetLists, []string{"campaign_id", "customer_id"}, CampaignTargetColumns, true, func(t *table) (campaign.Target, bool, error) {
			var g campaign.Target
			var err error
			if g.Campaign, err = t.required(t.c("campaign_id")); err != nil {
				return g, false, err
			}
			if g.Customer, err = t.required(t.c("customer_id")); err != nil {
				return g, false, err
			}
			if err := seen.add(t, "target", g.Customer+" of campaign "+g.Campaign); err != nil {
				return g, false, err
			}
			if s := t.raw(t.c("group")); s != "" {
				var ok bool
				if g.Group, ok = campaign.ParseGroup(s); !ok {
					return g, false, t.fail(t.c("group"), errors.New("want target or control"))
				}
			}
			return g, true, nil
		}, yield)
	}
}

// WriteCampaignTargets writes target lists. A target without a campaign
// or a customer, a customer listed twice for a campaign, an undefined
// group or text that readers reject is an error.
func WriteCampaignTargets(w io.Writer, ts iter.Seq[campaign.Target]) error {
	cw := newWriter(w, CampaignTargetColumns)
	seen := map[[2]string]bool{}
	for g := range ts {
		cw.at("target of campaign "+g.Campaign+":", g.Customer)
		k := [2]string{g.Campaign, g.Customer}
		if seen[k] {
			return fmt.Errorf("storedata: %s is written twice", cw.what())
		}
		seen[k] = true
		if _, ok := campaign.ParseGroup(g.Group.String()); !ok {
			return fmt.Errorf("storedata: %s: undefined group %v", cw.what(), g.Group)
		}
		cw.row([]string{cw.required("campaign_id", g.Campaign), cw.required("customer_id", g.Customer), g.Group.String()})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}

// ReadRedemptions reads the coupon redemptions file
// (coupon_redemptions.csv): one row per coupon of a campaign redeemed,
// with the customer, the day, the order (may be empty) and the discount.
// A negative discount is an error of its row; a row that repeats the one
// before it is skipped as an ErrDuplicateRow.
func ReadRedemptions(r io.Reader, opts Options) iter.Seq2[campaign.Redemption, error] {
	return func(yield func(campaign.Redemption, error) bool) {
		rows(r, opts, kindRedemptions, []string{"campaign_id", "customer_id", "day", "currency", "discount"}, RedemptionColumns, true, func(t *table) (campaign.Redemption, bool, error) {
			var d campaign.Redemption
			var err error
			if d.Campaign, err = t.required(t.c("campaign_id")); err != nil {
				return d, false, err
			}
			if d.Customer, err = t.required(t.c("customer_id")); err != nil {
				return d, false, err
			}
			if d.Day, err = t.day(t.c("day")); err != nil {
				return d, false, err
			}
			d.Order = t.text(t.c("order_id"))
			cur, err := t.currency(t.c("currency"))
			if err != nil {
				return d, false, err
			}
			if d.Discount, err = t.money(t.c("discount"), cur, false); err != nil {
				return d, false, err
			}
			if d.Discount.IsNegative() {
				return d, false, t.fail(t.c("discount"), fmt.Errorf("negative discount %s", t.raw(t.c("discount"))))
			}
			return d, true, nil
		}, yield)
	}
}

// WriteRedemptions writes redemptions, each day as its date in the day's
// own zone. A redemption without a campaign, a customer or a currency,
// with a negative discount, a year outside 0–9999, text that readers
// reject, or that repeats the row before it, is an error.
func WriteRedemptions(w io.Writer, rs iter.Seq[campaign.Redemption]) error {
	cw := newWriter(w, RedemptionColumns)
	for d := range rs {
		cw.at("redemption of campaign "+d.Campaign+" by", d.Customer)
		if d.Discount.IsNegative() {
			return fmt.Errorf("storedata: %s: negative discount %s", cw.what(), d.Discount)
		}
		cw.row([]string{cw.required("campaign_id", d.Campaign), cw.required("customer_id", d.Customer), cw.day(d.Day),
			cw.text("order_id", d.Order), cw.currency(d.Discount.Currency()), amount(d.Discount)})
		if cw.err != nil {
			break
		}
	}
	return cw.close()
}
