package sample

import (
	"math"
	"sort"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// Demand regimes of a day for the percent-off promotion (which SKUs sell)
// and for the spend-save promotion (how many orders).
const (
	regimeBase uint8 = iota
	regimeWindow
	regimePost
)

// calendar holds the days of the period with their demand factors and the
// demand-time warp.
type calendar struct {
	loc    *time.Location
	days   int
	start  []time.Time // start of each day, and the end of the period last
	unix   []int64     // start as Unix seconds
	season []float64   // seasonal factor
	mult   []float64   // order intensity factor, mean 1 over the period
	cum    []float64   // demand time at the start of each day, len days+1
	pct    []uint8     // percent-off regime of each day
	mj     []uint8     // spend-save regime of each day
	fest   []int8      // index in fests of the day's festival, or -1
	fests  []*PromoTruth
	festOf []*festival // the rule of each of fests
	hours  [25]float64 // cumulative intraday profile, 0 … 1
}

// hourly is the relative order intensity of each hour of the day: quiet
// nights, a morning rise, an evening peak at 21:00.
var hourly = [24]float64{0.5, 0.3, 0.2, 0.15, 0.1, 0.15, 0.3, 0.6, 1.0, 1.3, 1.5, 1.5,
	1.4, 1.3, 1.3, 1.3, 1.3, 1.3, 1.4, 1.7, 2.0, 2.2, 1.8, 1.0}

// seasonOf returns the seasonal factor of a calendar date: a mild winter
// high and 618. The festivals (11.11, 双12) are promotions, applied
// apart.
func seasonOf(t time.Time) float64 {
	f := 1 + 0.1*math.Cos(2*math.Pi*float64(t.YearDay()-15)/365.25)
	if _, m, d := t.Date(); m == time.June && d == 18 {
		f *= 1.5
	}
	return f
}

// window returns the period [from, to) of the first year of the calendar
// and whether it, with post days after it, lies in the period.
func (c *calendar) window(m1 time.Month, d1 int, m2 time.Month, d2 int, post int) (metrics.Period, bool) {
	y := c.start[0].Year()
	for _, yy := range []int{y, y + 1} {
		from := metrics.DayOf(yy, m1, d1, c.loc).Start
		to := metrics.DayOf(yy, m2, d2, c.loc).Start
		if !from.Before(c.start[0]) && !to.AddDate(0, 0, post).After(c.start[c.days]) {
			return metrics.Period{Start: from, End: to}, true
		}
	}
	return metrics.Period{}, false
}

// newCalendar lays out the period and its demand. skuLift[regime] is the
// ratio of total SKU demand in a percent-off regime to the base.
func newCalendar(cfg Config, t *Truth, skuLift [3]float64, cur money.Currency) *calendar {
	n := cfg.Days
	c := &calendar{loc: cfg.Location, days: n,
		start: make([]time.Time, n+1), unix: make([]int64, n+1),
		season: make([]float64, n), mult: make([]float64, n), cum: make([]float64, n+1),
		pct: make([]uint8, n), mj: make([]uint8, n)}
	y, mo, d := cfg.Start.Date()
	for i := 0; i <= n; i++ {
		// The first instant of the day: on a day whose midnight DST
		// skips, the instant the clocks jump to, not 23:00 the day before.
		c.start[i] = metrics.DayOf(y, mo, d+i, cfg.Location).Start
		c.unix[i] = c.start[i].Unix()
	}
	if w, ok := c.window(time.June, 10, time.June, 20, t.PercentOff.PostDays); ok {
		t.PercentOff.Window = w
	}
	if w, ok := c.window(time.September, 1, time.September, 15, t.SpendSave.PostDays); ok {
		t.SpendSave.Window = w
	}
	festivalTruths(c, t, cur)
	regime := func(p PromoTruth, day time.Time) uint8 {
		if p.Window.IsZero() {
			return regimeBase
		}
		if p.Window.Contains(day) {
			return regimeWindow
		}
		if !day.Before(p.Window.End) && day.Before(p.Window.End.AddDate(0, 0, p.PostDays)) {
			return regimePost
		}
		return regimeBase
	}
	total := 0.0
	for i := 0; i < n; i++ {
		day := c.start[i]
		c.season[i] = seasonOf(day)
		f := c.season[i]
		if k := c.fest[i]; k >= 0 {
			f *= festivalFactor(c.fests[k], day)
		}
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			f *= 1 + t.WeekendUplift
		}
		c.pct[i] = regime(t.PercentOff, day)
		f *= skuLift[c.pct[i]]
		c.mj[i] = regime(t.SpendSave, day)
		switch c.mj[i] {
		case regimeWindow:
			f *= 1 + t.SpendSave.Lift
		case regimePost:
			f *= 1 - t.SpendSave.PostDip
		}
		c.mult[i] = f
		total += f
	}
	for i := range c.mult {
		c.mult[i] *= float64(n) / total
		c.cum[i+1] = c.cum[i] + c.mult[i]
	}
	s := 0.0
	for h, w := range hourly {
		s += w
		c.hours[h+1] = s
	}
	for h := range c.hours {
		c.hours[h] /= s
	}
	t.Season = c.season
	t.Demand = c.mult
	return c
}

// total returns the length of the period in demand time.
func (c *calendar) total() float64 { return c.cum[c.days] }

// at converts demand time tau to a calendar instant in Unix seconds: the
// day by the cumulative demand, the time of day by the intraday profile.
func (c *calendar) at(tau float64) (day int, unix int64) {
	d := sort.SearchFloat64s(c.cum, tau)
	if d > 0 && (d == len(c.cum) || c.cum[d] > tau) {
		d--
	}
	if d >= c.days {
		d = c.days - 1
	}
	f := (tau - c.cum[d]) / c.mult[d]
	return d, c.timeOfDay(d, f)
}

// timeOfDay maps a fraction f of day d's demand to a Unix second.
func (c *calendar) timeOfDay(d int, f float64) int64 {
	h := sort.SearchFloat64s(c.hours[:], f)
	if h > 0 && (h == len(c.hours) || c.hours[h] > f) {
		h--
	}
	if h > 23 {
		h = 23
	}
	within := (f - c.hours[h]) / (c.hours[h+1] - c.hours[h])
	s := c.unix[d] + int64(h)*3600 + int64(within*3600)
	if s >= c.unix[d+1] {
		s = c.unix[d+1] - 1
	}
	if s < c.unix[d] {
		s = c.unix[d]
	}
	return s
}

// dayOf returns the index of the day holding Unix second s, or -1 / days
// when s falls before / after the period.
func (c *calendar) dayOf(s int64) int {
	if s < c.unix[0] {
		return -1
	}
	d := sort.Search(c.days+1, func(i int) bool { return c.unix[i] > s }) - 1
	return d
}
