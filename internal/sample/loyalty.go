package sample

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
)

// LoyaltyTruth is the membership programme of the demo (会员与积分).
//
// A customer joins at their first paid order, on its day, with
// probability MemberShare, drawn in customer order from a stream of its
// own, so the orders are those of a store without the programme:
// membership is independent of buying, and members' AOV and repurchase
// equal the other customers' in expectation. Nobody leaves. A member's
// level is set by their net sales over the whole period (as of the
// roster's export): GoldSpend and above gold, SilverSpend and above
// silver, standard below.
//
// Each paid order of a member is issued PointsPerYuan points per whole
// yuan of its net sales (gross − discounts, rounded down), at the time it
// is placed; refunds do not take points back. Before that, at the same
// time, a member whose balance is at least RedeemUnit redeems, with
// probability RedeemRate, a whole number of RedeemUnit blocks (uniformly
// 30 % to 100 % of the balance, rounded down to a block). The points of
// each calendar year expire at 23:59:59 on 31 December of the following
// year, redemptions using the oldest points first. Redemptions do not
// change the orders' amounts (the orders are drawn without the
// programme).
type LoyaltyTruth struct {
	MemberShare   float64 // the probability that a customer with a paid order joins
	PointsPerYuan int64   // points issued per whole yuan of an order's net sales
	RedeemUnit    int64   // points are redeemed in blocks of this many (100 = 1 yuan at Tmall's value)
	RedeemRate    float64 // the probability that a member's order redeems, balance permitting
	GoldSpend     int64   // whole yuan of net sales over the period for gold
	SilverSpend   int64   // and for silver

	// Members is the number who joined; Issued, Redeemed and Expired the
	// points of the whole period, and Outstanding the balances at its
	// end, counted by the generator's own lots (Issued − Redeemed −
	// Expired).
	Members                                int64
	Issued, Redeemed, Expired, Outstanding int64
}

// defaultLoyalty is the programme of every demo.
var defaultLoyalty = LoyaltyTruth{MemberShare: 0.3, PointsPerYuan: 1, RedeemUnit: 100, RedeemRate: 0.4, GoldSpend: 2000, SilverSpend: 500}

// lot is the points a member holds from one calendar year.
type lot struct {
	year   int
	points int64
}

// loyaltyProgramme draws the members and the points ledger of s from the
// orders, fills t with the programme's truth and returns the roster and
// the ledger.
func loyaltyProgramme(s *Store, t *LoyaltyTruth, seed uint64) ([]loyalty.Member, []loyalty.Entry) {
	*t = defaultLoyalty
	r := rand.New(rand.NewPCG(seed, streamLoyalty))
	loc := s.Period.Location()
	first := map[string]time.Time{} // each customer's first paid order
	spend := map[string]int64{}     // whole yuan of net sales over the period
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled || o.CustomerID == "" {
			continue
		}
		if _, ok := first[o.CustomerID]; !ok {
			first[o.CustomerID] = o.PlacedAt
		}
		spend[o.CustomerID] += yuanOf(&o)
	}
	var members []loyalty.Member
	joined := map[string]bool{}
	for _, c := range s.Customers {
		at, ok := first[c.ID]
		if !ok || r.Float64() >= t.MemberShare {
			continue
		}
		level := "standard"
		switch {
		case spend[c.ID] >= t.GoldSpend:
			level = "gold"
		case spend[c.ID] >= t.SilverSpend:
			level = "silver"
		}
		members = append(members, loyalty.Member{CustomerID: c.ID, Level: level, Joined: metrics.PeriodOf(at.In(loc), metrics.Day).Start})
		joined[c.ID] = true
	}
	slices.SortStableFunc(members, func(a, b loyalty.Member) int { return a.Joined.Compare(b.Joined) })
	t.Members = int64(len(members))

	lots := map[string][]lot{}
	var entries []loyalty.Entry
	for _, o := range s.Orders {
		if o.Status == metrics.Cancelled || !joined[o.CustomerID] {
			continue
		}
		c := o.CustomerID
		expire(c, o.PlacedAt, lots, &entries, loc)
		var bal int64
		for _, l := range lots[c] {
			bal += l.points
		}
		if bal >= t.RedeemUnit && r.Float64() < t.RedeemRate {
			want := int64(float64(bal)*(0.3+0.7*r.Float64())) / t.RedeemUnit * t.RedeemUnit
			if want >= t.RedeemUnit {
				entries = append(entries, loyalty.Entry{CustomerID: c, At: o.PlacedAt, Kind: loyalty.Redeemed, Points: want, OrderID: o.ID})
				t.Redeemed += want
				ls := lots[c]
				for want > 0 {
					use := min(want, ls[0].points)
					ls[0].points -= use
					want -= use
					if ls[0].points == 0 {
						ls = ls[1:]
					}
				}
				lots[c] = ls
			}
		}
		if p := yuanOf(&o) * t.PointsPerYuan; p > 0 {
			entries = append(entries, loyalty.Entry{CustomerID: c, At: o.PlacedAt, Kind: loyalty.Issued, Points: p, OrderID: o.ID})
			t.Issued += p
			y := o.PlacedAt.In(loc).Year()
			ls := lots[c]
			if n := len(ls); n > 0 && ls[n-1].year == y {
				ls[n-1].points += p
			} else {
				ls = append(ls, lot{y, p})
			}
			lots[c] = ls
		}
	}
	// The expiries due before the period's end, for every member.
	for _, m := range members {
		expire(m.CustomerID, s.Period.End, lots, &entries, loc)
	}
	for _, m := range members {
		for _, l := range lots[m.CustomerID] {
			t.Outstanding += l.points
		}
	}
	for _, e := range entries {
		if e.Kind == loyalty.Expired {
			t.Expired += e.Points
		}
	}
	slices.SortStableFunc(entries, func(a, b loyalty.Entry) int { return a.At.Compare(b.At) })
	return members, entries
}

// expire records the expiry of customer c's lots whose expiry time
// (23:59:59 on 31 December of the year after the lot's) is before until.
func expire(c string, until time.Time, lots map[string][]lot, entries *[]loyalty.Entry, loc *time.Location) {
	ls := lots[c]
	for len(ls) > 0 {
		at := time.Date(ls[0].year+1, time.December, 31, 23, 59, 59, 0, loc)
		if !at.Before(until) {
			break
		}
		if ls[0].points > 0 {
			*entries = append(*entries, loyalty.Entry{CustomerID: c, At: at, Kind: loyalty.Expired, Points: ls[0].points, Reason: "annual expiry"})
		}
		ls = ls[1:]
	}
	lots[c] = ls
}

// yuanOf returns the whole yuan of an order's net sales, rounded down; 0
// for an order whose net sales cannot be computed.
func yuanOf(o *metrics.Order) int64 {
	net, err := o.Net()
	if err != nil {
		return 0
	}
	minor, ok := net.MinorIn(o.Currency)
	if !ok || minor < 0 {
		return 0
	}
	return minor / 100
}
