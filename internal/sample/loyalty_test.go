package sample

import (
	"math"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// TestLoyaltyTruth recovers the membership programme's truth from the
// demo's roster, ledger and orders: the ledger is valid (no balance below
// zero), every issue is PointsPerYuan × the whole yuan of its order's net
// sales, exactly; the balances a loyalty.Tracker computes at the period's
// end are the generator's Outstanding, exactly; and the share of buyers
// who joined is MemberShare within four binomial standard errors (the
// draw is Bernoulli per customer: with about 5,000 buyers the standard
// error is √(0.3 × 0.7 / 5000) ≈ 0.0065).
func TestLoyaltyTruth(t *testing.T) {
	s := demo(t)
	tr := s.Truth.Loyalty
	if tr.Members == 0 || len(s.Points) == 0 {
		t.Fatal("no members or points in the demo")
	}
	if err := loyalty.Validate(s.Members, s.Points); err != nil {
		t.Fatalf("the demo's ledger: %v", err)
	}
	orders := map[string]metrics.Order{}
	buyers := map[string]bool{}
	for _, o := range s.Orders {
		orders[o.ID] = o
		if o.Status != metrics.Cancelled {
			buyers[o.CustomerID] = true
		}
	}
	var issued, redeemed, expired int64
	for i, e := range s.Points {
		switch e.Kind {
		case loyalty.Issued:
			issued += e.Points
			o, ok := orders[e.OrderID]
			net, err := o.Net()
			minor, _ := net.MinorIn(o.Currency)
			if !ok || err != nil || e.Points != minor/100*tr.PointsPerYuan || !e.At.Equal(o.PlacedAt) {
				t.Fatalf("entry %d issues %d points for order %q of net %v", i, e.Points, e.OrderID, net)
			}
		case loyalty.Redeemed:
			redeemed += e.Points
			if e.Points%tr.RedeemUnit != 0 {
				t.Fatalf("entry %d redeems %d points, not whole blocks of %d", i, e.Points, tr.RedeemUnit)
			}
		case loyalty.Expired:
			expired += e.Points
			if d := e.At.In(s.Period.Location()); d.Month() != time.December || d.Day() != 31 {
				t.Fatalf("entry %d expires on %v, not 31 December", i, d)
			}
		}
	}
	if issued != tr.Issued || redeemed != tr.Redeemed || expired != tr.Expired || tr.Outstanding != issued-redeemed-expired {
		t.Fatalf("ledger %d − %d − %d, truth %+v", issued, redeemed, expired, tr)
	}
	k := loyalty.Tracker{Period: s.Period}
	for _, m := range s.Members {
		if err := k.AddMember(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range s.Points {
		if err := k.AddEntry(e); err != nil {
			t.Fatal(err)
		}
	}
	sum := k.Summary()
	if sum.Points.Outstanding != tr.Outstanding || sum.Points.Issued != tr.Issued {
		t.Errorf("Tracker outstanding %d, issued %d; truth %d, %d", sum.Points.Outstanding, sum.Points.Issued, tr.Outstanding, tr.Issued)
	}
	share := float64(tr.Members) / float64(len(buyers))
	se := math.Sqrt(tr.MemberShare * (1 - tr.MemberShare) / float64(len(buyers)))
	if math.Abs(share-tr.MemberShare) > 4*se {
		t.Errorf("member share %.4f of %d buyers, truth %.2f ± %.4f", share, len(buyers), tr.MemberShare, 4*se)
	}
	t.Logf("members %d of %d buyers (%.3f); points issued %d, redeemed %d, expired %d, outstanding %d",
		tr.Members, len(buyers), share, issued, redeemed, expired, tr.Outstanding)
}
