package report

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// minGapDays is the fewest days without an order that orderGaps takes as
// missing from the data, whatever the store's pace: a store closed for a
// few days' holiday is closed, not missing.
const minGapDays = 7

// dayRun is a run of whole days, from the midnight starting first to the
// one ending last, in the period's time zone.
type dayRun struct{ first, last time.Time }

// String returns the run as "2017-07-31..2017-08-31".
func (r dayRun) String() string {
	return r.first.Format(time.DateOnly) + ".." + r.last.Format(time.DateOnly)
}

// overlaps reports whether the run has a day in [start, end).
func (r dayRun) overlaps(start, end time.Time) bool {
	return r.first.Before(end) && !r.last.Before(start)
}

// orderGaps returns the runs of days, between the first and the last day
// with a non-cancelled order up to the period's end, without any order
// that the store's own pace makes very unlikely, taken as days missing
// from the data: at least minGapDays days, and r·g ≥ gapEvidence for r
// the orders a day over the days from the first to the last and g the
// days of the run (a Poisson count of rate r has no order in g days with
// probability e^(−r·g), under 1 in 1,000), as the end of the data is
// judged ([builder.curCoverage]). The Complete Journey slice, 24 orders
// a day, has none from 2017-07-31 to 2017-08-31 (between the windows of
// the two campaigns it was cut for); a store of 2 orders a week has no
// such gap in a month without orders. A run with a visitor on one of its
// days is no gap either: the events go on, so the data do, and they say
// that nobody bought (a checkout down), as the data's end is judged over
// orders and events alike. It notes the runs in the overview
// ("orders_gap"), once.
func (b *builder) orderGaps() []dayRun {
	if b.gapsFound {
		return b.gaps
	}
	b.gapsFound = true
	plan := partOf[*planPart](b)
	if plan == nil {
		return nil
	}
	var days []int
	var orders int64
	for k, d := range plan.days {
		if d.orders > 0 {
			days = append(days, k)
			orders += d.orders
		}
	}
	if len(days) < 2 {
		return nil
	}
	slices.Sort(days)
	rate := float64(orders) / float64(days[len(days)-1]-days[0]+1)
	loc := b.periods[pCur].Location()
	day := func(k int) time.Time {
		y, m, d := time.Unix(int64(k)*86400, 0).UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, loc)
	}
	var runs []string
	for i := 1; i < len(days); i++ {
		g := days[i] - days[i-1] - 1
		if g < minGapDays || rate*float64(g) < gapEvidence || visited(plan, days[i-1]+1, days[i]) {
			continue
		}
		r := dayRun{day(days[i-1] + 1), day(days[i] - 1)}
		b.gaps = append(b.gaps, r)
		runs = append(runs, r.String()+" ("+strconv.Itoa(g)+")")
	}
	if len(runs) > 0 {
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: "orders_gap", Reason: strings.Join(runs, ", ")})
	}
	return b.gaps
}

// visited reports whether a day of [from, to) has a visitor in plan's
// history: the events go on, so the data do, and the days without an
// order are days nobody bought.
func visited(plan *planPart, from, to int) bool {
	for k := from; k < to; k++ {
		if d := plan.days[k]; d != nil && d.visitors > 0 {
			return true
		}
	}
	return false
}

// inGap reports whether a day of [start, end) is in a run of days the
// orders are missing from (orderGaps).
func (b *builder) inGap(p metrics.Period) bool {
	for _, r := range b.orderGaps() {
		if r.overlaps(p.Start, p.End) {
			return true
		}
	}
	return false
}

// errDaysMissing is the cause of a part not computed because days are
// missing from the data (orderGaps) in the periods it compares.
var errDaysMissing = errors.New("report: days are missing from the data in the periods compared")

// partial reports whether the comparison of the reviewed period with
// compared period i (pPrev or pYear) would set days the data cover
// against days they do not: the data end before the reviewed period does
// (b.cut, which the overview decides), or days missing from the data
// (orderGaps) fall in the reviewed period or in period i. The totals and
// counts of such a comparison (growsWithDays) leave their changes
// undefined, as partialComparison says.
func (b *builder) partial(i int) bool {
	return b.cut || b.inGap(b.periods[pCur]) || b.inGap(b.periods[i])
}

// gapNotes notes in the overview, for each compared period i the
// overview has values of (has[i]), that its comparison leaves the
// changes of totals and counts undefined for days missing from the data
// ("prev_gap", "year_gap"), with the runs of missing days in the
// reviewed period or in period i.
func (b *builder) gapNotes(has [nPeriods]bool) {
	for _, i := range [...]int{pPrev, pYear} {
		if !has[i] {
			continue
		}
		runs := b.gapsIn(b.periods[pCur], b.periods[i])
		if len(runs) == 0 {
			continue
		}
		key := "prev_gap"
		if i == pYear {
			key = "year_gap"
		}
		b.notes = append(b.notes, Note{Section: SectionOverview, Key: key, Reason: strings.Join(runs, ", ")})
	}
}

// gapsIn returns the runs of days missing from the data (orderGaps) that
// have a day in any of ps, as "2017-07-31..2017-08-31", in time order.
func (b *builder) gapsIn(ps ...metrics.Period) []string {
	var runs []string
	for _, r := range b.orderGaps() {
		for _, p := range ps {
			if r.overlaps(p.Start, p.End) {
				runs = append(runs, r.String())
				break
			}
		}
	}
	return runs
}
