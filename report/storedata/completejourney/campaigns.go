package completejourney

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
	crm "github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
	"github.com/shopmetrics/shopmetrics/report/storedata/internal/csvtable"
)

// Coupon is one row of coupons.csv: a coupon valid for one product in one
// campaign (a coupon valid for several products has several rows).
type Coupon struct {
	UPC        string
	ProductID  string
	CampaignID string
}

// CouponColumns and CampaignColumns are the columns of coupons.csv and
// campaign_descriptions.csv.
var (
	CouponColumns   = []string{"coupon_upc", "product_id", "campaign_id"}
	CampaignColumns = []string{"campaign_id", "campaign_type", "start_date", "end_date"}
)

// ErrNoCoupons: a campaign without coupons has no products, so no scope.
var ErrNoCoupons = errors.New("completejourney: campaign without coupons")

// ReadCoupons reads coupons.csv, one [Coupon] per row. An empty cell is a
// *storedata.ParseError; lenient and strict reading as elsewhere.
func ReadCoupons(r io.Reader, opts storedata.Options) iter.Seq2[Coupon, error] {
	return func(yield func(Coupon, error) bool) {
		t, err := csvtable.Open(r, opts, CouponColumns, nil)
		if err != nil {
			yield(Coupon{}, err)
			return
		}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var c Coupon
			if err == nil {
				c.UPC, err = t.Required("coupon_upc")
			}
			if err == nil {
				c.ProductID, err = t.Required("product_id")
			}
			if err == nil {
				c.CampaignID, err = t.Required("campaign_id")
			}
			if err != nil {
				if !yield(Coupon{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(c, nil) {
				return
			}
		}
	}
}

// ReadCampaigns reads campaign_descriptions.csv as promotions, one per
// campaign: the ID is the campaign_id, the name "Type B campaign 1" (the
// campaign_type and ID), the window from start_date to end_date (both
// days included, in opts.Location), the mechanism promo.Coupon, and the
// scope the products of the campaign's coupons, sorted. The data gives no
// coupon values and no campaign costs, which is not that they were zero:
// the costs are not known (CostUnknown true, FixedCost and MediaCost the
// zero Money, of no currency), and the coupon's value (Threshold,
// Amount), which a coupon promotion does not read, is left the zero
// Money too. The review measures the sales of the promoted products
// against their baseline, and the discounts given (the transactions'
// coupon discounts on the lines of its products), and shows the cost,
// the ROI and the verdict's grounds as not recorded (n/a), never as a
// cost of $0.00.
//
// Which households received a campaign (campaigns.csv) and their
// coupon redemptions are read for the CRM campaigns part instead
// ([ReadCRMCampaigns], [ReadTargets], [ReadRedemptions]); as promotions,
// the campaigns are not targeted, and [ReadTransactions] marks the lines
// bought with a coupon.
//
// A bad row is a *storedata.ParseError: an empty campaign_id, a campaign
// given twice (storedata.ErrDuplicateID), a date that is not YYYY-MM-DD
// or an end before the start, and a campaign without coupons
// ([ErrNoCoupons]).
func ReadCampaigns(r io.Reader, coupons []Coupon, opts storedata.Options) iter.Seq2[promo.Promotion, error] {
	return func(yield func(promo.Promotion, error) bool) {
		t, err := csvtable.Open(r, opts, CampaignColumns, nil)
		if err != nil {
			yield(promo.Promotion{}, err)
			return
		}
		products := map[string][]string{}
		for _, c := range coupons {
			products[c.CampaignID] = append(products[c.CampaignID], c.ProductID)
		}
		loc := csvtable.Location(opts)
		seen := map[string]int{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var p promo.Promotion
			if err == nil {
				p, err = campaign(t, products, seen)
			}
			if err == nil {
				w, werr := metrics.ParsePeriod(t.Get("start_date")+".."+t.Get("end_date"), loc)
				if werr != nil {
					err = t.Fail("end_date", fmt.Errorf("%s to %s: want two days YYYY-MM-DD, the end not before the start", t.Get("start_date"), t.Get("end_date")))
				}
				p.Window = w
			}
			if err != nil {
				if !yield(promo.Promotion{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(p, nil) {
				return
			}
		}
	}
}

func campaign(t *csvtable.Table, products map[string][]string, seen map[string]int) (promo.Promotion, error) {
	var p promo.Promotion
	id, err := t.Required("campaign_id")
	if err != nil {
		return p, err
	}
	if l, dup := seen[id]; dup {
		return p, t.Fail("campaign_id", fmt.Errorf("%w: campaign %s (first on line %d)", storedata.ErrDuplicateID, id, l))
	}
	seen[id] = t.Line()
	skus := slices.Compact(slices.Sorted(slices.Values(products[id])))
	if len(skus) == 0 {
		return p, t.Fail("campaign_id", fmt.Errorf("%w: campaign %s", ErrNoCoupons, id))
	}
	// No amount is recorded: the costs are not known, not zero.
	return promo.Promotion{ID: id, Name: t.Get("campaign_type") + " campaign " + id, Mechanism: promo.Coupon,
		Scope: promo.Scope{SKUs: skus}, CostUnknown: true}, nil
}

// TargetColumns and RedemptionColumns are the columns of campaigns.csv
// and coupon_redemptions.csv.
var (
	TargetColumns     = []string{"campaign_id", "household_id"}
	RedemptionColumns = []string{"household_id", "coupon_upc", "campaign_id", "redemption_date"}
)

// ReadCRMCampaigns reads campaign_descriptions.csv as CRM campaigns (精准营销)
// for the promo/campaign package: the ID is the campaign_id, the name "Type B
// campaign 1", the window from start_date to end_date (both days
// included, in opts.Location). The data gives no campaign costs: the
// cost is left the zero Money, not known (crm.Campaign.CostKnown false),
// so the review measures response, redemption and incremental sales and
// shows the cost, the gain and the ROI as n/a, never as $0.00. A bad row is a
// *storedata.ParseError: an empty campaign_id, a campaign given twice
// (storedata.ErrDuplicateID), a date that is not YYYY-MM-DD or an end
// before the start.
func ReadCRMCampaigns(r io.Reader, opts storedata.Options) iter.Seq2[crm.Campaign, error] {
	return func(yield func(crm.Campaign, error) bool) {
		t, err := csvtable.Open(r, opts, CampaignColumns, nil)
		if err != nil {
			yield(crm.Campaign{}, err)
			return
		}
		loc := csvtable.Location(opts)
		seen := map[string]int{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var c crm.Campaign
			if err == nil {
				c.ID, err = t.Required("campaign_id")
			}
			if err == nil {
				if l, dup := seen[c.ID]; dup {
					err = t.Fail("campaign_id", fmt.Errorf("%w: campaign %s (first on line %d)", storedata.ErrDuplicateID, c.ID, l))
				}
				seen[c.ID] = t.Line()
			}
			if err == nil {
				c.Window, err = metrics.ParsePeriod(t.Get("start_date")+".."+t.Get("end_date"), loc)
				if err != nil {
					err = t.Fail("end_date", fmt.Errorf("%s to %s: want two days YYYY-MM-DD, the end not before the start", t.Get("start_date"), t.Get("end_date")))
				}
			}
			if err != nil {
				if !yield(crm.Campaign{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			c.Name = t.Get("campaign_type") + " campaign " + c.ID
			// The data set records no campaign's cost: c.Cost stays the
			// zero Money, not known (its gain and ROI are n/a, never
			// computed as if it had cost $0.00).
			if !yield(c, nil) {
				return
			}
		}
	}
}

// ReadTargets reads campaigns.csv, the households each campaign was sent
// to, as campaign targets of group crm.Targeted: the data has no
// holdout, so the review compares them with the households not sent the
// campaign (observational). An empty cell is a *storedata.ParseError; a
// household listed twice for a campaign is a storedata.ErrDuplicateID
// error of its row.
func ReadTargets(r io.Reader, opts storedata.Options) iter.Seq2[crm.Target, error] {
	return func(yield func(crm.Target, error) bool) {
		t, err := csvtable.Open(r, opts, TargetColumns, nil)
		if err != nil {
			yield(crm.Target{}, err)
			return
		}
		seen := map[[2]string]int{}
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var g crm.Target
			if err == nil {
				g.Campaign, err = t.Required("campaign_id")
			}
			if err == nil {
				g.Customer, err = t.Required("household_id")
			}
			if err == nil {
				k := [2]string{g.Campaign, g.Customer}
				if l, dup := seen[k]; dup {
					err = t.Fail("household_id", fmt.Errorf("%w: household %s of campaign %s (first on line %d)", storedata.ErrDuplicateID, g.Customer, g.Campaign, l))
				}
				seen[k] = t.Line()
			}
			if err != nil {
				if !yield(crm.Target{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			if !yield(g, nil) {
				return
			}
		}
	}
}

// ReadRedemptions reads coupon_redemptions.csv, one crm.Redemption
// per row: the household, the campaign and the day (in opts.Location).
// The data names no basket and no coupon value: the order is empty and
// the discount the zero Money, not known (campaign.Redemption), so that
// the review shows the campaign's discounts as n/a, not as $0.00 (the
// transactions carry the coupon discounts on their lines). An empty cell or a date that is not YYYY-MM-DD is a
// *storedata.ParseError.
func ReadRedemptions(r io.Reader, opts storedata.Options) iter.Seq2[crm.Redemption, error] {
	return func(yield func(crm.Redemption, error) bool) {
		t, err := csvtable.Open(r, opts, RedemptionColumns, nil)
		if err != nil {
			yield(crm.Redemption{}, err)
			return
		}
		loc := csvtable.Location(opts)
		for {
			err := t.Next()
			if err == io.EOF {
				return
			}
			var d crm.Redemption
			if err == nil {
				d.Campaign, err = t.Required("campaign_id")
			}
			if err == nil {
				d.Customer, err = t.Required("household_id")
			}
			if err == nil {
				var day time.Time
				if day, err = time.Parse(time.DateOnly, t.Get("redemption_date")); err != nil {
					err = t.Fail("redemption_date", fmt.Errorf("%q: want a day YYYY-MM-DD", t.Get("redemption_date")))
				} else {
					d.Day = metrics.DayOf(day.Year(), day.Month(), day.Day(), loc).Start
				}
			}
			if err != nil {
				if !yield(crm.Redemption{}, err) || opts.Strict || t.Fatal() {
					return
				}
				continue
			}
			// The data set records a redemption without the coupon's
			// value: the Discount stays the zero Money, not known (the
			// campaign's discounts are n/a, never $0.00).
			if !yield(d, nil) {
				return
			}
		}
	}
}

// crm reads the CRM campaigns into in when both the campaigns file camp
// and the targets file are there.
func (s Source) crm(in *report.Input, errs *[]error, camp, targets, redemptions string) error {
	for _, f := range []string{camp, targets} {
		if _, err := fs.Stat(s.FS, f); errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return err
		}
	}
	if err := s.read(camp, func(r io.Reader, opts storedata.Options) ([]error, error) {
		return collect(ReadCRMCampaigns(r, opts), &in.Campaigns, opts)
	}, in, errs); err != nil {
		return err
	}
	if err := s.read(targets, func(r io.Reader, opts storedata.Options) ([]error, error) {
		return collect(ReadTargets(r, opts), &in.CampaignTargets, opts)
	}, in, errs); err != nil {
		return err
	}
	if _, err := fs.Stat(s.FS, redemptions); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return s.read(redemptions, func(r io.Reader, opts storedata.Options) ([]error, error) {
		return collect(ReadRedemptions(r, opts), &in.Redemptions, opts)
	}, in, errs)
}
