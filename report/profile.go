package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// Profile is the customer profile (用户画像) of the customers section:
// sales, buyers, AOV, repurchase and customer value by customer attribute,
// and how the period's new customers differ from the base. Nil when the
// input has no customer attributes (Input.Customers).
//
// The figures are those of package metrics/profile over the buyers of the
// period (customers with a non-cancelled order placed in it): sales are
// their net sales in the period (after discounts, before returns), AOV is
// sales per order, repurchase is the share of buyers with two orders or
// more in the period, and the value per buyer is the historical value,
// each buyer's cumulative net sales from their first order to the
// period's end (the customer model's predicted CLV is not kept per
// customer). A buyer without a customer record, or without a value for
// an attribute, counts in that attribute's "unknown" row, so every
// attribute's rows add up to all buyers and 100 % of sales.
type Profile struct {
	Records   int64 `json:"records"`   // customer records in the input (valid ones)
	Buyers    int64 `json:"buyers"`    // buyers in the period
	Described int64 `json:"described"` // of which with a customer record
	New       int64 `json:"new"`       // of which new customers (first ever order in the period)
	// Dimensions are the attributes that at least one buyer has: age
	// band, gender, city, region, city tier, then the labels, sorted.
	Dimensions []ProfileDimension `json:"dimensions"`
}

// ProfileDimension is one attribute's rows.
type ProfileDimension struct {
	Key string `json:"key"` // age_band, gender, city, region, city_tier or the label's name
	// Rows are the attribute's values by sales, largest first; past
	// Config.TopN values the rest are folded into one "other" row, and
	// the buyers without the attribute are the last row, "unknown".
	Rows []ProfileRow `json:"rows"`
}

// ProfileRow is the figures of the buyers with one attribute value.
type ProfileRow struct {
	Value      string        `json:"value"` // the value as the data writes it, or "unknown" or "other"
	Buyers     int64         `json:"buyers"`
	New        int64         `json:"new"`    // new customers among them
	Orders     int64         `json:"orders"` // their orders in the period
	Sales      money.Money   `json:"sales"`  // their net sales in the period
	SalesShare metrics.Ratio `json:"sales_share"`
	BuyerShare metrics.Ratio `json:"buyer_share"`
	AOV        metrics.Value `json:"aov"`        // Sales / Orders
	Repurchase metrics.Ratio `json:"repurchase"` // buyers with ≥ 2 orders in the period / Buyers
	// ValuePerBuyer is the buyers' historical value (cumulative net sales
	// to the period's end) per buyer.
	ValuePerBuyer metrics.Value `json:"value_per_buyer"`
	// NewShare is the share of the period's new customers with the value,
	// to compare with BuyerShare, the share of all buyers; Shift is
	// NewShare − BuyerShare in points.
	NewShare metrics.Ratio `json:"new_share"`
	Shift    metrics.Value `json:"shift"`
	// P is the two-sided p-value of the pooled two-proportion z test of
	// new against returning buyers; undefined when a group is too small.
	// Significant says P < 5 % / the number of the attribute's rows
	// (Bonferroni).
	P           metrics.Value `json:"p"`
	Significant bool          `json:"significant"`
}

// profileBuyer is what the profile part keeps of one customer.
type profileBuyer struct {
	first  time.Time   // their first non-cancelled order, up to the period's end
	value  money.Total // net sales of their orders up to the period's end
	sales  money.Total // net sales of their orders in the period
	orders int64       // their orders in the period
}

// profilePart computes [Profile].
type profilePart struct {
	customers map[string]profile.Customer // nil: no customer data
	buyers    map[string]*profileBuyer
	bad       leftOut
}

func (p *profilePart) start(b *builder) {
	if len(b.in.Customers) == 0 {
		return
	}
	if !b.cfg.AgeBands.Valid() {
		b.errs = append(b.errs, &metrics.ConfigError{Pkg: "report", Field: "Config.AgeBands.Bounds",
			Problem: "must be strictly increasing and positive, got " + fmt.Sprint(b.cfg.AgeBands.Bounds)})
		return
	}
	p.customers = make(map[string]profile.Customer, len(b.in.Customers))
	p.buyers = make(map[string]*profileBuyer)
	for _, c := range b.in.Customers {
		err := c.Validate()
		if err == nil {
			if _, dup := p.customers[c.ID]; dup {
				err = &profile.ValidationError{ID: c.ID, Field: "ID", Problem: "duplicate customer ID"}
			}
		}
		if err == nil {
			p.customers[c.ID] = c
			continue
		}
		if !b.skip() {
			b.errs = append(b.errs, err)
			continue
		}
		var ve *profile.ValidationError
		if errors.As(err, &ve) { // counted by its first problem
			p.bad.add(errors.New(ve.Field+": "+ve.Problem), c.ID)
		} else {
			p.bad.add(err, c.ID)
		}
	}
}

func (p *profilePart) order(b *builder, o *metrics.Order) {
	if p.customers == nil || o.CustomerID == "" || o.Status == metrics.Cancelled || !o.PlacedAt.Before(b.periods[pCur].End) {
		return
	}
	net, err := o.Net()
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	x := p.buyers[o.CustomerID]
	if x == nil {
		x = &profileBuyer{}
		p.buyers[o.CustomerID] = x
	}
	if x.first.IsZero() || o.PlacedAt.Before(x.first) {
		x.first = o.PlacedAt
	}
	x.value.AddMoney(net)
	if b.ordMask&(1<<pCur) != 0 {
		x.sales.AddMoney(net)
		x.orders++
	}
}

func (p *profilePart) finish(b *builder, r *Review) {
	if p.customers == nil {
		return
	}
	b.noteLeftOut(SectionCustomers, "invalid_customers", p.bad)
	per := b.periods[pCur]
	t := profile.Table{Bands: b.cfg.AgeBands}
	pr := &Profile{Records: int64(len(p.customers))}
	for id, x := range p.buyers {
		if x.orders == 0 {
			continue
		}
		c, ok := p.customers[id]
		if ok {
			pr.Described++
		}
		by := profile.Buyer{Sales: x.sales.Money(b.cur), Orders: x.orders, New: per.Contains(x.first), Value: x.value.Money(b.cur)}
		if err := t.Add(c, by); err != nil {
			b.errs = append(b.errs, err)
			return
		}
	}
	total := t.Total()
	pr.Buyers, pr.New = total.Buyers, total.New
	for _, d := range t.Dimensions() {
		dim := ProfileDimension{Key: d}
		for _, x := range t.Rows(d, b.cfg.TopN) {
			dim.Rows = append(dim.Rows, ProfileRow{
				Value: x.Value, Buyers: x.Buyers, New: x.New, Orders: x.Orders, Sales: x.Sales,
				SalesShare: x.SalesShare, BuyerShare: x.BuyerShare, AOV: x.AOV, Repurchase: x.Repurchase,
				ValuePerBuyer: x.ValuePerBuyer, NewShare: x.Shift.NewShare, Shift: x.Shift.Points,
				P: x.Shift.P, Significant: x.Shift.Significant,
			})
		}
		pr.Dimensions = append(pr.Dimensions, dim)
	}
	r.Profile = pr
}
