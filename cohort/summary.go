package cohort

import (
	"errors"
	"math/big"
	"strconv"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// SummaryConfig sets the calibration and holdout periods of
// [Ledger.Summary].
type SummaryConfig struct {
	// CalibrationEnd is the last day of the calibration period,
	// inclusive, in the ledger's Location (1997-09-30 for CDNOW). Defaults
	// to the last day with activity in the ledger (no holdout).
	CalibrationEnd time.Time
	// HoldoutEnd is the last day of the holdout period, inclusive.
	// Defaults to the last day with activity in the ledger, or
	// CalibrationEnd if that is later (no holdout).
	HoldoutEnd time.Time
	// UnitDays is the length of the time unit in days. Defaults to 7
	// (weeks, the unit of the published CDNOW results).
	UnitDays int
}

// SummaryRow holds one customer's sufficient statistics for BG/NBD,
// Pareto/NBD and Gamma-Gamma models. Purchases are counted in days: all
// orders of a customer on one day are one transaction whose value is
// their summed net sales.
type SummaryRow struct {
	ID string
	// X is the number of repeat transactions in calibration: distinct
	// purchase days up to CalibrationEnd, less one (the first).
	X float64
	// Tx is the recency: (last − first purchase day in calibration) in
	// units; 0 when X is 0.
	Tx float64
	// T is the customer's age: (CalibrationEnd − first purchase day) in
	// units. It does not add one day.
	T float64
	// Monetary is the mean value of the repeat transactions in
	// calibration (their summed net sales / X), the Gamma-Gamma input
	// (BTYD's m_x, lifetimes' monetary_value); 0 when X is 0. It is the
	// correctly rounded float64 of the exact quotient.
	Monetary float64
	// RepeatSales is the exact net sales of the repeat transactions in
	// calibration (Monetary × X).
	RepeatSales money.Money
	// XHoldout is the number of transactions (distinct purchase days) after
	// CalibrationEnd up to HoldoutEnd (BTYD's x.star).
	XHoldout float64
}

// Summary is the per-customer input of CLV models.
type Summary struct {
	Config SummaryConfig // the configuration, defaults filled in (days at their start, midnight)
	// Rows holds the customers whose first purchase is on or before
	// CalibrationEnd, in the order of their IDs.
	Rows []SummaryRow
	// HoldoutLength is the length of the holdout period in units
	// ((HoldoutEnd − CalibrationEnd) days / UnitDays).
	HoldoutLength float64
	// Later is the number of customers first seen after CalibrationEnd,
	// left out because they were not acquired in calibration.
	Later int64
	// HoldoutByUnit holds, for each unit of the holdout, the transactions
	// (distinct purchase days) of the customers in Rows on its days:
	// element k counts the days after CalibrationEnd + k×UnitDays up to
	// CalibrationEnd + (k+1)×UnitDays, the last unit ending at HoldoutEnd
	// (so it may be shorter). It stops at the unit of the ledger's last
	// day with activity, the later units holding no transaction: it has
	// ⌈(min(HoldoutEnd, that day) − CalibrationEnd) days / UnitDays⌉
	// elements, none without a holdout or when Rows is empty. Their sum is
	// the sum of Rows' XHoldout, and their running sums are the actual
	// curve of a holdout tracking plot (the cumulative transactions by
	// unit, BTYD's tracking).
	HoldoutByUnit []int64
}

// Summary returns the CLV summary statistics of every customer acquired
// by the end of calibration, defined as in the CDNOW benchmark (Fader,
// Hardie and Lee 2005; BTYD's cdnowSummary): purchases are merged per
// customer and day, x counts repeat days, t_x and T are measured from the
// first purchase day, and the mean repeat spend leaves out the first day.
// Days with only refunds are not transactions, but refunds lower the
// value of the day they fall on.
//
// Summary returns the errors.Join of a *metrics.ConfigError (wrapping
// metrics.ErrConfig) per invalid field, and no summary, if cfg.UnitDays is
// negative or cfg.HoldoutEnd is set and on a day before cfg.CalibrationEnd.
func (l *Ledger) Summary(cfg SummaryConfig) (*Summary, error) {
	var errs []error
	if cfg.UnitDays < 0 {
		errs = append(errs, configError("SummaryConfig.UnitDays", "negative unit of "+strconv.Itoa(cfg.UnitDays)+" days"))
	}
	cal, hold := l.asOfDay(cfg.CalibrationEnd), l.asOfDay(cfg.HoldoutEnd)
	if hold < cal && !cfg.HoldoutEnd.IsZero() {
		errs = append(errs, configError("SummaryConfig.HoldoutEnd", "the day "+dayTime(hold, l.loc()).Format("2006-01-02")+
			" is before CalibrationEnd "+dayTime(cal, l.loc()).Format("2006-01-02")))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	l.flush()
	if cfg.UnitDays == 0 {
		cfg.UnitDays = 7
	}
	hold = max(hold, cal)
	cfg.CalibrationEnd, cfg.HoldoutEnd = dayTime(cal, l.loc()), dayTime(hold, l.loc())
	unit := float64(cfg.UnitDays)
	res := &Summary{Config: cfg, HoldoutLength: float64(hold-cal) / unit}
	res.Rows = make([]SummaryRow, 0, l.acquiredBy(cal))
	for ci, c := range l.customers() {
		first := l.first(ci)
		if first > cal {
			res.Later++
			continue
		}
		if len(res.Rows) == 0 {
			// A customer acquired by cal: cal is at or after a day of the
			// data, which bounds the units to the data's span.
			res.HoldoutByUnit = holdoutUnits(min(hold, l.lastDay)-cal, int64(cfg.UnitDays))
		}
		var x, xh int64
		last := first
		var rep money.Total
		days := l.daysOf(ci)
		for j := range days {
			b := &days[j]
			bnet, _ := l.dayAmounts(b)
			day := int64(b.day)
			switch {
			case day <= cal:
				if day > first {
					rep.AddTotal(bnet) // refunds included: the days' value
				}
				if b.orders > 0 && day > first {
					x++
					last = day
				}
			case day <= hold && b.orders > 0:
				xh++
				res.HoldoutByUnit[(day-int64(cal)-1)/int64(cfg.UnitDays)]++
			}
		}
		row := SummaryRow{ID: c.id, X: float64(x), Tx: float64(last-first) / unit, T: float64(cal-first) / unit,
			XHoldout: float64(xh), RepeatSales: rep.Money(l.cur)}
		if x > 0 {
			row.Monetary = meanOf(rep, x, l.cur)
		}
		res.Rows = append(res.Rows, row)
	}
	sortByID(res.Rows, func(r *SummaryRow) string { return r.ID })
	return res, nil
}

// holdoutUnits returns the units of a holdout of days days, ⌈days /
// unit⌉, none for days ≤ 0.
func holdoutUnits(days, unit int64) []int64 {
	if days <= 0 {
		return nil
	}
	n := days / unit
	if days%unit != 0 {
		n++
	}
	return make([]int64, n)
}

// meanOf returns the float64 nearest to a / n in units of c. When both
// the minor units and n × 10^digits are below 2^53 they are exact floats,
// and one IEEE division is correctly rounded; otherwise the quotient is
// formed exactly and then rounded.
func meanOf(a money.Total, n int64, c money.Currency) float64 {
	const exact = 1 << 53
	scale := int64(1)
	for range c.Digits() {
		scale *= 10
	}
	if a.Extra == nil && a.Units > -exact && a.Units < exact && n < exact/scale {
		return float64(a.Units) / float64(n*scale)
	}
	q := new(big.Rat).SetFrac64(1, n)
	q.Mul(q, a.Money(c).Decimal().Rat())
	f, _ := q.Float64()
	return f
}
