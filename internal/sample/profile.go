package sample

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
)

// streamProfile is the random stream of the customers' attributes, apart
// from the numbered streams so that the other data stay as they were.
const streamProfile uint64 = 1<<40 - 1<<20

// ProfileTruth is how the demo customers' attributes (用户画像) were
// drawn, each customer once, from the stream of the profiles (the orders
// and events do not depend on it).
//
// A customer's age band depends on two traits: whether they spend more
// per order than the median customer (their Gamma-Gamma ν below the
// median ν of all customers, tier 0, else tier 1), and whether they were
// acquired before YoungFrom or on or after it (the store grew younger).
// Within the band the age is uniform in whole years; with probability
// AgeUnknown the age is not given. Gender is "F" with FemaleShare, "M"
// otherwise; the city tier is drawn from CityTiers with TierShares; the
// region is the customer's delivery region (Customer.Region).
type ProfileTruth struct {
	Bands      []string // the age bands, youngest first: 18-24 … 55+ (no customer is under 18)
	BandAges   [][2]int // the first and last age of each band
	YoungFrom  time.Time
	AgeUnknown float64
	// Before and Since are the band probabilities of the customers
	// acquired before YoungFrom and on or after it, by spend tier (0:
	// above-median spend per order, 1: below).
	Before, Since [2][]float64
	FemaleShare   float64
	CityTiers     []string
	TierShares    []float64
}

// BandShare returns the probability that a customer of the era (since
// YoungFrom or before it) has band b and a known age, over both spend
// tiers (each half the customers).
func (p ProfileTruth) BandShare(since bool, b int) float64 {
	ps := p.Before
	if since {
		ps = p.Since
	}
	return (1 - p.AgeUnknown) * (ps[0][b] + ps[1][b]) / 2
}

// profileTruth returns the profile model of a store whose period ends at
// end: the store grew younger over its last 92 days.
func profileTruth(end time.Time) ProfileTruth {
	return ProfileTruth{
		Bands:      []string{"18-24", "25-34", "35-44", "45-54", "55+"},
		BandAges:   [][2]int{{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 70}},
		YoungFrom:  end.AddDate(0, 0, -92),
		AgeUnknown: 0.08,
		Before: [2][]float64{
			{0.08, 0.34, 0.30, 0.18, 0.10},
			{0.22, 0.40, 0.20, 0.11, 0.07},
		},
		Since: [2][]float64{
			{0.20, 0.40, 0.22, 0.12, 0.06},
			{0.36, 0.40, 0.14, 0.07, 0.03},
		},
		FemaleShare: 0.62,
		CityTiers:   []string{"1", "2", "3", "4"},
		TierShares:  []float64{0.25, 0.35, 0.25, 0.15},
	}
}

// profiles draws the attributes of every customer, in customer order,
// from the profile stream.
func profiles(seed uint64, custs []Customer, t *ProfileTruth) []profile.Customer {
	r := rand.New(rand.NewPCG(seed, streamProfile))
	nus := make([]float64, len(custs))
	for i := range custs {
		nus[i] = custs[i].Nu
	}
	slices.Sort(nus)
	var median float64
	if n := len(nus); n > 0 {
		median = (nus[(n-1)/2] + nus[n/2]) / 2
	}
	var cum [2][2][]float64 // [since][tier]
	for tier := range 2 {
		cum[0][tier], cum[1][tier] = cumulative(t.Before[tier]), cumulative(t.Since[tier])
	}
	tiers := cumulative(t.TierShares)
	out := make([]profile.Customer, len(custs))
	for i := range custs {
		c := &custs[i]
		p := profile.Customer{ID: c.ID, Region: c.Region, Gender: "M"}
		since, tier := 0, 1
		if !c.AcquiredAt.Before(t.YoungFrom) {
			since = 1
		}
		if c.Nu < median {
			tier = 0
		}
		b := pick(r, cum[since][tier])
		lo, hi := t.BandAges[b][0], t.BandAges[b][1]
		age := lo + r.IntN(hi-lo+1)
		if r.Float64() >= t.AgeUnknown {
			p.Age = age
		}
		if r.Float64() < t.FemaleShare {
			p.Gender = "F"
		}
		p.CityTier = t.CityTiers[pick(r, tiers)]
		out[i] = p
	}
	return out
}
