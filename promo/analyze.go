package promo

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Config sets how a promotion is measured. The zero Config measures against
// the same-weekday average of the 4 weeks before the window, with a 2-week
// post-window, 95 % intervals and the full-cost convention.
//
// Every field is checked by [Config.Validate] (which [Ledger.Analyze],
// [Ledger.BySKU] call): a field out of its range is a *metrics.ConfigError
// naming it, never a silent default.
type Config struct {
	// Baseline is the baseline method. Defaults to SameWeekday.
	Baseline BaselineMethod
	// PreDays is the length of the pre-period in days, just before the
	// window; it must be in [MinPreDays, MaxDays]. Defaults to 28. A
	// pre-period that starts before the data is a *[CoverageError].
	PreDays int
	// PostDays is the length of the post-window in days, just after the
	// window, in which pull-forward is measured; negative means none, and
	// it must be at most [MaxDays]. Defaults to 14. A post-window past
	// the end of the data is cut short (see Result.Caveats).
	PostDays int
	// Control is the control group of the DiffInDiff baseline: items the
	// promotion did not touch. It must not share SKUs with the promotion's
	// scope. Defaults to none, which DiffInDiff rejects.
	Control Scope
	// Level is the confidence level of the intervals, in (0, 1). Defaults
	// to 0.95.
	Level float64
	// Costs is the cost convention of ROI. Defaults to FullCost.
	Costs CostConvention
	// Interval is how the gross-profit intervals are computed. Defaults to
	// Residual.
	Interval IntervalMethod
	// Resamples is the number of bootstrap resamples, in [MinResamples,
	// MaxResamples]; with the Bootstrap interval each tail of the interval
	// must also hold at least 5 resamples: Resamples × (1 − Level) / 2 ≥
	// 5. Defaults to 1999.
	Resamples int
	// Seed seeds the bootstrap; the same Seed gives the same intervals.
	// Defaults to 1.
	Seed uint64
	// Others are the store's marketing activities that the ledger does
	// not track as promotions, such as CRM campaigns. Their effect may
	// reach any item, so an activity whose window touches the post-window
	// leaves the pull-forward not measured, and one that touches the
	// window or the pre-period is a caveat (see [Ledger.Analyze]). Each
	// needs a name and a window that ends after it starts.
	Others []Activity
}

// Activity is a marketing activity that is not a tracked promotion: its
// name, for the caveats, and its window.
type Activity struct {
	Name   string
	Window metrics.Period
}

// MinPreDays is the shortest pre-period a baseline is fitted on: two of
// each weekday.
const MinPreDays = 14

// MaxDays is the longest pre-period and post-window, in days: ten years.
// It keeps every day count of an analysis far from the int range.
const MaxDays = 3660

// MinResamples and MaxResamples bound [Config.Resamples]. A bootstrap
// interval is read from the resamples in its tails: with 200 resamples
// each 2.5 % tail of a 95 % interval holds 5 of them, the fewest from
// which a percentile is more than one draw (Efron and Tibshirani, An
// Introduction to the Bootstrap, 1993, ch. 13 and 19, recommend 1000 or
// more for percentile intervals, hence the default 1999). With 1
// resample, the interval would be a single draw around nothing. The
// maximum bounds the work and memory of an analysis (one float64 per
// resample, and about 60 random draws each).
const (
	MinResamples = 200
	MaxResamples = 1_000_000
)

// minTail is the fewest bootstrap resamples each tail of an interval must
// hold.
const minTail = 5

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values (wrapping metrics.ErrConfig) joined with
// errors.Join; nil when c is valid. Zero fields take their defaults and are
// valid.
func (c Config) Validate() error {
	_, err := c.withDefaults()
	return err
}

