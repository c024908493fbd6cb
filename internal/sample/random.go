package sample

import (
	"math"
	"math/rand/v2"
)

// gammaRand draws from the gamma distribution with the given shape and rate
// (mean shape/rate), by the method of Marsaglia and Tsang (2000), boosted for
// shapes below one.
func gammaRand(r *rand.Rand, shape, rate float64) float64 {
	if shape < 1 {
		u := r.Float64()
		for u == 0 {
			u = r.Float64()
		}
		return gammaRand(r, shape+1, rate) * math.Pow(u, 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if u < 1-0.0331*x*x*x*x {
			return d * v / rate
		}
		if u > 0 && math.Log(u) < 0.5*x*x+d*(1-v+math.Log(v)) {
			return d * v / rate
		}
	}
}

// betaRand draws from the beta distribution with shapes a and b.
func betaRand(r *rand.Rand, a, b float64) float64 {
	x := gammaRand(r, a, 1)
	y := gammaRand(r, b, 1)
	if x+y == 0 {
		return 0.5
	}
	return x / (x + y)
}

// poisson draws a Poisson count with the given mean: by multiplication of
// uniforms for small means, by a rounded normal for large ones.
func poisson(r *rand.Rand, mean float64) int {
	if mean <= 0 {
		return 0
	}
	if mean < 30 {
		l := math.Exp(-mean)
		k, p := 0, r.Float64()
		for p > l {
			k++
			p *= r.Float64()
		}
		return k
	}
	n := int(math.Round(mean + math.Sqrt(mean)*r.NormFloat64()))
	if n < 0 {
		return 0
	}
	return n
}

// pick returns the index i with probability weights[i] / Σ weights, for
// weights given as a cumulative slice (cum[i] = Σ_{j≤i} w_j).
func pick(r *rand.Rand, cum []float64) int {
	u := r.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > u {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// cumulative returns the running sums of w.
func cumulative(w []float64) []float64 {
	c := make([]float64, len(w))
	s := 0.0
	for i, x := range w {
		s += x
		c[i] = s
	}
	return c
}

// secondsBetween draws a whole number of seconds uniformly in [lo, hi].
func secondsBetween(r *rand.Rand, lo, hi int64) int64 {
	return lo + r.Int64N(hi-lo+1)
}

func log(x float64) float64 { return math.Log(x) }

// Random stream identifiers: each kind of draw has its own PCG stream, so
// that turning one output off (events, say) leaves the others unchanged.
const (
	streamCatalogue uint64 = 1 + iota
	streamOrders
	streamEvents
	streamTickets
	streamInventory
	streamSpend
	streamFulfilment
	streamLaunch
	streamCompetitors
	streamDetail // the products of page views and carts (detail.go)
	streamLoyalty
	streamCustomer uint64 = 1 << 40 // + customer index
)

// formatID returns prefix followed by n in at least width digits, zero
// padded: formatID('O', 42, 8) is "O00000042". It is fmt.Sprintf("%c%0*d")
// without the allocations of fmt.
func formatID(prefix byte, n, width int) string {
	var buf [24]byte
	i := len(buf)
	for n > 0 || len(buf)-i < width {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	buf[i] = prefix
	return string(buf[i:])
}
