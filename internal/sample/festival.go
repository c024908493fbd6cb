package sample

import (
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// festival is the yearly rule of a festival promotion (双十一, 双12): its
// window [from, to) in every year, its demand, its mechanism and its
// costs, in fen.
type festival struct {
	prefix, name    string
	m1              time.Month
	d1              int
	m2              time.Month
	d2              int
	lift, finalLift float64
	percent         int64 // store-wide per cent off; 0 for spend-save
	threshold, save int64 // spend-save; 0 for percent-off
	topUp           float64
	fixed, media    int64
	roiSign         int
}

// festivals are 双十一 and 双12. 双十一 pays: a large lift bought with a
// shallow order discount and small costs. 双12 does not: 20 % off every
// line for a small lift, and large media spend.
var festivals = [2]festival{
	{prefix: "D11", name: "双十一 满200减30 (11.11: spend 200 save 30)", m1: time.November, d1: 1, m2: time.November, d2: 12,
		lift: 0.4, finalLift: 2.0, threshold: 20000, save: 3000, topUp: 0.5, fixed: 100000, media: 200000, roiSign: 1},
	{prefix: "D12", name: "双12 全场8折 (12.12: 20 % off everything)", m1: time.December, d1: 10, m2: time.December, d2: 13,
		lift: 0.3, finalLift: 1.0, percent: 20, fixed: 200000, media: 600000, roiSign: -1},
}

// rate returns the festival's share off as a decimal (0.20), or zero.
func (f *festival) rate() decimal.Decimal { return decimal.New(f.percent, -2) }

// festivalTruths adds to t the festivals of every year of the calendar
// whose whole window lies in the period.
func festivalTruths(c *calendar, t *Truth, cur money.Currency) {
	first, last := c.start[0].Year(), c.start[c.days].Year()
	for y := first; y <= last; y++ {
		for k := range festivals {
			f := &festivals[k]
			from := metrics.DayOf(y, f.m1, f.d1, c.loc).Start
			to := metrics.DayOf(y, f.m2, f.d2, c.loc).Start
			if from.Before(c.start[0]) || to.After(c.start[c.days]) {
				continue
			}
			p := PromoTruth{
				ID:     fmt.Sprintf("%s-%d", f.prefix, y),
				Window: metrics.Period{Start: from, End: to},
				Lift:   f.lift, FinalDayLift: f.finalLift,
				Percent:   float64(f.percent) / 100,
				Threshold: cur.FromMinor(f.threshold), Save: cur.FromMinor(f.save),
				TopUpRate: f.topUp,
				FixedCost: cur.FromMinor(f.fixed), MediaCost: cur.FromMinor(f.media),
				ROISign: f.roiSign,
			}
			if k == 0 {
				t.Double11 = append(t.Double11, p)
				t.PeakDay = to.AddDate(0, 0, -1)
			} else {
				t.Double12 = append(t.Double12, p)
			}
			if f.roiSign > 0 {
				t.Paying = append(t.Paying, p.ID)
			} else {
				t.Losing = append(t.Losing, p.ID)
			}
		}
	}
	// The festivals of each day, for the day loop.
	c.fest = make([]int8, c.days)
	for i := range c.fest {
		c.fest[i] = -1
	}
	for k, ps := range [2][]PromoTruth{t.Double11, t.Double12} {
		for j := range ps {
			p := &ps[j]
			c.fests = append(c.fests, p)
			c.festOf = append(c.festOf, &festivals[k])
			for i := 0; i < c.days; i++ {
				if p.Window.Contains(c.start[i]) {
					c.fest[i] = int8(len(c.fests) - 1)
				}
			}
		}
	}
}

// festivalFactor returns the demand factor of festival p on day, which
// lies in its window.
func festivalFactor(p *PromoTruth, day time.Time) float64 {
	if p.FinalDayLift != 0 && !day.AddDate(0, 0, 1).Before(p.Window.End) {
		return 1 + p.FinalDayLift
	}
	return 1 + p.Lift
}