func (c Config) withDefaults() (Config, error) {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, configError("Config."+field, fmt.Sprintf(format, args...)))
	}
	if c.Baseline > TrendWeekday {
		bad("Baseline", "unknown baseline %v", c.Baseline)
	}
	if c.PreDays != 0 && (c.PreDays < MinPreDays || c.PreDays > MaxDays) {
		bad("PreDays", "must be in [%d, %d] days, got %d", MinPreDays, MaxDays, c.PreDays)
	}
	if c.PostDays > MaxDays {
		bad("PostDays", "must be at most %d days, got %d", MaxDays, c.PostDays)
	}
	if c.Level != 0 && !(c.Level > 0 && c.Level < 1) { // also NaN
		bad("Level", "must be in (0, 1), got %g", c.Level)
	}
	if c.Costs > CashCost {
		bad("Costs", "unknown cost convention %v", c.Costs)
	}
	if c.Interval > Bootstrap {
		bad("Interval", "unknown interval method %v", c.Interval)
	}
	if c.Baseline == DiffInDiff && !c.Control.Store && len(c.Control.SKUs) == 0 && len(c.Control.Categories) == 0 {
		errs = append(errs, fmt.Errorf("%w: %w", configError("Config.Control", "the DiffInDiff baseline needs a control group"), ErrNoControl))
	}
	for i, a := range c.Others {
		if a.Name == "" {
			bad(fmt.Sprintf("Others[%d].Name", i), "an activity needs a name")
		}
		if !a.Window.End.After(a.Window.Start) {
			bad(fmt.Sprintf("Others[%d].Window", i), "must end after it starts, got %v to %v", a.Window.Start, a.Window.End)
		}
	}
	resamplesOK := c.Resamples == 0 || (c.Resamples >= MinResamples && c.Resamples <= MaxResamples)
	if !resamplesOK {
		bad("Resamples", "must be in [%d, %d], got %d", MinResamples, MaxResamples, c.Resamples)
	}
	levelOK := c.Level == 0 || (c.Level > 0 && c.Level < 1)
	if c.PreDays == 0 {
		c.PreDays = 28
	}
	if c.PostDays == 0 {
		c.PostDays = 14
	}
	if c.PostDays < 0 {
		c.PostDays = 0
	}
	if c.Level == 0 {
		c.Level = 0.95
	}
	if c.Resamples == 0 {
		c.Resamples = 1999
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	if c.Interval == Bootstrap && resamplesOK && levelOK {
		if tail := float64(c.Resamples) * (1 - c.Level) / 2; tail < minTail {
			bad("Resamples", "%d resamples leave %.2g in each tail of a %g%% interval; need at least %d, so at least %.0f resamples",
				c.Resamples, tail, 100*c.Level, minTail, math.Ceil(2*minTail/(1-c.Level)))
		}
	}
	return c, errors.Join(errs...)
}

