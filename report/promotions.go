package report

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/promo"
)

// promotionsSection measures each promotion whose window overlaps the
// period (promo.Ledger.Analyze with its defaults: the same-weekday
// baseline of the 4 weeks before, a 2-week post-window and 95 %
// intervals), and the weekday pattern of the period's daily sales.
func (pp *promotionsPart) section(b *builder, days []Day) *Promotions {
	if len(b.in.Promotions) == 0 {
		return nil
	}
	p := b.periods[pCur]
	wd, err := weekdays(days, b.cur)
	if err != nil {
		b.errs = append(b.errs, err)
	}
	out := &Promotions{Weekday: wd}
	out.Weekend = pp.weekend(b, p)
	// The CRM campaigns reach the promoted items too: one in a
	// promotion's post-window leaves its pull-forward not measured (a
	// campaign whose window is not a period is the campaigns part's to
	// report). One with neither name nor ID, which that part reports
	// only in the period, is named by its place in Input.Campaigns: its
	// effect counts all the same, and promo.Config wants a name.
	var cfg promo.Config
	for i, c := range b.in.Campaigns {
		if !c.Window.End.After(c.Window.Start) {
			continue
		}
		name := c.Label()
		if name == "" {
			name = fmt.Sprintf("Campaigns[%d]", i)
		}
		cfg.Others = append(cfg.Others, promo.Activity{Name: name, Window: c.Window})
	}
	var uncosted []string
	unsold := map[string][]string{} // promotions without sales in the pre-period, by note key
	for _, pr := range b.in.Promotions {
		if !pr.Window.Start.Before(p.End) || !pr.Window.End.After(p.Start) {
			continue
		}
		res, err := pp.ledger.Analyze(pr.ID, cfg)
		var ce *promo.CoverageError
		if errors.As(err, &ce) {
			// Too little data around the window: said, not guessed.
			out.Unmeasured = append(out.Unmeasured, Unmeasured{ID: pr.ID, Name: pr.Name, Reason: err.Error(),
				Cause: causeOf(err), Need: ce.Need, Have: ce.Have})
			continue
		}
		if err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		if runs := b.gapsIn(res.Pre, res.Window, res.Post); len(runs) > 0 {
			// Days missing from the data would read as days without
			// sales: a baseline too low, a lift or a pull-forward that
			// is only data missing.
			missing := strings.Join(runs, ", ")
			err := fmt.Errorf("%w: %s, in what promotion %q reads", errDaysMissing, missing, pr.ID)
			out.Unmeasured = append(out.Unmeasured, Unmeasured{ID: pr.ID, Name: pr.Name, Reason: err.Error(),
				Cause: causeOf(err), Missing: missing})
			continue
		}
		item, err := promotionResult(res)
		if err != nil {
			b.note(SectionPromotions, "roi_interval", fmt.Errorf("%s: %w", pr.ID, err))
			// The lift or the interval is undefined; the note says why.
		}
		if len(res.PostOverlaps) > 0 {
			item.PostOverlaps = res.PostOverlaps
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "pull_forward_overlap",
				Reason: cmp.Or(pr.Name, pr.ID) + " — " + strings.Join(res.PostOverlaps, ", ")})
		}
		name := cmp.Or(pr.Name, pr.ID)
		switch {
		case item.CostMissing > 0:
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "roi_no_cost", Reason: name, Count: item.CostMissing})
		case item.SideCostMissing > 0:
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "net_roi_no_cost", Reason: name, Count: item.SideCostMissing})
		}
		if res.PreUnits == 0 {
			// No baseline: the whole window counts as lift, or, with
			// no sale in it either, there is none to measure.
			key := "promo_no_baseline"
			if res.Lift.Actual.Units == 0 {
				key = "promo_no_sales"
			}
			unsold[key] = append(unsold[key], name)
		}
		switch {
		case !res.CostKnown():
			// Its fixed and media costs are not recorded: not zero,
			// not known; one note names every such promotion.
			uncosted = append(uncosted, name)
		case res.Cost.IsZero() && item.CostMissing == 0:
			// ROI divides by the cost: no discount given and no fixed
			// or media cost leave it, and the verdict, without one.
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "roi_zero_cost", Reason: name})
		}
		out.Items = append(out.Items, item)
	}
	if len(uncosted) > 0 {
		b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "promo_uncosted", Reason: strings.Join(uncosted, ", ")})
	}
	for _, key := range []string{"promo_no_sales", "promo_no_baseline"} {
		if len(unsold[key]) > 0 {
			b.notes = append(b.notes, Note{Section: SectionPromotions, Key: key, Reason: strings.Join(unsold[key], ", ")})
		}
	}
	return out
}

