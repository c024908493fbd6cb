package completejourney

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
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
// coupon values and no campaign costs: the amounts are zero in USD, so
// the review can measure the sales of the promoted products against
// their baseline, not a return on cost.
//
// Not mapped: campaigns.csv (which households received a campaign; the
// model's promotions are not targeted) and coupon_redemptions.csv (the
// redemptions name a household and a day, not a basket, so they cannot
// be tied to orders; [ReadTransactions] marks the lines bought with a
// coupon instead).
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
	zero := Currency.Zero()
	return promo.Promotion{ID: id, Name: t.Get("campaign_type") + " campaign " + id, Mechanism: promo.Coupon,
		Scope: promo.Scope{SKUs: skus}, Threshold: zero, Amount: zero, FixedCost: zero, MediaCost: zero}, nil
}