// Result is the measurement of one promotion.
type Result struct {
	Promotion Promotion
	Baseline  BaselineMethod
	Pre       metrics.Period // the pre-period the baseline was fitted on
	Window    metrics.Period // the window, in whole days
	Post      metrics.Period // the post-window measured; zero if none

	// Lift is the effect on the promoted items during the window:
	// incremental units, net sales and gross profit (增量销售额/增量毛利)
	// with a confidence interval for the gross profit.
	Lift Effect
	// PreUnits is the units of the promoted items sold in the
	// pre-period: with none there is no baseline to measure a lift
	// against, and with none in the window either no lift at all (see
	// Caveats).
	PreUnits int64
	// Cannibalization (蚕食效应) is the effect on items of the promoted
	// items' categories outside the scope, during the window: negative
	// when they lost sales to the promotion. An item whose category is
	// empty is of no category: not in the group, and with no promoted
	// item in a category the effect is not measured (see Caveats).
	Cannibalization Effect
	// Halo (光环效应) is the effect on items of other categories (not the
	// promoted items', not empty) bought in the same orders as promoted
	// items, during the window: positive when
	// the promotion brought extra baskets. "Bought by promotion buyers" is
	// read per order (the basket), not per customer across orders; the
	// baseline is the same basket measure on the pre-period.
	Halo Effect
	// PullForward (提前透支) is the effect on the promoted items in the
	// post-window: negative when customers stocked up and bought less
	// afterwards.
	PullForward Effect

	GrossSales money.Money // quantity × unit price of promoted items in the window
	Discounts  money.Money // discounts given on promoted items in the window: line discounts and allocated order discounts
	// Cost is the promotion cost (促销成本), see [Cost]; the zero Money,
	// of no currency, when Promotion.CostUnknown (see [Result.CostKnown]):
	// not a cost of zero.
	Cost money.Money

	// NetGrossProfit is the lift's incremental gross profit plus those of
	// the measured side effects (cannibalization, halo, pull-forward).
	NetGrossProfit money.Money

	// ROI is the promotion ROI (促销ROI) on the lift, see [ROI]; NetROI
	// is ROI on NetGrossProfit, after side effects. Each is undefined
	// (n/a) when an effect it rests on counted units sold without a unit
	// cost ([Effect.CostMissing]): ROI on the lift's, NetROI on the
	// lift's or a measured side effect's. NetROI is undefined too when no
	// side effect was measured: it would repeat ROI and read as checked
	// for side effects that were not. Both, with ROILow and ROIHigh, are
	// undefined when the costs are not recorded (Promotion.CostUnknown).
	ROI    metrics.Ratio
	NetROI metrics.Ratio
	// ROILow and ROIHigh are the confidence interval of ROI: [ROI] of the
	// bounds of Lift.GrossProfitCI, at its level (95 % by default). Both
	// are undefined when the lift has no interval (as when it counted
	// units sold without a unit cost).
	ROILow, ROIHigh metrics.Ratio
	// Outcome is the verdict (结论) read from the ROI interval: pays, does
	// not pay, or inconclusive when it contains zero ([OutcomeOf]).
	Outcome         Outcome
	ROAS            metrics.Ratio // promoted net sales in the window / media cost; undefined without media cost, or when it is not known
	IncrementalROAS metrics.Ratio // incremental net sales / media cost
	DiscountDepth   metrics.Ratio // Discounts / GrossSales
	// Redemption is, over the window, orders with promoted items that
	// carried the promotion's ID (as Order.Promotion or a Line.Promotion) /
	// orders with promoted items.
	Redemption metrics.Ratio

	// Weekend compares the lift on Saturdays and Sundays of the window with
	// the lift on the other days.
	Weekend WeekendLift
	// Days is the window day by day.
	Days []DayLift
	// PostOverlaps are the IDs of the other tracked promotions on any of
	// the same items and the names of the activities of Config.Others
	// whose windows touch the post-window, sorted: the pull-forward is
	// not measured when there is any.
	PostOverlaps []string
	// Caveats are the reasons to read the numbers with care: overlapping
	// promotions (on the promoted items, the cannibalization group or the
	// control group), a truncated post-window, a side effect not measured, no
	// pre-period sales, a significant pre-period trend that the
	// same-weekday baseline ignores, or units sold without a unit cost
	// that leave ROI figures undefined.
	Caveats []string
}

// DayLift is one day of a promotion's window.
type DayLift struct {
	Day                 time.Time
	Units               int64
	BaselineUnits       float64
	NetSales            money.Money
	BaselineNetSales    money.Money // rounded half-even to the minor unit
	GrossProfit         money.Money
	BaselineGrossProfit money.Money // rounded half-even to the minor unit
}

