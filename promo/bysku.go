package promo

import (
	"cmp"
	"slices"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SKUEffect is a promotion's lift on one SKU of its scope over the window.
type SKUEffect struct {
	SKU      string
	Category string
	// GrossSales and Discounts are the SKU's quantity × unit price and the
	// discounts it received in the window, its share of order-level
	// discounts (满减, coupons) included, allocated to the cent.
	GrossSales money.Money
	Discounts  money.Money
	Effect
}

// BySKU measures the lift of each SKU in the scope of the tracked
// promotion id, over the window, with the baseline of cfg fitted on each
// SKU's own pre-period. The SKUs are sorted by code. The per-SKU lifts add
// up to the scope's lift in [Ledger.Analyze] up to the rounding of each
// baseline to the minor unit; their intervals are wider, as each SKU's
// daily sales are noisier than the total.
//
// BySKU returns the errors of [Ledger.Analyze].
func (l *Ledger) BySKU(id string, cfg Config) ([]SKUEffect, error) {
	a, err := l.prepare(id, cfg)
	if err != nil {
		return nil, err
	}
	window := dayRange(a.ws, a.we)
	p := daysPeriod(a.ws, a.we, l.loc())
	var out []SKUEffect
	one := make([]bool, len(l.skus))
	for i, in := range a.treated {
		if !in {
			continue
		}
		one[i] = true
		s := l.gather(one, a.preFrom, a.postTo)
		one[i] = false
		f, err := a.e.effect(s, window, p)
		if err != nil {
			return nil, err
		}
		var gross, disc money.Total
		for _, d := range window {
			gross.AddTotal(s.at(d).gross)
			disc.AddTotal(s.at(d).disc)
		}
		out = append(out, SKUEffect{
			SKU: l.skus[i].sku, Category: l.skus[i].category,
			GrossSales: gross.Money(l.cur), Discounts: disc.Money(l.cur),
			Effect: f.Effect,
		})
	}
	slices.SortFunc(out, func(x, y SKUEffect) int { return cmp.Compare(x.SKU, y.SKU) })
	return out, nil
}
