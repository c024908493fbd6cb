package inventory

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Movement says whether stock on hand moves.
type Movement uint8

const (
	Moving Movement = iota // sold within the dead-stock window, days of supply within bounds
	Slow                   // slow-moving (滞销品)
	Dead                   // dead stock (呆滞库存)
)

// String returns "moving", "slow" or "dead".
func (m Movement) String() string {
	switch m {
	case Slow:
		return "slow"
	case Dead:
		return "dead"
	}
	return "moving"
}

// SlowConfig sets the rules of [Report.SlowMoving].
type SlowConfig struct {
	// SlowDays is the days of supply above which stock is slow-moving.
	// Defaults to 90.
	SlowDays float64
	// DeadDays is the number of days, ending on the period's last day,
	// without a sale after which stock on hand is dead. Defaults to 90.
	DeadDays int
}

// Validate reports every field of c out of its range at once, as
// *metrics.ConfigError values joined with errors.Join; nil when c is
// valid: SlowDays 0 (the default) or positive and finite, DeadDays 0 (the
// default) or in [1, MaxDays].
func (c SlowConfig) Validate() error {
	var errs []error
	if c.SlowDays != 0 && !(c.SlowDays > 0 && !math.IsInf(c.SlowDays, 0)) { // also NaN
		errs = append(errs, configError("SlowConfig.SlowDays", "must be positive and finite, got "+ftoa(c.SlowDays)))
	}
	if c.DeadDays < 0 || c.DeadDays > MaxDays {
		errs = append(errs, configError("SlowConfig.DeadDays", "must be in [1, "+itoa(MaxDays)+"] days, got "+itoa(int64(c.DeadDays))))
	}
	return errors.Join(errs...)
}

// SlowItem is a SKU with slow-moving or dead stock.
type SlowItem struct {
	SKU, Category string
	Movement      Movement
	OnHand        int64
	DaysOfSupply  metrics.Ratio
	// LastSale is the day of the last sale, if HasSale; DaysSinceSale
	// counts from it to the period's last day, and is −1 with no sale.
	LastSale      Day
	HasSale       bool
	DaysSinceSale int
	// CashTiedUp is the stock's value at cost: OnHand × the last
	// snapshot's unit cost.
	CashTiedUp money.Money
}

// SlowReport lists slow-moving and dead stock with the cash tied up in it.
type SlowReport struct {
	// Items holds dead stock first, then slow-moving stock, each by
	// decreasing cash tied up, ties by SKU.
	Items      []SlowItem
	SlowCount  int
	SlowCash   money.Money
	DeadCount  int
	DeadCash   money.Money
	TotalCash  money.Money // SlowCash + DeadCash
	StockValue money.Money // the value at cost of all stock on hand
}

// SlowMoving finds slow-moving and dead stock (滞销品/呆滞库存) among the
// SKUs with units on hand at their last snapshot:
//
//   - dead: no sale in the last cfg.DeadDays days of the period (sales
//     before the period count, so pass that much history in [Sales]; with
//     a shorter history, a SKU that never sold is dead);
//   - slow: not dead, and days of supply above cfg.SlowDays, or undefined
//     because nothing sold in the demand window.
//
// The cash tied up is the value at cost of the units on hand. An invalid
// cfg gives the errors of [SlowConfig.Validate].
func (r *Report) SlowMoving(cfg SlowConfig) (SlowReport, error) {
	if err := cfg.Validate(); err != nil {
		return SlowReport{}, err
	}
	slowDays, deadDays := cfg.SlowDays, cfg.DeadDays
	if slowDays == 0 {
		slowDays = 90
	}
	if deadDays == 0 {
		deadDays = 90
	}
	out := SlowReport{}
	// Snapshots passed the report's currency check: every amount is in
	// r.Currency, so the sums are Totals.
	var slowCash, deadCash, stockValue money.Total
	last := r.end() - 1
	for i := range r.SKUs {
		m := &r.SKUs[i]
		if m.OnHand <= 0 {
			continue
		}
		cash := m.UnitCost.Mul(m.OnHand)
		if cash.Currency().IsZero() {
			cash = r.Currency.Zero()
		}
		stockValue.AddMoney(cash)
		it := SlowItem{SKU: m.SKU, Category: m.Category, OnHand: m.OnHand, DaysOfSupply: m.DaysOfSupply, LastSale: m.LastSale, HasSale: m.HasSale, DaysSinceSale: -1, CashTiedUp: cash}
		if m.HasSale {
			it.DaysSinceSale = int(last - m.LastSale)
		}
		dos, ok := m.DaysOfSupply.Value()
		switch {
		case !m.HasSale || it.DaysSinceSale >= deadDays:
			it.Movement = Dead
			out.DeadCount++
			deadCash.AddMoney(cash)
		case !ok || dos > slowDays:
			it.Movement = Slow
			out.SlowCount++
			slowCash.AddMoney(cash)
		default:
			continue
		}
		out.Items = append(out.Items, it)
	}
	total := slowCash
	total.AddTotal(deadCash)
	zero := r.Currency.Zero()
	orZero := func(t money.Total) money.Money {
		if m := t.Money(r.Currency); !m.IsZero() {
			return m
		}
		return zero
	}
	out.SlowCash, out.DeadCash, out.TotalCash, out.StockValue = orZero(slowCash), orZero(deadCash), orZero(total), orZero(stockValue)
	slices.SortFunc(out.Items, func(a, b SlowItem) int {
		if a.Movement != b.Movement {
			return cmp.Compare(b.Movement, a.Movement)
		}
		if c := b.CashTiedUp.Decimal().Cmp(a.CashTiedUp.Decimal()); c != 0 { // one currency
			return c
		}
		return strings.Compare(a.SKU, b.SKU)
	})
	return out, nil
}

// end returns the day after the period.
func (r *Report) end() Day {
	if r.Period.IsZero() {
		return 0
	}
	return DayOf(r.Period.Start) + Day(r.Days)
}