// Analyze measures the tracked promotion id under cfg.
//
// The window is counted in whole calendar days of the Ledger's Location;
// the pre-period is the cfg.PreDays days just before it and the post-window
// the cfg.PostDays days just after. Every day from the Ledger's first to its
// last order is data: a day without orders is a day without sales.
//
// Analyze returns an error wrapping [ErrUnknownPromotion] for an id not
// tracked; a *[CoverageError] wrapping [ErrWindowOutsideData] when the
// window is not inside the data, or [ErrPrePeriodTooShort] when the data
// before the window is shorter than the pre-period (a pre-period shorter
// than [MinPreDays] is an invalid cfg); an error wrapping
// [ErrNoControl] for a DiffInDiff baseline without a control group that is
// disjoint from the scope and has sales (a *metrics.ConfigError naming
// Config.Control too when the control group is empty or shares SKUs with
// the scope); the *metrics.ConfigError values of
// [Config.Validate] for an invalid cfg; and a *money.MismatchError when
// the promotion's costs are in another currency than the orders.
//
// A post-window that runs past the data is cut short, and overlapping
// promotions on the same items, on the cannibalization group or on the
// control group, and the activities of cfg.Others that touch the
// pre-period or the window, are reported, in Result.Caveats. A promotion
// on the same items or an activity of cfg.Others whose window touches the
// post-window leaves the pull-forward not measured (Result.PostOverlaps),
// out of NetGrossProfit and NetROI, with a caveat.
//
// A line sold without a unit cost (a zero or missing UnitCost) counts at
// no cost, its whole net sales as gross profit. Each effect counts such
// units over the days it reads ([Effect.CostMissing]); its gross-profit
// interval and verdict are then undefined, and so are the ROI figures
// resting on it (ROI and its interval on the lift, NetROI on any
// measured effect), with a caveat, and Outcome is [Inconclusive]: a
// promotion of goods without costs would otherwise read as one that pays.
func (l *Ledger) Analyze(id string, cfg Config) (*Result, error) {
	a, err := l.prepare(id, cfg)
	if err != nil {
		return nil, err
	}
	t, p, e, loc := a.t, a.t.p, a.e, l.loc()
	ws, we, preFrom, postTo, treated := a.ws, a.we, a.preFrom, a.postTo, a.treated
	cfg = a.cfg
	r := &Result{
		Promotion: p,
		Baseline:  cfg.Baseline,
		Pre:       daysPeriod(preFrom, ws, loc),
		Window:    daysPeriod(ws, we, loc),
	}
	if postTo > we {
		r.Post = daysPeriod(we, postTo, loc)
	}
	if postTo < we+cfg.PostDays {
		if postTo > we {
			r.Caveats = append(r.Caveats, fmt.Sprintf("the post-window is cut to %d of %d days by the end of the data", postTo-we, cfg.PostDays))
		} else {
			r.Caveats = append(r.Caveats, "pull-forward not measured: the data ends with the window")
		}
	}

	window := dayRange(ws, we)
	post := dayRange(we, postTo)
	ts := l.gather(treated, preFrom, postTo)
	lift, err := e.effect(ts, window, r.Window)
	if err != nil {
		return nil, err
	}
	r.Lift = lift.Effect
	if cfg.Baseline == SameWeekday {
		if c, ok := trendCaveat(ts, preFrom, ws); ok {
			r.Caveats = append(r.Caveats, c)
		}
	}
	pre := ts.total(dayRange(preFrom, ws), l.cur)
	r.PreUnits = pre.Units
	switch {
	case pre.Units == 0 && lift.Actual.Units == 0:
		r.Caveats = append(r.Caveats, "the promoted items sold nothing in the pre-period nor in the window: there is no lift to measure, and no interval or verdict")
	case pre.Units == 0:
		r.Caveats = append(r.Caveats, "the promoted items sold nothing in the pre-period: the baseline is zero, the whole window counts as lift, and there is no variation to give it an interval or a verdict")
	}
	if r.PullForward, err = l.effectOf(e, ts, post, r.Post); err != nil {
		return nil, err
	}
	if len(post) == 0 {
		r.PullForward.Why = ErrNoPostWindow
	}
	r.PostOverlaps = l.inPost(t, treated, cfg.Others, we, postTo)
	if others := r.PostOverlaps; len(others) > 0 && r.PullForward.Measured {
		// The post-window's sales against the baseline are then the
		// other activity's effect as much as the promotion's: nothing
		// tells them apart, and counted in NetGrossProfit they would
		// turn a promotion that does not pay into one that does.
		r.PullForward = Effect{Days: r.Post, Why: ErrPostOverlap}
		quoted := make([]string, len(others))
		for i, o := range others {
			quoted[i] = strconv.Quote(o)
		}
		r.Caveats = append(r.Caveats, fmt.Sprintf("pull-forward not measured: %s ran in the post-window, whose sales its effect would be counted in", strings.Join(quoted, ", ")))
	}

	// Cannibalization: the promoted items' categories, outside the scope.
	// An empty category is no category: items without one are neither
	// of the promoted items' categories nor of another.
	cats := map[string]bool{}
	for i, in := range treated {
		if in && l.skus[i].category != "" {
			cats[l.skus[i].category] = true
		}
	}
	same := make([]bool, len(l.skus))
	anySame := false
	for i := range l.skus {
		same[i] = !treated[i] && cats[l.skus[i].category]
		anySame = anySame || same[i]
	}
	switch {
	case len(cats) == 0:
		r.Cannibalization.Days, r.Cannibalization.Why = r.Window, ErrNoCategory
		r.Caveats = append(r.Caveats, "cannibalization not measured: the promoted items have no category")
	case anySame:
		if r.Cannibalization, err = l.effectOf(e, l.gather(same, preFrom, postTo), window, r.Window); err != nil {
			return nil, err
		}
	default:
		r.Cannibalization.Days, r.Cannibalization.Why = r.Window, ErrNoRivals
		r.Caveats = append(r.Caveats, "cannibalization not measured: no items of the promoted categories outside the scope")
	}
	switch {
	case p.Scope.Store:
		r.Halo.Days, r.Halo.Why = r.Window, ErrWholeStore
		r.Caveats = append(r.Caveats, "halo not measured: the promotion covers the whole store")
	case len(cats) == 0:
		r.Halo.Days, r.Halo.Why = r.Window, ErrNoCategory
		r.Caveats = append(r.Caveats, "halo not measured: the promoted items have no category")
	default:
		// Other categories: neither the promoted items' nor none.
		exclude := maps.Clone(cats)
		exclude[""] = true
		if r.Halo, err = l.effectOf(e, gatherHalo(t, exclude, preFrom, postTo), window, r.Window); err != nil {
			return nil, err
		}
	}

	// Money: discounts, cost, ROI.
	c := l.cur
	var gross, disc money.Total
	var orders, redeemed int64
	for _, d := range window {
		gross.AddTotal(ts.at(d).gross)
		disc.AddTotal(ts.at(d).disc)
		if b := t.days[d]; b != nil {
			orders += b.orders
			redeemed += b.redeemed
		}
	}
	r.GrossSales, r.Discounts = gross.Money(c), disc.Money(c)
	if r.Cost, err = Cost(r.Discounts, p.FixedCost, p.MediaCost, cfg.Costs); err != nil {
		return nil, err
	}
	// Every effect is an amount of c, so the net gross profit is a Total.
	var net money.Total
	net.AddMoney(r.Lift.GrossProfit)
	sides := 0
	for _, side := range []Effect{r.Cannibalization, r.Halo, r.PullForward} {
		if side.Measured {
			net.AddMoney(side.GrossProfit)
			sides++
		}
	}
	r.NetGrossProfit = net.Money(c)
	var errs [5]error
	r.ROI, errs[0] = ROI(r.Lift.GrossProfit, r.Discounts, p.FixedCost, p.MediaCost, cfg.Costs)
	if sides > 0 {
		r.NetROI, errs[1] = ROI(r.NetGrossProfit, r.Discounts, p.FixedCost, p.MediaCost, cfg.Costs)
	}
	r.ROAS, errs[2] = metrics.MoneyRatio(r.Lift.Actual.NetSales, p.MediaCost)
	r.IncrementalROAS, errs[3] = metrics.MoneyRatio(r.Lift.NetSales, p.MediaCost)
	r.DiscountDepth, errs[4] = metrics.MoneyRatio(r.Discounts, r.GrossSales)
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	if ci := r.Lift.GrossProfitCI; ci.Defined {
		lo, err1 := ROI(ci.Lo, r.Discounts, p.FixedCost, p.MediaCost, cfg.Costs)
		hi, err2 := ROI(ci.Hi, r.Discounts, p.FixedCost, p.MediaCost, cfg.Costs)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		r.ROILow, r.ROIHigh = lo, hi
	}
	r.withoutCosts()
	r.costUnknown()
	r.Outcome = OutcomeOf(r.ROILow, r.ROIHigh)
	r.Redemption = metrics.CountRatio(redeemed, orders)

	if r.Weekend, err = weekendLift(e, ts, window, loc); err != nil {
		return nil, err
	}
	for i, d := range window {
		a := ts.at(d)
		gp := a.net
		gp.SubTotal(a.cost)
		r.Days = append(r.Days, DayLift{
			Day:                 dateOf(d, loc),
			Units:               a.units,
			BaselineUnits:       ratFloat(lift.fits[mUnits].pred[i]),
			NetSales:            a.net.Money(c),
			BaselineNetSales:    c.FromMinor(ratMinorHalfEven(lift.fits[mNet].pred[i])),
			GrossProfit:         gp.Money(c),
			BaselineGrossProfit: c.FromMinor(ratMinorHalfEven(lift.fits[mProfit].pred[i])),
		})
	}
	r.Caveats = append(r.Caveats, l.overlaps(t, treated, preFrom, ws, we)...)
	r.Caveats = append(r.Caveats, l.othersOverlap(cfg.Others, preFrom, ws, we)...)
	if anySame {
		r.Caveats = append(r.Caveats, l.overlapsOn(t, same, false, "items of the cannibalization group", []overlapPart{
			{"window", ws, we, "the cannibalization includes its effect"},
			{"pre-period", preFrom, ws, "the cannibalization's baseline includes its effect"},
		})...)
	}
	if a.ctrl != nil {
		r.Caveats = append(r.Caveats, l.overlapsOn(t, a.ctrl, false, "items of the control group", []overlapPart{
			{"window", ws, we, "the diff-in-diff baseline includes its effect"},
			{"pre-period", preFrom, ws, "the diff-in-diff baseline includes its effect"},
		})...)
	}
	return r, nil
}

