package cohort

import (
	"cmp"
	"errors"
	"math"
	"math/bits"
	"slices"
	"strconv"

	"github.com/shopmetrics/shopmetrics/internal/civil"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Retention returns the retention matrix of acquisition cohorts by
// period in calendar windows: one row per cohort (the period of its
// customers' first orders, in time order), one column per period since
// acquisition, and in each observed cell the cohort size as Eligible, the
// customers Active (with an order in the period for On; in it or a later
// one up to the as-of day for OnOrAfter) and Retention = Active /
// Eligible, a ratio of customers (undefined never: an observed cell's
// cohort is not empty). It gives exactly the cohorts, cohort sizes,
// Later, Periods, labels and the Observed, Complete, Eligible, Active and
// Retention of every cell that [Ledger.Retention] gives for the same
// orders and configuration. An Activity keeps no orders or amounts: its
// matrix is CountsOnly (the cells' Orders and money fields, and Currency,
// are not known and left zero; Table refuses their measures); use a Ledger
// for them. An empty Activity gives a matrix
// without rows.
//
// cfg.AsOf defaults to the last day with an order. An AsOf before that day
// must be the last day of its period, since an Activity cannot split a
// period; activity after it is left out, and customers whose cohort is
// after it are counted in Matrix.Later.
//
// Retention returns the errors.Join of a *metrics.ConfigError (wrapping
// metrics.ErrConfig) per invalid field, and no matrix, if cfg.Grain is not
// Day, Week or Month or is not the Activity's grain, cfg.By is not
// ByPeriod, cfg.Window is not Calendar, cfg.Kind is not On or OnOrAfter,
// or cfg.AsOf is inside a period and before the last order; and a
// *metrics.ConfigError of RetentionConfig.AsOf if the matrix would have
// 2^31 cells or more.
func (a *Activity) Retention(cfg RetentionConfig) (*Matrix, error) {
	var errs []error
	if cfg.Kind > OnOrAfter {
		errs = append(errs, configError("RetentionConfig.Kind", "Kind("+strconv.Itoa(int(cfg.Kind))+") is not On or OnOrAfter"))
	}
	if cfg.Window != Calendar {
		errs = append(errs, configError("RetentionConfig.Window", cfg.Window.String()+" windows need days: an Activity keeps periods (use a Ledger)"))
	}
	if cfg.By != ByPeriod {
		errs = append(errs, configError("RetentionConfig.By", "cohorts by "+cfg.By.String()+" need first orders: an Activity keeps periods (use a Ledger)"))
	}
	g, err := checkGrain("RetentionConfig.Grain", cfg.Grain)
	errs = append(errs, err)
	if err == nil {
		if ag, err := a.grain(); err != nil {
			errs = append(errs, err)
		} else if g != ag {
			errs = append(errs, configError("RetentionConfig.Grain", "grain "+g.String()+", but the Activity counts "+ag.String()+"s"))
		}
	}
	cfg.Grain = g
	asOf := a.lastDay
	if !cfg.AsOf.IsZero() {
		asOf = civil.Of(cfg.AsOf, a.loc())
	}
	P := index(asOf, g) // the as-of period
	if a.hasDay && asOf < a.lastDay && asOf != startDay(P+1, g)-1 {
		errs = append(errs, configError("RetentionConfig.AsOf", "an as-of day inside a period that later orders reach: an Activity cannot split a period (choose the period's last day, or use a Ledger)"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if a.hasDay || !cfg.AsOf.IsZero() { // an empty Activity has no last day
		cfg.AsOf = dayTime(asOf, a.loc())
	}
	m := &Matrix{Config: cfg, CountsOnly: true}
	done := index(asOf+1, g) - 1 // the last period ended by the as-of day

	// The cohorts, by base period: a dense table over the range of bases
	// when it is not much larger than the customers, else a map.
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for i := range a.cs {
		c := &a.cs[i]
		if c.mask == 0 {
			continue
		}
		if int64(c.base) > P {
			m.Later++
			continue
		}
		lo, hi = min(lo, int64(c.base)), max(hi, int64(c.base))
	}
	if lo > hi {
		return m, nil
	}
	type actRow struct {
		base, size int64
		off        int64 // cells of period n at off+n: active, then after (differences)
	}
	var rows []actRow
	dense := hi-lo < int64(len(a.cs))+1024
	var table []int32 // row + 1 by base − lo, if dense
	var byBase map[int32]int32
	if dense {
		table = make([]int32, hi-lo+1)
	} else {
		byBase = make(map[int32]int32)
	}
	for i := range a.cs {
		c := &a.cs[i]
		if c.mask == 0 || int64(c.base) > P {
			continue
		}
		var r int32
		if dense {
			r = table[int64(c.base)-lo]
		} else {
			r = byBase[c.base]
		}
		if r == 0 {
			rows = append(rows, actRow{base: int64(c.base)})
			r = int32(len(rows))
			if dense {
				table[int64(c.base)-lo] = r
			} else {
				byBase[c.base] = r
			}
		}
		rows[r-1].size++
	}
	slices.SortFunc(rows, func(x, y actRow) int { return cmp.Compare(x.base, y.base) })
	var cells int64
	for i := range rows {
		// reach + 1 cells, plus one for the differences of after.
		w := P - rows[i].base + 2
		if w > math.MaxInt32-cells {
			return nil, configError("RetentionConfig.AsOf", "a matrix of 2^31 cells or more ("+strconv.Itoa(len(rows))+
				" cohorts, one of them "+strconv.FormatInt(w, 10)+" cells wide) from the first order to the as-of day: choose a nearer AsOf or a longer Grain")
		}
		rows[i].off = cells
		cells += w
		if dense {
			table[rows[i].base-lo] = int32(i) + 1
		} else {
			byBase[int32(rows[i].base)] = int32(i) + 1
		}
	}
	active := make([]int64, cells)
	after := make([]int64, cells)
	for i := range a.cs {
		c := &a.cs[i]
		if c.mask == 0 || int64(c.base) > P {
			continue
		}
		var r int32
		if dense {
			r = table[int64(c.base)-lo]
		} else {
			r = byBase[c.base]
		}
		rw := &rows[r-1]
		reach := P - rw.base
		mask := c.mask & inMask
		if reach < window-1 {
			mask &= 1<<(reach+1) - 1
		}
		last := int64(31 - bits.LeadingZeros32(mask))
		for ; mask != 0; mask &= mask - 1 {
			active[rw.off+int64(bits.TrailingZeros32(mask))]++
		}
		if c.mask&farBit != 0 {
			for _, p := range a.over[int32(i)] {
				if int64(p) > P {
					break
				}
				n := int64(p) - rw.base
				active[rw.off+n]++
				last = n
			}
		}
		after[rw.off]++
		after[rw.off+last+1]--
	}
	m.Periods = int(P - rows[0].base + 1)
	for _, rw := range rows {
		p := metrics.PeriodOf(dayTime(startDay(rw.base, g), a.loc()), g)
		row := Row{Label: p.Label(), Period: p, Customers: rw.size, Cells: make([]Cell, m.Periods)}
		var on int64
		for n := int64(0); n <= P-rw.base; n++ {
			on += after[rw.off+n]
			act := active[rw.off+n]
			if cfg.Kind == OnOrAfter {
				act = on
			}
			row.Cells[n] = Cell{
				Observed:  true,
				Complete:  n <= done-rw.base,
				Eligible:  rw.size,
				Active:    act,
				Retention: metrics.CountRatio(act, rw.size),
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m, nil
}
