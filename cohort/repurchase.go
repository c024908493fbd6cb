package cohort

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// RepurchaseConfig says how [Ledger.Repurchase] counts purchases. The
// zero RepurchaseConfig gives monthly cohorts, repeat rates within 30, 60
// and 90 days, each order a purchase, up to the last day with activity.
type RepurchaseConfig struct {
	// By says what groups customers into cohorts. Defaults to ByPeriod.
	By By
	// Grain is the cohort period for ByPeriod: Day, Week or Month.
	// Defaults to Month.
	Grain metrics.Grain
	// Within lists the windows N, in days, of the repeat rates. Defaults
	// to 30, 60 and 90.
	Within []int
	// CountDays counts all of a customer's orders on one day as one
	// purchase, as CLV models do. Defaults to false: each order is a
	// purchase, so two orders on the first day make a repeat customer.
	CountDays bool
	// AsOf is the last day observed, in the ledger's Location. Defaults to
	// the last day with activity in the ledger.
	AsOf time.Time
}

// Repurchase is how customers come back (复购).
type Repurchase struct {
	Config   RepurchaseConfig // the configuration, defaults filled in; AsOf is the start of the as-of day (its midnight)
	Currency money.Currency   // the currency of the amounts; zero for an empty ledger
	// Customers is the number of customers acquired by AsOf; Later those
	// acquired after it, left out.
	Customers, Later int64
	// Cohorts holds the repeat rates per cohort, in cohort order; Overall
	// pools all cohorts.
	Cohorts []RepeatRow
	Overall []RepeatRate
	// Gaps is the distribution of days between a customer's consecutive
	// purchases.
	Gaps Gaps
	// Purchases is the purchase-count distribution: how many customers
	// made 1, 2, 3, … purchases by AsOf, in increasing purchase count
	// (counts no customer made are left out).
	Purchases []PurchaseCount
	// NetSales is the net sales of all customers up to AsOf;
	// ReturningNetSales is the part dated after each customer's first
	// purchase day, and ReturningShare = ReturningNetSales / NetSales.
	// Orders on the first day, even when CountDays is false, are part of
	// the first visit. Refunds count on the day they were paid.
	NetSales, ReturningNetSales money.Money
	ReturningShare              metrics.Ratio
}

// RepeatRow is the repeat rates of one cohort.
type RepeatRow struct {
	Label     string         // the cohort label, as in [Row]
	Period    metrics.Period // the acquisition period of a period cohort
	Customers int64          // the cohort size
	Rates     []RepeatRate   // one per window of Config.Within
}

// RepeatRate is the repeat rate within N days of the first order (N天复购率).
type RepeatRate struct {
	Days int // N
	// Eligible is the number of customers whose N-day window has been
	// observed in full (first purchase day + N ≤ the as-of day); younger
	// customers are left out rather than counted as not repeating.
	Eligible int64
	// Repeaters is the number of eligible customers who purchased again
	// within N days of their first purchase (day difference ≤ N).
	Repeaters int64
	// Rate is Repeaters / Eligible, undefined when no customer is eligible.
	Rate metrics.Ratio
}

// Gaps describes the days between consecutive purchases of a customer,
// pooled over customers. With CountDays false, a second order on the same
// day is a gap of 0 days.
type Gaps struct {
	Count int64 // the number of gaps (purchases after a customer's first)
	// Median and P90 are the 50th and 90th percentiles in days, with
	// linear interpolation between order statistics (Hyndman and Fan type
	// 7, the default of R, NumPy and Excel's PERCENTILE.INC). Both are
	// zero when Count is zero.
	Median, P90 float64
}

// PurchaseCount is the number of customers with a given number of purchases.
type PurchaseCount struct {
	Purchases int64
	Customers int64
}

// defaultWithin is the default list of repeat-rate windows, in days.
var defaultWithin = []int{30, 60, 90}