// withoutCosts leaves undefined the ROI figures of r that rest on gross
// profit counted at no cost for units sold without one
// ([Effect.CostMissing]): ROI and its interval when the lift has such
// units, and NetROI when the lift or a side effect counted in
// NetGrossProfit has; each with a caveat. Outcome, read from the ROI
// interval, is then [Inconclusive].
func (r *Result) withoutCosts() {
	if n := r.Lift.CostMissing; n > 0 {
		r.ROI, r.ROILow, r.ROIHigh = metrics.Ratio{}, metrics.Ratio{}, metrics.Ratio{}
		r.Caveats = append(r.Caveats, fmt.Sprintf("ROI and the verdict not estimated: %d units of the promoted items in the pre-period and window were sold without a unit cost, and their gross profit would be their whole net sales", n))
	}
	var side []string
	for _, x := range []struct {
		name string
		e    Effect
	}{{"cannibalization", r.Cannibalization}, {"halo", r.Halo}, {"pull-forward", r.PullForward}} {
		if x.e.Measured && x.e.CostMissing > 0 {
			side = append(side, fmt.Sprintf("%s (%d units)", x.name, x.e.CostMissing))
		}
	}
	if len(side) > 0 {
		r.Caveats = append(r.Caveats, "net ROI not estimated: the "+strings.Join(side, ", ")+" sold without a unit cost in its pre-period or days, and their gross profit would be their whole net sales")
	}
	if r.Lift.CostMissing > 0 || len(side) > 0 {
		r.NetROI = metrics.Ratio{}
	}
}

