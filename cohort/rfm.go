package cohort

import (
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Segment is a named RFM segment (客户分层).
type Segment uint8

const (
	Champions          Segment = iota // bought recently and often: R 5, F 4–5
	Loyal                             // buy often, fairly recently: R 3–4, F 4–5
	PotentialLoyalists                // recent, a few purchases: R 3–5, F 2–3
	New                               // recent first-time buyers: R 4–5, F 1
	AtRisk                            // bought a few times, not lately: R 1–2, F 3–4
	CantLose                          // bought most often, long ago: R 1–2, F 5
	Hibernating                       // few purchases, a while ago: R 3 F 1, or R 2 F 1–2
	Lost                              // few purchases, long ago: R 1, F 1–2
)

var segmentNames = [...]string{"Champions", "Loyal", "Potential loyalists", "New", "At risk", "Can't lose", "Hibernating", "Lost"}

// segments lists the segments in the order of their constants.
var segments = []Segment{Champions, Loyal, PotentialLoyalists, New, AtRisk, CantLose, Hibernating, Lost}

// String returns the segment's name, such as "Can't lose".
func (s Segment) String() string {
	if int(s) < len(segmentNames) {
		return segmentNames[s]
	}
	return fmt.Sprintf("Segment(%d)", s)
}

// SegmentOf returns the segment of recency score r and frequency score f
// (each 1 to 5). The rules partition the 5 × 5 grid:
//
//	         F=1          F=2   F=3   F=4        F=5
//	R=5      New          Potential   Champions  Champions
//	R=4      New          Potential   Loyal      Loyal
//	R=3      Hibernating  Potential   Loyal      Loyal
//	R=2      Hibernating  Hib.  At risk At risk  Can't lose
//	R=1      Lost         Lost  At risk At risk  Can't lose
//
// (Potential = Potential loyalists, Hib. = Hibernating.) The monetary
// score does not change the segment; it is reported beside it. SegmentOf
// panics if a score is outside 1 to 5.
func SegmentOf(r, f int) Segment {
	if r < 1 || r > 5 || f < 1 || f > 5 {
		panic(fmt.Sprintf("cohort: RFM scores %d, %d outside 1 to 5", r, f))
	}
	switch {
	case r >= 3 && f >= 4:
		if r == 5 {
			return Champions
		}
		return Loyal
	case r >= 3 && f >= 2:
		return PotentialLoyalists
	case r >= 4:
		return New
	case f == 5:
		return CantLose
	case f >= 3:
		return AtRisk
	case r == 1:
		return Lost
	}
	return Hibernating
}

// RFMConfig says how [Ledger.RFM] measures customers.
type RFMConfig struct {
	// AsOf is the day recency is measured from, in the ledger's Location;
	// activity after it is left out. Defaults to the last day with
	// activity in the ledger.
	AsOf time.Time
	// CountDays counts all of a customer's orders on one day as one
	// purchase for frequency. Defaults to false: each order counts.
	CountDays bool
}

// CustomerRFM is one customer's recency, frequency and monetary value and
// their scores.
type CustomerRFM struct {
	ID        string
	Recency   int64       // days from the last purchase day to the as-of day (0: bought that day)
	Frequency int64       // purchases up to the as-of day
	Monetary  money.Money // net sales up to the as-of day (after refunds)
	R, F, M   int         // quintile scores, 1 (worst) to 5 (best)
	Segment   Segment
}

// SegmentSize is the size and value of one segment.
type SegmentSize struct {
	Segment    Segment
	Customers  int64
	Share      metrics.Ratio // Customers / all customers
	NetSales   money.Money   // Σ Monetary of its customers
	ValueShare metrics.Ratio // NetSales / Σ Monetary of all customers
}

// RFM is the RFM analysis of a ledger at an as-of day.
type RFM struct {
	Config    RFMConfig      // the configuration, defaults filled in; AsOf is the start of the as-of day (its midnight)
	Currency  money.Currency // zero for an empty ledger
	Customers []CustomerRFM  // sorted by ID
	Segments  []SegmentSize  // every segment, in the order of the Segment constants
	Later     int64          // customers whose first order is after AsOf, left out
}

// RFM scores every customer acquired by the as-of day on recency,
// frequency and monetary value, and names their segment with [SegmentOf].
//
// Each score is a quintile of its measure among the customers, 5 for the
// best fifth (most recent, most frequent, highest net sales). Ties are
// deterministic: customers with equal values get equal scores, the score
// of the first rank of their group,
//
//	score = 1 + ⌊5 × (number of customers with a strictly worse value) / n⌋
//
// (the "min" rank method), so a large tie, such as the many one-time
// buyers, lands in the lowest quintile it touches and no customer is
// scored on the order of the input.
func (l *Ledger) RFM(cfg RFMConfig) *RFM {
	l.flush()
	asOf := l.asOfDay(cfg.AsOf)
	cfg.AsOf = dayTime(asOf, l.loc())
	res := &RFM{Config: cfg, Currency: l.cur}
	type row struct {
		id        string
		rec, freq int64
		mon       money.Total
	}
	rows := make([]row, 0, l.acquiredBy(asOf))
	for ci, c := range l.customers() {
		first := l.first(ci)
		if first > asOf {
			res.Later++
			continue
		}
		r := row{id: c.id}
		last := first
		days := l.daysOf(ci)
		for j := range days {
			b := &days[j]
			bnet, _ := l.dayAmounts(b)
			day := int64(b.day)
			if day > asOf {
				break
			}
			r.mon.AddTotal(bnet)
			if b.orders > 0 {
				last = day
				if cfg.CountDays {
					r.freq++
				} else {
					r.freq += b.orders
				}
			}
		}
		r.rec = asOf - last
		rows = append(rows, r)
	}
	n := len(rows)
	// The measures as numbers, higher better, for intScores: recency
	// negated (lower is better), net sales in minor units unless one
	// overflows them.
	v := make([]int64, n)
	for i, r := range rows {
		v[i] = -r.rec
	}
	rs := intScores(v)
	for i, r := range rows {
		v[i] = r.freq
	}
	fs := intScores(v)
	units := true
	for i, r := range rows {
		v[i] = r.mon.Units
		units = units && r.mon.Extra == nil
	}
	var ms []int
	if units {
		ms = intScores(v)
	} else {
		ms = scores(n, func(i, j int) int { return rows[i].mon.Cmp(rows[j].mon) })
	}
	type segAcc struct {
		n   int64
		mon money.Total
	}
	segs := make([]segAcc, len(segments))
	var total money.Total
	res.Customers = make([]CustomerRFM, n)
	for i, r := range rows {
		s := SegmentOf(rs[i], fs[i])
		res.Customers[i] = CustomerRFM{ID: r.id, Recency: r.rec, Frequency: r.freq, Monetary: r.mon.Money(l.cur),
			R: rs[i], F: fs[i], M: ms[i], Segment: s}
		segs[s].n++
		segs[s].mon.AddTotal(r.mon)
		total.AddTotal(r.mon)
	}
	sortByID(res.Customers, func(c *CustomerRFM) string { return c.ID })
	for _, s := range segments {
		res.Segments = append(res.Segments, SegmentSize{Segment: s, Customers: segs[s].n,
			Share: metrics.CountRatio(segs[s].n, int64(n)), NetSales: segs[s].mon.Money(l.cur),
			ValueShare: ratioOf(segs[s].mon, total)})
	}
	return res
}

// scores returns the quintile score of each of n items under better, a
// comparison that is positive when item i is better than item j.
func scores(n int, better func(i, j int) int) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, better) // worst first
	out := make([]int, n)
	worse := 0 // items strictly worse than the current tie group
	for k := 0; k < n; k++ {
		if k > 0 && better(idx[k], idx[k-1]) != 0 {
			worse = k
		}
		out[idx[k]] = 1 + 5*worse/n
	}
	return out
}

// intScores returns the quintile score of each value of v, higher values
// better: scores of the comparison of the values, found by counting
// rather than by sorting the items. The number of values strictly below
// each is counted in an array over their range when it is at most a few
// times their number (days of recency, purchases), and found by binary
// search in the sorted values otherwise (net sales).
func intScores(v []int64) []int {
	n := len(v)
	out := make([]int, n)
	if n == 0 {
		return out
	}
	lo, hi := slices.Min(v), slices.Max(v)
	// hi − lo in uint64 is the span even where it overflows int64.
	if span := uint64(hi) - uint64(lo); span < 4*uint64(n)+1024 {
		below := make([]int, span+1) // below[k]: values below lo+k
		for _, x := range v {
			below[uint64(x)-uint64(lo)]++
		}
		w := 0
		for k, c := range below {
			below[k] = w
			w += c
		}
		for i, x := range v {
			out[i] = 1 + 5*below[uint64(x)-uint64(lo)]/n
		}
		return out
	}
	sorted := slices.Clone(v)
	slices.Sort(sorted)
	for i, x := range v {
		worse, _ := slices.BinarySearch(sorted, x)
		out[i] = 1 + 5*worse/n
	}
	return out
}
