package funnel

import (
	"fmt"
	"io"
	"math/bits"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/shopmetrics/shopmetrics/internal/quantile"
	"github.com/shopmetrics/shopmetrics/metrics"
)

// Result is a counted funnel.
type Result struct {
	// Unit is what was counted: users or sessions.
	Unit Unit
	// Units is the number of users (or sessions) that sent at least one
	// event, whether or not it matched a step. In a breakdown it is the
	// number of units attributed to the value, that is, Steps[0].Reached.
	Units int64
	// Steps holds one entry per funnel step, in order.
	Steps []StepResult
	// Breakdown holds the funnel of each value of the breakdown property
	// (Config.Breakdown), keyed by value; "" collects units whose
	// attributed event lacks the property. Units that reached no step are
	// in no breakdown. Nil without a breakdown.
	Breakdown map[string]Result
}

// StepResult is the count and conversion of one funnel step.
type StepResult struct {
	// Name is the step's name.
	Name string
	// Reached is the number of units whose deepest chain reached this step
	// or a later one (漏斗步骤人数).
	Reached int64
	// FromPrevious is Reached / the previous step's Reached (步骤转化率);
	// for step 1 it is Reached / Reached. Undefined when the denominator is
	// zero.
	FromPrevious metrics.Ratio
	// FromFirst is Reached / step 1's Reached: the overall conversion to
	// this step. Undefined when no unit reached step 1.
	FromFirst metrics.Ratio
	// DropOff is the previous step's Reached − Reached: the units lost
	// between the two steps (0 for step 1).
	DropOff int64
	// DropOffRate is DropOff / the previous step's Reached, which is
	// 1 − FromPrevious. Undefined when the denominator is zero.
	DropOffRate metrics.Ratio
	// TimeToConvert summarises, over the units that reached this step, the
	// time from the step-1 event of each unit's deepest chain to that
	// chain's event of this step (转化时长). It is zero for step 1.
	TimeToConvert Durations
}

// Durations summarises a set of durations exactly.
type Durations struct {
	// N is the number of durations; with N == 0 the median and 90th
	// percentile are undefined and reported as 0.
	N int64
	// Median and P90 are the 50th and 90th percentiles, interpolated
	// linearly between the closest ranks (Hyndman and Fan's definition 7,
	// the default of R and NumPy), rounded to the nanosecond.
	Median, P90 time.Duration
}

// Defined reports whether there were any durations.
func (d Durations) Defined() bool { return d.N > 0 }

// summarise returns the summary of xs, which it reorders.
func summarise(xs []int64) Durations {
	if len(xs) == 0 {
		return Durations{}
	}
	q := quantile.Of(xs, 0.5, 0.9)
	return Durations{
		N:      int64(len(xs)),
		Median: time.Duration(q[0]),
		P90:    time.Duration(q[1]),
	}
}

// agg accumulates finished units: how many reached each level exactly, and
// the durations of their deepest chains, per breakdown value.
type agg struct {
	n       int
	units   int64
	buckets []bucket // by breakdown value index; one bucket without breakdown
}

type bucket struct {
	level []int64   // level[k-1]: units whose level is exactly k
	dur   [][]int64 // dur[k-1]: durations from step 1 to step k (k ≥ 2)
}

func (a *agg) init(n int) { a.n = n }

func (a *agg) bucket(i int32) *bucket {
	for int(i) >= len(a.buckets) {
		a.buckets = append(a.buckets, bucket{level: make([]int64, a.n), dur: make([][]int64, a.n)})
	}
	return &a.buckets[i]
}

// addUnit adds a unit whose reached levels are set, with its chains of
// levels 2 and past in rows (see rowOff) and, with a breakdown, its
// attribution in attrs.
func (a *agg) addUnit(n int, set uint32, rows []int64, attrs []int32) {
	a.units++
	l := bits.Len32(set)
	if l == 0 {
		return
	}
	var b *bucket
	if attrs != nil {
		b = a.bucket(attrs[l-1])
	} else {
		b = a.bucket(0)
	}
	b.level[l-1]++
	if l == 1 {
		return // no step past the first, no duration
	}
	row := rows[rowOff(l-1) : rowOff(l-1)+l]
	for k := 1; k < l; k++ {
		d := b.dur[k]
		if len(d) == cap(d) {
			d = slices.Grow(d, max(len(d), 256)) // double: append grows large slices by a quarter
		}
		b.dur[k] = append(d, row[k]-row[0])
	}
}

// merge adds o to a, mapping o's bucket i to a's bucket remap[i] (identity
// if remap is nil).
func (a *agg) merge(o *agg, remap []int32) {
	a.units += o.units
	for i := range o.buckets {
		j := int32(i)
		if remap != nil {
			j = remap[i]
		}
		b, ob := a.bucket(j), &o.buckets[i]
		for k := range ob.level {
			b.level[k] += ob.level[k]
			b.dur[k] = append(b.dur[k], ob.dur[k]...)
		}
	}
}

func (c *Counter) result(a *agg) Result {
	r := Result{Unit: c.cfg.Unit, Units: a.units}
	if !c.breakdown {
		if len(a.buckets) == 0 {
			a.bucket(0)
		}
		r.Steps = c.steps(&a.buckets[0])
		return r
	}
	total := bucket{level: make([]int64, c.n), dur: make([][]int64, c.n)}
	r.Breakdown = make(map[string]Result)
	for i := range a.buckets {
		b := &a.buckets[i]
		var any int64
		for k := range b.level {
			any += b.level[k]
			total.level[k] += b.level[k]
			total.dur[k] = append(total.dur[k], b.dur[k]...)
		}
		if any == 0 {
			continue
		}
		s := c.steps(b)
		r.Breakdown[c.attrNames[i]] = Result{Unit: c.cfg.Unit, Units: s[0].Reached, Steps: s}
	}
	r.Steps = c.steps(&total)
	return r
}

func (c *Counter) steps(b *bucket) []StepResult {
	out := make([]StepResult, c.n)
	var reached int64
	for k := c.n - 1; k >= 0; k-- {
		reached += b.level[k]
		out[k].Reached = reached
	}
	for k := range out {
		s := &out[k]
		s.Name = c.cfg.Steps[k].Name
		prev := s.Reached
		if k > 0 {
			prev = out[k-1].Reached
		}
		s.FromPrevious = metrics.CountRatio(s.Reached, prev)
		s.FromFirst = metrics.CountRatio(s.Reached, out[0].Reached)
		s.DropOff = prev - s.Reached
		s.DropOffRate = metrics.CountRatio(s.DropOff, prev)
		if k == 0 {
			s.TimeToConvert = Durations{N: s.Reached}
		} else {
			s.TimeToConvert = summarise(slices.Clone(b.dur[k]))
		}
	}
	return out
}

// WriteTable writes the funnel as an aligned text table: one row per step
// with the units reached, the conversion from the previous step and from
// step 1, the drop-off, and the median and 90th percentile time to convert.
func (r Result) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "step\t%s\tfrom prev\tfrom first\tdrop-off\tmedian time\tp90 time\n", r.Unit)
	for _, s := range r.Steps {
		med, p90 := "n/a", "n/a"
		if s.TimeToConvert.Defined() {
			med, p90 = s.TimeToConvert.Median.String(), s.TimeToConvert.P90.String()
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\t%s\n", s.Name, s.Reached,
			s.FromPrevious.Percent(1), s.FromFirst.Percent(1), s.DropOff, med, p90)
	}
	return tw.Flush()
}
