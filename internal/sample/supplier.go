package sample

import (
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// streamSupplier is the random stream of the purchase orders: its own, so
// that the rest of the store is drawn as before.
const streamSupplier uint64 = 0x5355_5050 // "SUPP"

// SupplierTruth is one supplier of the demo store. Each receipt of its
// SKUs is the delivery of a purchase-order line placed a lead time
// earlier: the lead time in whole days is uniform on [LeadMin, LeadMax],
// drawn per receipt, and the line was promised PromiseDays after the
// order. A share ShortShare of its lines were ordered for more than came:
// the units received are ShortFill of those ordered (rounded up on the
// order), the rest never delivered. The stock model sets the receipt days
// (from the catalogue lead times); the order days are derived from them
// (received − lead time drawn), so the receipts are those of a store
// without suppliers.
type SupplierTruth struct {
	Name             string
	LeadMin, LeadMax int
	PromiseDays      int
	ShortShare       float64
	ShortFill        float64
}

// MeanLead returns the mean lead time in days, (LeadMin + LeadMax) / 2.
func (s SupplierTruth) MeanLead() float64 { return float64(s.LeadMin+s.LeadMax) / 2 }

// SDLead returns the standard deviation of the lead time in days: that of
// a discrete uniform over n = LeadMax − LeadMin + 1 days, √((n² − 1)/12).
func (s SupplierTruth) SDLead() float64 {
	n := float64(s.LeadMax - s.LeadMin + 1)
	return math.Sqrt((n*n - 1) / 12)
}

// OnTime returns the probability that a delivery comes on or before the
// promise: P(lead time ≤ PromiseDays).
func (s SupplierTruth) OnTime() float64 {
	n := s.LeadMax - s.LeadMin + 1
	k := min(max(s.PromiseDays-s.LeadMin+1, 0), n)
	return float64(k) / float64(n)
}

// supplierTruths are the demo's suppliers: one fast and reliable, one
// middling, one slow and variable (远通商贸, which supplies the
// stock-out prone SKUs: the truth of the review's attribution).
func supplierTruths() []SupplierTruth {
	return []SupplierTruth{
		{Name: "华茂供应链", LeadMin: 4, LeadMax: 6, PromiseDays: 6, ShortShare: 0, ShortFill: 1},
		{Name: "鑫达贸易", LeadMin: 6, LeadMax: 10, PromiseDays: 9, ShortShare: 0.05, ShortFill: 0.8},
		{Name: "远通商贸", LeadMin: 7, LeadMax: 21, PromiseDays: 10, ShortShare: 0.3, ShortFill: 0.8},
	}
}

// slowSupplier is the index of the slow supplier in supplierTruths.
const slowSupplier = 2

// suppliers is the purchase-order state of the generator.
type suppliers struct {
	r   *rand.Rand
	of  []int // supplier index per SKU
	pos map[string]map[string]bool
}

// initSuppliers assigns each SKU its supplier: the stock-out prone SKUs
// to the slow one, the others at random (a third each).
func (g *generator) initSuppliers() {
	g.truth.Suppliers = supplierTruths()
	g.sup.r = rand.New(rand.NewPCG(g.cfg.Seed, streamSupplier))
	g.sup.of = make([]int, len(g.cat))
	g.sup.pos = map[string]map[string]bool{}
	for i := range g.cat {
		g.sup.of[i] = g.sup.r.IntN(len(g.truth.Suppliers))
		if g.roles[i] == roleStockout {
			g.sup.of[i] = slowSupplier
		}
	}
}

// purchaseOrder fills the supplier and purchase-order fields of a receipt
// of SKU k.
func (g *generator) purchaseOrder(k int, rec *inventory.Receipt) {
	s := g.truth.Suppliers[g.sup.of[k]]
	r := g.sup.r
	lead := s.LeadMin + r.IntN(s.LeadMax-s.LeadMin+1)
	rec.Supplier = s.Name
	rec.Ordered = rec.Day.AddDate(0, 0, -lead)
	rec.Promised = rec.Ordered.AddDate(0, 0, s.PromiseDays)
	rec.OrderedQuantity = rec.Quantity
	if r.Float64() < s.ShortShare {
		rec.OrderedQuantity = int64(math.Ceil(float64(rec.Quantity) / s.ShortFill))
	}
	// One PO per supplier and order day; a SKU ordered twice that day
	// goes on a PO of its own.
	base := "PO-" + strconv.Itoa(g.sup.of[k]+1) + "-" + rec.Ordered.Format("20060102")
	po := base
	for n := 2; g.sup.pos[po][rec.SKU]; n++ {
		po = base + "-" + strconv.Itoa(n)
	}
	if g.sup.pos[po] == nil {
		g.sup.pos[po] = map[string]bool{}
	}
	g.sup.pos[po][rec.SKU] = true
	rec.PO = po
}

// forgetPOs drops the POs ordered before day: no later receipt can be on
// them (a lead time is at most LeadMax days), so the memory stays small.
func (g *generator) forgetPOs(day time.Time) {
	if len(g.sup.pos) < 4096 {
		return
	}
	for po := range g.sup.pos {
		if len(po) >= 15 {
			if t, err := time.ParseInLocation("20060102", po[5:13], day.Location()); err == nil && t.Before(day.AddDate(0, 0, -60)) {
				delete(g.sup.pos, po)
			}
		}
	}
}
