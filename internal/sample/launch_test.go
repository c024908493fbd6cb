package sample

import (
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// TestNewProducts: the new products are launched in the last 90 days of
// the period, the others before it; a new product has no stock, no
// snapshot and no sale before its launch, receives its first stock on the
// launch day, and sells after it (each of the six is expected to sell
// about one unit a day or more, so two weeks without a sale would be a
// bug).
func TestNewProducts(t *testing.T) {
	s := demo(t)
	tr := &s.Truth
	if len(tr.NewSKUs) != DefaultSKUs/20 {
		t.Fatalf("%d new products %v, want %d", len(tr.NewSKUs), tr.NewSKUs, DefaultSKUs/20)
	}
	from := s.Period.End.AddDate(0, 0, -launchWindow)
	firstSale, firstSnap, firstReceipt := map[string]time.Time{}, map[string]time.Time{}, map[string]time.Time{}
	for _, o := range s.Orders {
		for _, l := range o.Lines {
			if _, ok := firstSale[l.SKU]; !ok && o.Status != metrics.Cancelled {
				firstSale[l.SKU] = o.PlacedAt
			}
		}
	}
	for _, sn := range s.Snapshots {
		if _, ok := firstSnap[sn.SKU]; !ok {
			firstSnap[sn.SKU] = sn.Day
		}
	}
	for _, r := range s.Receipts {
		if _, ok := firstReceipt[r.SKU]; !ok {
			firstReceipt[r.SKU] = r.Day
		}
	}
	for _, p := range s.Catalogue {
		isNew := slices.Contains(tr.NewSKUs, p.SKU)
		switch {
		case isNew && (p.Launch.Before(from) || !p.Launch.Before(s.Period.End)):
			t.Errorf("new product %s launched %s, want in the last %d days of %s", p.SKU, p.Launch, launchWindow, s.Period)
		case !isNew && !p.Launch.Before(s.Period.Start):
			t.Errorf("product %s launched %s, in the period", p.SKU, p.Launch)
		}
		if !isNew {
			continue
		}
		if !firstSnap[p.SKU].Equal(p.Launch) || !firstReceipt[p.SKU].Equal(p.Launch) {
			t.Errorf("%s launched %s: first snapshot %s, first receipt %s", p.SKU, p.Launch, firstSnap[p.SKU], firstReceipt[p.SKU])
		}
		sale, sold := firstSale[p.SKU]
		switch {
		case sold && sale.Before(p.Launch):
			t.Errorf("%s sold %s, before its launch %s", p.SKU, sale, p.Launch)
		case !sold && p.Launch.AddDate(0, 0, 14).Before(s.Period.End):
			t.Errorf("%s launched %s never sold", p.SKU, p.Launch)
		}
	}
}
