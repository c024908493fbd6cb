package promo

import (
	"errors"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Mechanism is how a promotion gives its discount.
type Mechanism uint8

const (
	PercentOff Mechanism = iota // a percentage off the price of items in scope
	AmountOff                   // a fixed amount off each item in scope
	SpendSave                   // spend X, save Y (满减), at order level
	BuyGet                      // buy X get Y (买赠)
	Coupon                      // a coupon code
)

var mechanismNames = [...]string{"percent_off", "amount_off", "spend_save", "buy_get", "coupon"}

// String returns the mechanism's name as written in files: "percent_off",
// "amount_off", "spend_save", "buy_get" or "coupon".
func (m Mechanism) String() string {
	if int(m) < len(mechanismNames) {
		return mechanismNames[m]
	}
	return "Mechanism(?)"
}

// ParseMechanism parses the names written by [Mechanism.String].
func ParseMechanism(s string) (Mechanism, bool) {
	for i, n := range mechanismNames {
		if n == s {
			return Mechanism(i), true
		}
	}
	return 0, false
}

// Scope is what a promotion applies to: listed SKUs, listed categories, or
// the whole store.
type Scope struct {
	SKUs       []string
	Categories []string
	Store      bool // the whole store; SKUs and Categories are then ignored
}

// Promotion describes one promotion.
type Promotion struct {
	ID        string
	Name      string
	Window    metrics.Period // when it ran, [start, end) in the store's time zone
	Scope     Scope
	Mechanism Mechanism
	// Mechanism parameters: Percent for PercentOff (0.20 for 20 % off);
	// Amount for AmountOff; Threshold and Amount for SpendSave (spend
	// Threshold, save Amount); BuyQty and GetQty for BuyGet.
	Percent   decimal.Decimal
	Threshold money.Money
	Amount    money.Money
	BuyQty    int64
	GetQty    int64
	FixedCost money.Money // fixed costs: design, fees, staff
	MediaCost money.Money // paid media bought for the promotion
	// CostUnknown says that the fixed and media costs are not recorded
	// (a data set that gives none), which is not that they were zero:
	// FixedCost and MediaCost must then be zero, and are not read. The
	// promotion's [Result].Cost, ROI, NetROI, their interval, ROAS and
	// IncrementalROAS are then undefined (n/a) and its Outcome
	// [Inconclusive], under either [CostConvention]: each rests on the
	// fixed and media costs. The discounts given are measured all the
	// same. false, the default, means the costs are known, and a zero
	// FixedCost or MediaCost is a cost of zero.
	CostUnknown bool
}

// Validate reports every problem of p at once, as *[PromotionError]
// values joined with errors.Join: an empty ID, a window whose end is not
// after its start, an empty scope, a negative cost, or a cost other than
// zero given with CostUnknown.
func (p Promotion) Validate() error {
	var errs []error
	bad := func(reason string) { errs = append(errs, &PromotionError{ID: p.ID, Reason: reason}) }
	if p.ID == "" {
		bad("no ID")
	}
	if !p.Window.End.After(p.Window.Start) {
		bad("window end is not after its start")
	}
	if !p.Scope.Store && len(p.Scope.SKUs) == 0 && len(p.Scope.Categories) == 0 {
		bad("empty scope")
	}
	if p.FixedCost.IsNegative() {
		bad("fixed cost " + p.FixedCost.String() + " is negative")
	}
	if p.MediaCost.IsNegative() {
		bad("media cost " + p.MediaCost.String() + " is negative")
	}
	if p.CostUnknown && (!p.FixedCost.IsZero() || !p.MediaCost.IsZero()) {
		bad("fixed cost " + p.FixedCost.String() + " and media cost " + p.MediaCost.String() + " given with CostUnknown (leave them zero when they are not known)")
	}
	return errors.Join(errs...)
}