// CostKnown reports whether the promotion's cost is known: false when
// its fixed and media costs are not recorded (Promotion.CostUnknown),
// and Cost, ROI, NetROI, their interval and ROAS are then undefined.
func (r *Result) CostKnown() bool { return !r.Promotion.CostUnknown }

// costUnknown leaves undefined, when the promotion's fixed and media
// costs are not known, the figures of r that rest on them: Cost, ROI,
// its interval, NetROI, ROAS and IncrementalROAS, with a caveat. They
// would otherwise be those of a promotion that cost nothing beyond its
// discounts.
func (r *Result) costUnknown() {
	if r.CostKnown() {
		return
	}
	r.Cost = money.Money{}
	r.ROI, r.ROILow, r.ROIHigh, r.NetROI = metrics.Ratio{}, metrics.Ratio{}, metrics.Ratio{}, metrics.Ratio{}
	r.ROAS, r.IncrementalROAS = metrics.Ratio{}, metrics.Ratio{}
	r.Caveats = append(r.Caveats, "cost, ROI, net ROI, ROAS and the verdict not estimated: the promotion's fixed and media costs are not recorded")
}

// analysis is the common setup of Analyze and BySKU.
type analysis struct {
	t                       *tracker
	cfg                     Config
	ws, we, preFrom, postTo int
	treated                 []bool
	ctrl                    []bool // the DiffInDiff control group, nil for other baselines
	e                       *estimator
}