// promotionResult returns the review's form of res, with the verdict of
// its ROI interval ([promo.Result].Outcome). It returns the error of the
// lift, which is then undefined, with the rest of the result.
func promotionResult(res *promo.Result) (PromotionResult, error) {
	pr := res.Promotion
	lift := res.Lift
	out := PromotionResult{
		ID: pr.ID, Name: pr.Name, Window: res.Window,
		Actual: lift.Actual.NetSales, Baseline: lift.Baseline.NetSales, Incremental: lift.NetSales,
		ROI: res.ROI, NetROI: res.NetROI,
		ROILow: metrics.Undefined(metrics.UnitRatio), ROIHigh: metrics.Undefined(metrics.UnitRatio),
		Cannibalization: effect(res.Cannibalization), Halo: effect(res.Halo), PullForward: effect(res.PullForward),
		CannibalizationCause: causeOf(res.Cannibalization.Why), HaloCause: causeOf(res.Halo.Why), PullForwardCause: causeOf(res.PullForward.Why),
	}
	var ciErr error
	out.Lift, ciErr = metrics.MoneyRatio(lift.NetSales, lift.Baseline.NetSales)
	// ROI's numerator, exact: incremental gross profit − fixed − media.
	profit, err := lift.GrossProfit.Sub(pr.FixedCost)
	if err == nil {
		profit, err = profit.Sub(pr.MediaCost)
	}
	out.Profit = metrics.Undefined(metrics.UnitMoney)
	if err != nil {
		ciErr = errors.Join(ciErr, err)
	} else if lift.CostMissing == 0 && res.CostKnown() {
		// Nor when the fixed and media costs are not recorded: not
		// zero, not known.
		// Units sold without a unit cost would count at no cost.
		out.Profit = metrics.MoneyValue(profit)
	}
	if res.ROILow.Defined() && res.ROIHigh.Defined() {
		out.ROILow, out.ROIHigh = pct(res.ROILow), pct(res.ROIHigh)
	}
	out.Verdict = verdictKey(res.Outcome)
	// promo leaves ROI, its interval, net ROI and the outcome undefined
	// when the units they read were sold without a unit cost; the
	// counts say how many.
	out.CostMissing = lift.CostMissing
	if out.CostMissing == 0 {
		// The pull-forward reads the lift's pre-period: its units there
		// are the lift's, and counted in CostMissing when there are any.
		for _, e := range []promo.Effect{res.Cannibalization, res.Halo, res.PullForward} {
			if e.Measured {
				out.SideCostMissing += e.CostMissing
			}
		}
	}
	for _, d := range res.Days {
		out.Daily = append(out.Daily, PromoDay{Date: d.Day, Actual: d.NetSales, Baseline: d.BaselineNetSales})
	}
	w := res.Weekend
	out.WeekendDiff, out.WeekendLow, out.WeekendHigh = metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitMoney)
	out.WeekendVerdict = weekendKey(promo.Undetermined)
	if w.Weekend.Days > 0 && w.Weekday.Days > 0 && w.Weekend.Effect.CostMissing == 0 && w.Weekday.Effect.CostMissing == 0 {
		out.WeekendDiff = metrics.MoneyValue(w.Difference)
		if w.DifferenceCI.Defined {
			out.WeekendLow, out.WeekendHigh = metrics.MoneyValue(w.DifferenceCI.Lo), metrics.MoneyValue(w.DifferenceCI.Hi)
		}
		out.WeekendVerdict = weekendKey(w.Verdict)
	}
	return out, ciErr
}