// Repurchase returns the repeat rates within N days per cohort and
// overall, the days between purchases, the purchase-count distribution
// and the share of net sales from returning customers.
//
// Repurchase returns the errors.Join of a *metrics.ConfigError (wrapping
// metrics.ErrConfig) per invalid field, and no result, if cfg.Grain is not
// Day, Week or Month, cfg.By is not a By constant, or a window in
// cfg.Within is negative.
func (l *Ledger) Repurchase(cfg RepurchaseConfig) (*Repurchase, error) {
	g, err := checkGrain("RepurchaseConfig.Grain", cfg.Grain)
	errs := []error{err, checkBy("RepurchaseConfig.By", cfg.By)}
	for i, n := range cfg.Within {
		if n < 0 {
			errs = append(errs, configError("RepurchaseConfig.Within["+strconv.Itoa(i)+"]", "negative repeat window of "+strconv.Itoa(n)+" days"))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	l.flush()
	cfg.Grain = g
	if len(cfg.Within) == 0 {
		cfg.Within = defaultWithin
	}
	cfg.Within = slices.Clone(cfg.Within)
	asOf := l.asOfDay(cfg.AsOf)
	cfg.AsOf = dayTime(asOf, l.loc())
	res := &Repurchase{Config: cfg, Currency: l.cur}
	grp := newGrouping(cfg.By, g, l.loc())
	type acc struct {
		size      int64
		eligible  []int64
		repeaters []int64
	}
	var accs []*acc
	gaps := map[int64]int64{}
	counts := map[int64]int64{}
	var net, ret money.Total
	nw := len(cfg.Within)
	for ci, c := range l.customers() {
		first := l.first(ci)
		if first > asOf {
			res.Later++
			continue
		}
		r := grp.row(first, c)
		if r == len(accs) {
			accs = append(accs, &acc{eligible: make([]int64, nw), repeaters: make([]int64, nw)})
		}
		a := accs[r]
		a.size++
		res.Customers++
		// second is the day of the second purchase and prev the day of the
		// previous one, when hasSecond and hasPrev (days before 1970 are
		// negative, so no day number can mark "none").
		var second, prev int64
		var hasSecond, hasPrev bool
		var purchases int64
		days := l.daysOf(ci)
		for j := range days {
			b := &days[j]
			bnet, _ := l.dayAmounts(b)
			day := int64(b.day)
			if day > asOf {
				break
			}
			net.AddTotal(bnet)
			if day > first {
				ret.AddTotal(bnet)
			}
			if b.orders == 0 {
				continue
			}
			k := b.orders
			if cfg.CountDays {
				k = 1
			}
			if hasPrev {
				gaps[day-prev]++
			}
			if k > 1 {
				gaps[0] += k - 1
			}
			if !hasSecond && (hasPrev || k > 1) {
				second, hasSecond = day, true
			}
			prev, hasPrev = day, true
			purchases += k
		}
		counts[purchases]++
		for w, n := range cfg.Within {
			if int64(n) > asOf-first { // first+n could overflow for a huge n
				continue
			}
			a.eligible[w]++
			if hasSecond && second-first <= int64(n) {
				a.repeaters[w]++
			}
		}
	}
	overall := make([]RepeatRate, nw)
	for w, n := range cfg.Within {
		overall[w].Days = n
	}
	for _, r := range grp.order() {
		label, period := grp.label(r)
		a := accs[r]
		row := RepeatRow{Label: label, Period: period, Customers: a.size, Rates: make([]RepeatRate, nw)}
		for w, n := range cfg.Within {
			row.Rates[w] = RepeatRate{Days: n, Eligible: a.eligible[w], Repeaters: a.repeaters[w],
				Rate: metrics.CountRatio(a.repeaters[w], a.eligible[w])}
			overall[w].Eligible += a.eligible[w]
			overall[w].Repeaters += a.repeaters[w]
		}
		res.Cohorts = append(res.Cohorts, row)
	}
	for w := range overall {
		overall[w].Rate = metrics.CountRatio(overall[w].Repeaters, overall[w].Eligible)
	}
	res.Overall = overall
	res.Gaps = gapStats(gaps)
	for p, n := range counts {
		res.Purchases = append(res.Purchases, PurchaseCount{Purchases: p, Customers: n})
	}
	slices.SortFunc(res.Purchases, func(a, b PurchaseCount) int { return cmp.Compare(a.Purchases, b.Purchases) })
	res.NetSales, res.ReturningNetSales = net.Money(l.cur), ret.Money(l.cur)
	res.ReturningShare = ratioOf(ret, net)
	return res, nil
}

// gapStats summarises a histogram of gaps in days.
func gapStats(h map[int64]int64) Gaps {
	keys := make([]int64, 0, len(h))
	var n int64
	for k, c := range h {
		keys = append(keys, k)
		n += c
	}
	if n == 0 {
		return Gaps{}
	}
	slices.Sort(keys)
	return Gaps{Count: n, Median: quantile(keys, h, n, 0.5), P90: quantile(keys, h, n, 0.9)}
}

// quantile returns the type-7 p-quantile of n values given as sorted
// distinct keys with counts h.
func quantile(keys []int64, h map[int64]int64, n int64, p float64) float64 {
	pos := p * float64(n-1) // 0-based position among the sorted values
	lo := int64(math.Floor(pos))
	frac := pos - float64(lo)
	at := func(i int64) float64 { // the i-th smallest value
		var seen int64
		for _, k := range keys {
			seen += h[k]
			if i < seen {
				return float64(k)
			}
		}
		return float64(keys[len(keys)-1])
	}
	x := at(lo)
	if frac == 0 {
		return x
	}
	return x + frac*(at(lo+1)-x)
}