func (l *Ledger) prepare(id string, cfg Config) (*analysis, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	t := l.tracker(id)
	if t == nil {
		return nil, fmt.Errorf("%w: %q", ErrUnknownPromotion, id)
	}
	loc := l.loc()
	ws, we := periodDays(t.p.Window, loc)
	have := ""
	if span, ok := l.Span(); ok {
		have = span.Label()
	}
	if l.orders == 0 || ws < l.minDay || we-1 > l.maxDay {
		return nil, &CoverageError{Promotion: id, Need: daysPeriod(ws, we, loc).Label(), Have: have, Err: ErrWindowOutsideData}
	}
	preFrom := ws - cfg.PreDays
	if preFrom < l.minDay {
		return nil, &CoverageError{Promotion: id, Need: daysPeriod(preFrom, ws, loc).Label(), Have: have, PreDays: cfg.PreDays, Err: ErrPrePeriodTooShort}
	}
	postTo := min(we+cfg.PostDays, l.maxDay+1)
	treated := l.resolve(t.p.Scope)
	e := &estimator{method: cfg.Baseline, level: cfg.Level, cur: l.cur, preFrom: preFrom, preTo: ws,
		interval: cfg.Interval, resamples: cfg.Resamples, seed: cfg.Seed}
	if cfg.Baseline == DiffInDiff {
		ctrl := l.resolve(cfg.Control)
		any := false
		for i := range ctrl {
			if ctrl[i] && treated[i] {
				return nil, fmt.Errorf("%w: %w", configError("Config.Control", fmt.Sprintf("shares SKU %q with the promotion's scope", l.skus[i].sku)), ErrNoControl)
			}
			any = any || ctrl[i]
		}
		if !any {
			return nil, fmt.Errorf("%w: control group has no SKUs with sales", ErrNoControl)
		}
		cs := l.gather(ctrl, preFrom, postTo)
		e.control = &cs
	}
	var ctrl []bool
	if e.control != nil {
		ctrl = l.resolve(cfg.Control)
	}
	return &analysis{t: t, cfg: cfg, ws: ws, we: we, preFrom: preFrom, postTo: postTo, treated: treated, ctrl: ctrl, e: e}, nil
}

// trendCaveat reports a trend of the promoted items' daily units over the
// pre-period, significant at the 5 % level (the slope of a trend-weekday
// fit, two-sided t test), which a same-weekday baseline ignores.
func trendCaveat(s series, preFrom, preTo int) (string, bool) {
	f, err := fitTrendWeekday(s.values(mUnits, preFrom, preTo), preFrom, nil)
	if err != nil || f.slopeSE == 0 {
		return "", false
	}
	if q, ok := tQuantile(0.95, f.df); !ok || math.Abs(f.slope/f.slopeSE) <= q {
		return "", false
	}
	var units float64
	for _, v := range s.values(mUnits, preFrom, preTo) {
		units += ratFloat(v)
	}
	mean := units / float64(preTo-preFrom)
	if mean <= 0 {
		return "", false
	}
	return fmt.Sprintf("the promoted items' units trended by %+.1f%% a week over the pre-period; the %s baseline assumes no trend (consider TrendWeekday or DiffInDiff)",
		100*7*f.slope/mean, SameWeekday), true
}

