package sample

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"time"
)

// Customer is one customer of the demo store with its true latent
// parameters.
type Customer struct {
	ID         string    // "C0000001", …
	AcquiredAt time.Time // the time of the first order
	Channel    string    // acquisition channel: search, ads, social, direct
	Device     string    // mobile or desktop
	Region     string    // the delivery region (province) of the customer's orders
	// Lambda is the true purchase rate per day of demand time while alive,
	// Dropout the probability of dropping out after each repeat purchase
	// (BG/NBD), and Nu the rate of the gamma distribution of order values
	// (Gamma-Gamma: mean order value P/Nu CNY).
	Lambda, Dropout, Nu float64
	// Orders is the number of orders the customer places in the period,
	// cancelled ones included, without the extra orders of CRM campaigns,
	// which CampaignOrders counts ([CampaignTruth]).
	Orders int
	// CampaignOrders is the number of extra orders the customer placed in
	// response to CRM campaigns.
	CampaignOrders int
}

// purchase is one planned order: when, by whom.
type purchase struct {
	at   int64 // Unix seconds
	cust int32
	day  int32
	camp int8 // 1 + the index in Truth.Campaigns of the campaign the order responds to; 0 for none
}

// plan draws the customers and the times of all their orders. Each
// customer has its own random stream, so the plan does not depend on the
// order in which customers are drawn.
func plan(seed uint64, n int, cal *calendar, t *Truth) ([]Customer, []purchase) {
	src := rand.NewPCG(0, 0)
	r := rand.New(src)
	shares := make([]float64, len(t.Channels))
	for i, c := range t.Channels {
		shares[i] = c.Share
	}
	chCum := cumulative(shares)
	regions := make([]float64, len(t.Regions))
	for i, r := range t.Regions {
		regions[i] = r.Share
	}
	regCum := cumulative(regions)
	custs := make([]Customer, n)
	ps := make([]purchase, 0, n*5/2)
	total := cal.total()
	for i := range custs {
		src.Seed(seed, streamCustomer+uint64(i))
		c := &custs[i]
		c.ID = formatID('C', i+1, 7)
		c.Channel = t.Channels[pick(r, chCum)].Name
		c.Device = "desktop"
		if r.Float64() < t.MobileShare {
			c.Device = "mobile"
		}
		c.Lambda = gammaRand(r, t.R, t.Alpha)
		c.Dropout = betaRand(r, t.A, t.B)
		c.Nu = gammaRand(r, t.Q, t.Gamma)
		c.Region = t.Regions[pick(r, regCum)].Name
		tau := r.Float64() * total
		day, at := cal.at(tau)
		c.AcquiredAt = time.Unix(at, 0).In(cal.loc)
		ps = append(ps, purchase{at: at, cust: int32(i), day: int32(day)})
		c.Orders = 1
		for c.Lambda > 0 {
			tau += -logU(r) / c.Lambda
			if tau >= total {
				break
			}
			day, at := cal.at(tau)
			ps = append(ps, purchase{at: at, cust: int32(i), day: int32(day)})
			c.Orders++
			if r.Float64() < c.Dropout {
				break
			}
		}
	}
	slices.SortFunc(ps, func(a, b purchase) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.cust, b.cust)
	})
	return custs, ps
}

// logU returns log(U) for U uniform in (0, 1].
func logU(r *rand.Rand) float64 {
	return log(1 - r.Float64())
}
