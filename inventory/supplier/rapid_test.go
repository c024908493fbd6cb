package supplier

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/shopmetrics/shopmetrics/inventory"
)

// genReceipts draws receipts of a few suppliers, POs and SKUs whose PO
// lines agree (order day, promise and quantity fixed per line), some
// without a supplier, PO, promise or quantity.
func genReceipts(t *rapid.T) []inventory.Receipt {
	type key struct{ sup, po, sku string }
	type lineInfo struct {
		ordered, promised time.Time
		qty               int64
	}
	lines := map[key]lineInfo{}
	n := rapid.IntRange(0, 30).Draw(t, "receipts")
	var out []inventory.Receipt
	for range n {
		k := key{rapid.SampledFrom([]string{"", "Acme", "Bolt", "Cask"}).Draw(t, "supplier"),
			rapid.SampledFrom([]string{"", "P1", "P2", "P3"}).Draw(t, "po"),
			rapid.SampledFrom([]string{"A", "B", "C"}).Draw(t, "sku")}
		li, ok := lines[k]
		if !ok || k.po == "" {
			o := rapid.IntRange(1, 20).Draw(t, "ordered")
			li = lineInfo{ordered: jan(o), qty: rapid.Int64Range(0, 50).Draw(t, "qty")}
			if rapid.Bool().Draw(t, "promised") {
				li.promised = jan(o + rapid.IntRange(0, 10).Draw(t, "promise"))
			}
			lines[k] = li
		}
		recv := li.ordered.AddDate(0, 0, rapid.IntRange(0, 15).Draw(t, "lead"))
		out = append(out, inventory.Receipt{SKU: k.sku, Day: recv, Quantity: rapid.Int64Range(1, 40).Draw(t, "units"),
			Supplier: k.sup, PO: k.po, Ordered: li.ordered, Promised: li.promised, OrderedQuantity: li.qty})
	}
	return out
}

func genSnapshots(t *rapid.T) []inventory.Snapshot {
	var out []inventory.Snapshot
	for range rapid.IntRange(0, 20).Draw(t, "snapshots") {
		out = append(out, inventory.Snapshot{SKU: rapid.SampledFrom([]string{"A", "B", "C"}).Draw(t, "sku"),
			Day: jan(rapid.IntRange(1, 40).Draw(t, "day")), OnHand: rapid.Int64Range(-1, 2).Draw(t, "onHand")})
	}
	return out
}

func fill(t *rapid.T, rs []inventory.Receipt, ss []inventory.Snapshot) *Ledger {
	var l Ledger
	for _, r := range rs {
		if err := l.Add(r); err != nil {
			t.Fatalf("Add(%+v): %v", r, err)
		}
	}
	for _, s := range ss {
		l.AddSnapshot(s)
	}
	return &l
}

// results are what a ledger reports, for comparing two.
type results struct {
	Suppliers []Supplier
	Stockouts []Stockout
	LeadTimes map[string]inventory.LeadTime
	Unnamed   int64
}

func resultsOf(l *Ledger) results {
	return results{l.Suppliers(), l.Stockouts(), l.LeadTimes(Config{MinReceipts: 1}), l.Unnamed()}
}

// TestMergeEqualsDirect: splitting the records in two ledgers and merging
// gives the figures of one ledger of them all (up to the float rounding
// of the mean and standard deviation, whose sum order differs).
func TestMergeEqualsDirect(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs, ss := genReceipts(t), genSnapshots(t)
		cut := rapid.IntRange(0, len(rs)).Draw(t, "cut")
		cutS := rapid.IntRange(0, len(ss)).Draw(t, "cutS")
		direct := fill(t, rs, ss)
		a, b := fill(t, rs[:cut], ss[:cutS]), fill(t, rs[cut:], ss[cutS:])
		if err := a.Merge(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(resultsOf(direct), resultsOf(a), approx); diff != "" {
			t.Fatalf("merged (-direct +merged):\n%s", diff)
		}
	})
}

// TestRatesInRange: on-time, fill and eventual fill rates lie in [0, 1],
// fill by the promise never above eventual fill's numerator.
func TestRatesInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := fill(t, genReceipts(t), genSnapshots(t))
		for _, s := range l.Suppliers() {
			for name, r := range map[string]interface{ Value() (float64, bool) }{"on time": s.OnTime, "fill": s.FillRate, "eventual": s.EventualFill} {
				if v, ok := r.Value(); ok && (v < 0 || v > 1) {
					t.Fatalf("%s: %s rate %v outside [0, 1]", s.Name, name, v)
				}
			}
			if s.FillRate.Num() > s.EventualFill.Num() {
				t.Fatalf("%s: units by the promise %v above units received %v", s.Name, s.FillRate.Num(), s.EventualFill.Num())
			}
			if s.LateStockouts > s.StockoutDays {
				t.Fatalf("%s: %d stock-outs attributed of %d stock-out days", s.Name, s.LateStockouts, s.StockoutDays)
			}
		}
	})
}

// TestBinaryRoundTrip: UnmarshalBinary(MarshalBinary(l)) reports as l.
func TestBinaryRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := fill(t, genReceipts(t), genSnapshots(t))
		b, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var m Ledger
		if err := m.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(resultsOf(l), resultsOf(&m)); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		b2, _ := m.MarshalBinary()
		if !cmp.Equal(b, b2) {
			t.Fatal("the encoding of the decoded ledger differs")
		}
	})
}