func (l *Ledger) effectOf(e *estimator, s series, days []int, p metrics.Period) (Effect, error) {
	f, err := e.effect(s, days, p)
	return f.Effect, err
}

func dayRange(from, to int) []int {
	out := make([]int, 0, max(to-from, 0))
	for d := from; d < to; d++ {
		out = append(out, d)
	}
	return out
}

// overlaps reports other tracked promotions on any of the same items whose
// windows touch the pre-period or the window (one in the post-window
// leaves the pull-forward not measured: see inPost).
func (l *Ledger) overlaps(t *tracker, treated []bool, preFrom, ws, we int) []string {
	return l.overlapsOn(t, treated, t.p.Scope.Store, "the same items", []overlapPart{
		{"window", ws, we, "the lift includes its effect"},
		{"pre-period", preFrom, ws, "the baseline includes its effect"},
	})
}

// inPost returns, sorted, the IDs of the other tracked promotions on any
// of the same items and the names of the activities of others whose
// windows touch the post-window, the days from we to postTo.
func (l *Ledger) inPost(t *tracker, treated []bool, others []Activity, we, postTo int) []string {
	if postTo <= we {
		return nil
	}
	var out []string
	for _, o := range l.tracked {
		if o == t || !l.shares(o, treated, t.p.Scope.Store) {
			continue
		}
		if os, oe := periodDays(o.p.Window, l.loc()); os < postTo && oe > we {
			out = append(out, o.p.ID)
		}
	}
	for _, a := range others {
		if os, oe := periodDays(a.Window, l.loc()); os < postTo && oe > we {
			out = append(out, a.Name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// othersOverlap reports the activities of others whose windows touch the
// pre-period or the window: their effect may reach the promoted items.
func (l *Ledger) othersOverlap(others []Activity, preFrom, ws, we int) []string {
	var out []string
	for _, a := range others {
		os, oe := periodDays(a.Window, l.loc())
		for _, part := range []overlapPart{
			{"window", ws, we, "the lift and the side effects include its effect"},
			{"pre-period", preFrom, ws, "the baseline includes its effect"},
		} {
			if os < part.to && oe > part.from {
				out = append(out, fmt.Sprintf("activity %q overlaps the %s: %s", a.Name, part.name, part.effect))
			}
		}
	}
	slices.Sort(out)
	return out
}

// shares reports whether the tracked promotion o covers an item of sel,
// or every item when all.
func (l *Ledger) shares(o *tracker, sel []bool, all bool) bool {
	if o.p.Scope.Store || all {
		return true
	}
	osel := l.resolve(o.p.Scope)
	for i := range osel {
		if osel[i] && sel[i] {
			return true
		}
	}
	return false
}

// overlapPart is a span of days whose measurement another promotion spoils.
type overlapPart struct {
	name     string
	from, to int
	effect   string
}

// overlapsOn reports, sorted, the other tracked promotions on any item of
// sel (on every item when all) whose windows touch one of parts; items
// names the items in the message.
func (l *Ledger) overlapsOn(t *tracker, sel []bool, all bool, items string, parts []overlapPart) []string {
	var out []string
	loc := l.loc()
	for _, o := range l.tracked {
		if o == t {
			continue
		}
		if !l.shares(o, sel, all) {
			continue
		}
		os, oe := periodDays(o.p.Window, loc)
		for _, part := range parts {
			if os < part.to && oe > part.from {
				out = append(out, fmt.Sprintf("promotion %q on %s overlaps the %s: %s", o.p.ID, items, part.name, part.effect))
			}
		}
	}
	slices.Sort(out)
	return out
}
