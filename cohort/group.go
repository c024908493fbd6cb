package cohort

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// By says what puts customers in the same cohort. Every choice reads the
// customer's first order: the earliest non-cancelled order by PlacedAt,
// ties going to the smaller order ID.
type By uint8

const (
	ByPeriod    By = iota // the calendar period (day, ISO week, month) of the first order
	ByChannel             // the first order's Channel
	ByCategory            // the Category of the first order's line of highest gross value (the earlier line on a tie)
	ByPromotion           // the first order's order-level Promotion ("" for none)
	ByKey                 // the value of the ledger's Key function on the first order
)

var byNames = [...]string{"period", "channel", "category", "promotion", "key"}

// String returns "period", "channel", "category", "promotion" or "key".
func (b By) String() string {
	if int(b) < len(byNames) {
		return byNames[b]
	}
	return fmt.Sprintf("By(%d)", b)
}

// noneLabel is the label of a key cohort whose key is empty.
const noneLabel = "(none)"

// rowKey identifies a cohort: a period index, or a key.
type rowKey struct {
	p int64
	s string
}

// grouping assigns customers to cohorts and labels them.
type grouping struct {
	by    By
	grain metrics.Grain
	loc   *time.Location
	rows  map[rowKey]int
	keys  []rowKey
	// The period and row of the last customer, for cohorts by period.
	last    int64
	lastRow int
	hasLast bool
}

// newGrouping returns the grouping of by, a By constant (see checkBy), into
// periods of g. It panics if by is not one: its callers check their
// configuration first.
func newGrouping(by By, g metrics.Grain, loc *time.Location) *grouping {
	if by > ByKey {
		panic(fmt.Sprintf("cohort: internal error: unknown By %d", by))
	}
	return &grouping{by: by, grain: g, loc: loc, rows: make(map[rowKey]int)}
}

// row returns the row number of the cohort of customer c, whose first
// order was on day first, adding the cohort if new. For cohorts by period
// c is not read and may be nil.
func (g *grouping) row(first int64, c *customer) int {
	var k rowKey
	var ck cohortKeys
	if g.by != ByPeriod && c.keys != nil {
		ck = *c.keys
	}
	switch g.by {
	case ByPeriod:
		k.p = index(first, g.grain)
		if g.hasLast && k.p == g.last {
			return g.lastRow // customers added in time order come in runs of one period
		}
	case ByChannel:
		k.s = ck.channel
	case ByCategory:
		k.s = ck.category
	case ByPromotion:
		k.s = ck.promotion
	case ByKey:
		k.s = ck.key
	}
	i, ok := g.rows[k]
	if !ok {
		i = len(g.keys)
		g.rows[k] = i
		g.keys = append(g.keys, k)
	}
	if g.by == ByPeriod {
		g.last, g.lastRow, g.hasLast = k.p, i, true
	}
	return i
}

// order returns the row numbers sorted by cohort: periods in time order,
// keys in byte order.
func (g *grouping) order() []int {
	idx := make([]int, len(g.keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		ka, kb := g.keys[a], g.keys[b]
		return cmp.Or(cmp.Compare(ka.p, kb.p), cmp.Compare(ka.s, kb.s))
	})
	return idx
}

// label returns the cohort's label and, for a period cohort, its period.
func (g *grouping) label(i int) (string, metrics.Period) {
	k := g.keys[i]
	if g.by == ByPeriod {
		p := metrics.PeriodOf(dayTime(startDay(k.p, g.grain), g.loc), g.grain)
		return p.Label(), p
	}
	if k.s == "" {
		return noneLabel, metrics.Period{}
	}
	return k.s, metrics.Period{}
}

// asOfDay returns the day number of asOf in the ledger's location, or the
// last day with activity when asOf is zero.
func (l *Ledger) asOfDay(asOf time.Time) int64 {
	if asOf.IsZero() {
		return l.lastDay
	}
	return civil.Of(asOf, l.loc())
}