// weekend returns the store's weekend effect over p
// (promo.Ledger.DayOfWeek on the whole store at 95 %), or nil with a
// note when it cannot be computed: p's days not all in the data, or no
// weekend day or no weekday in p.
func (pp *promotionsPart) weekend(b *builder, p metrics.Period) *WeekendEffect {
	dw, err := pp.ledger.DayOfWeek(promo.Scope{Store: true}, p, 0)
	if err != nil {
		b.note(SectionPromotions, "weekend_effect", err)
		return nil
	}
	w := weekendEffect(dw)
	if w == nil {
		// The reason is a display-name key, so that it reads in the
		// page's language (the Chinese page printed this in English).
		b.notes = append(b.notes, Note{Section: SectionPromotions, Key: "weekend_effect", Reason: "no_weekend_or_weekday"})
	}
	return w
}

// weekendEffect returns the review's form of dw; nil, when p has no
// weekend day or no weekday, is noted by the caller.
func weekendEffect(dw *promo.DayOfWeek) *WeekendEffect {
	var we, wd int
	for _, x := range dw.Weekdays {
		if x.Weekday == time.Saturday || x.Weekday == time.Sunday {
			we += x.Days
		} else {
			wd += x.Days
		}
	}
	if we == 0 || wd == 0 {
		return nil
	}
	out := &WeekendEffect{WeekendMean: dw.WeekendMean, WeekdayMean: dw.WeekdayMean, Ratio: dw.WeekendRatio,
		Low: metrics.Undefined(metrics.UnitMultiple), High: metrics.Undefined(metrics.UnitMultiple), Verdict: weekendKey(dw.Verdict)}
	if dw.CI.Defined {
		out.Low = multiple(metrics.NewRatio(dw.CI.Lo, 1))
		out.High = multiple(metrics.NewRatio(dw.CI.Hi, 1))
		out.Level = dw.CI.Level
	}
	return out
}

// weekendKey returns the review's key of a weekend verdict:
// "weekend_higher" (promo.Gain), "weekend_lower" (promo.Loss),
// "no_difference" (promo.NoEffect) or "undetermined".
func weekendKey(v promo.Verdict) string {
	switch v {
	case promo.Gain:
		return "weekend_higher"
	case promo.Loss:
		return "weekend_lower"
	case promo.NoEffect:
		return "no_difference"
	}
	return "undetermined"
}

// verdictKey returns the review's key of a promotion's verdict (结论):
// "pays", "does_not_pay" or "inconclusive" (METRICS.md "Verdict": pays or
// does not pay only when the whole ROI interval lies above or below zero).
func verdictKey(o promo.Outcome) string {
	switch o {
	case promo.Pays:
		return "pays"
	case promo.DoesNotPay:
		return "does_not_pay"
	}
	return "inconclusive"
}

// effect returns the incremental net sales of a side effect, undefined
// when it was not measured.
func effect(e promo.Effect) metrics.Value {
	if !e.Measured {
		return metrics.Undefined(metrics.UnitMoney)
	}
	return metrics.MoneyValue(e.NetSales)
}

// promotionsPart computes section 4 (促销活动).
type promotionsPart struct{ ledger promo.Ledger }

func (p *promotionsPart) start(b *builder) {
	p.ledger.Location = b.periods[pCur].Location()
	if len(b.in.Promotions) == 0 {
		return
	}
	if err := p.ledger.Track(b.in.Promotions...); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *promotionsPart) order(b *builder, o *metrics.Order) {
	if err := p.ledger.Add(*o); err != nil {
		b.errs = append(b.errs, err)
	}
}

func (p *promotionsPart) finish(b *builder, r *Review) {
	var days []Day // none without orders
	switch {
	case r.Overview != nil:
		days = r.Overview.Daily
	case b.daily != nil:
		days = b.daily.series()
	}
	if r.Promotions = p.section(b, days); r.Promotions == nil {
		r.Omitted = append(r.Omitted, Omission{Section: SectionPromotions, Missing: "promotions"})
	}
}
