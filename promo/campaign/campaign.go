package campaign

import (
	"fmt"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Campaign is one CRM campaign (精准营销活动): an offer sent to a list of
// customers over a window, at a stated cost or at a cost not known.
type Campaign struct {
	ID   string
	Name string // shown in the review; may be empty (the ID is shown then)
	// Window is the campaign's window [start, end): targeted customers'
	// orders placed in it are its response.
	Window metrics.Period
	// Cost is what the campaign cost besides the discounts its coupons
	// gave (messages, creative, agency fees): the discounts already lower
	// the orders' net sales, so they are inside its incremental gross
	// profit and are not counted twice. Its currency is the campaign's;
	// it is a whole number of minor units (CNY 10.00, not 10.005).
	//
	// The zero Money, of no currency, means the cost is not known (a data
	// set that records campaigns without their cost): the campaign's
	// incremental sales and gross profit are measured, but its gain and
	// ROI are undefined (see [Result]). A campaign that cost nothing has
	// the zero of its currency (CNY 0.00).
	Cost money.Money
}

// CostKnown reports whether the campaign's cost is known: false when
// Cost is the zero Money, of no currency.
func (c Campaign) CostKnown() bool { return !c.Cost.Currency().IsZero() }

// Label returns the campaign's name, or its ID when it has none.
func (c Campaign) Label() string {
	if c.Name != "" {
		return c.Name
	}
	return c.ID
}

// validate returns a *CampaignError for a campaign that cannot be
// analysed: no ID, an empty window, a negative cost, an amount other
// than zero without a currency, or a known cost that is not whole minor
// units. A cost not known (the zero Money) is valid.
func (c Campaign) validate() error {
	switch {
	case c.ID == "":
		return &CampaignError{ID: c.ID, Reason: "no ID"}
	case !c.Window.End.After(c.Window.Start):
		return &CampaignError{ID: c.ID, Reason: "an empty window"}
	case !c.CostKnown() && !c.Cost.IsZero():
		return &CampaignError{ID: c.ID, Reason: "a cost " + c.Cost.String() + " without a currency (leave it the zero Money when it is not known)"}
	case c.Cost.IsNegative():
		return &CampaignError{ID: c.ID, Reason: "a negative cost " + c.Cost.String()}
	case !c.CostKnown():
		return nil
	}
	if _, ok := c.Cost.Minor(); !ok {
		return &CampaignError{ID: c.ID, Reason: "a cost " + c.Cost.String() + " that is not a whole number of minor units (or beyond their int64 range)"}
	}
	return nil
}

// Group is the group of a targeted customer: the offer's targets, or the
// randomised holdout (control group) who were selected the same way but
// not sent the offer.
type Group uint8

const (
	Targeted Group = iota // sent the offer: target
	Control               // held out at random: control
)

var groupNames = [...]string{"target", "control"}

// String returns "target" or "control", the names of the targets file.
func (g Group) String() string {
	if int(g) < len(groupNames) {
		return groupNames[g]
	}
	return "Group(" + strconv.Itoa(int(g)) + ")"
}

// ParseGroup parses the names written by [Group.String].
func ParseGroup(s string) (Group, bool) {
	for i, n := range groupNames {
		if n == s {
			return Group(i), true
		}
	}
	return 0, false
}

// Target is one customer on a campaign's list: targeted, or held out as
// a control when the campaign has a randomised holdout.
type Target struct {
	Campaign string // the campaign's ID
	Customer string // the customer's ID, as in metrics.Order.CustomerID
	Group    Group
}

// Redemption is one coupon of a campaign redeemed on an order.
type Redemption struct {
	Campaign string    // the campaign's ID
	Customer string    // who redeemed it
	Day      time.Time // the day of the redemption, midnight in the store's zone
	Order    string    // the order it was redeemed on; may be empty when unknown
	// Discount is the coupon's value; the zero Money, of no currency,
	// when it is not known (a data set that records redemptions without
	// their value): the campaign's Discounts are then not known either
	// (Result.Unvalued). A coupon worth nothing is the zero of the
	// campaign's currency.
	Discount money.Money
}

// what names the record in errors.
func (t Target) what() string {
	return fmt.Sprintf("target %q of campaign %q", t.Customer, t.Campaign)
}

func (r Redemption) what() string {
	return fmt.Sprintf("redemption by %q of campaign %q on %s", r.Customer, r.Campaign, r.Day.Format(time.DateOnly))
}
