package render

import (
	"math"
	"strconv"
)

// The scales of the HTML charts: "nice" axis ticks, day ticks for a date
// axis, and the sequential colour ramp of the cohort heatmap. Floats here
// place marks on a canvas; printed numbers come from exact values.

// niceSteps are the mantissas of a round tick step: 1, 2, 2.5 and 5 times a
// power of ten, as in most charting libraries (Heckbert, "Nice numbers for
// graph labels", Graphics Gems, 1990, uses 1, 2, 5).
var niceSteps = [...]float64{1, 2, 2.5, 5}

// niceTicks returns evenly spaced round ticks that cover [lo, hi]: the
// first tick is at or below lo, the last at or above hi, the step is 1, 2,
// 2.5 or 5 times a power of ten, and there are between 3 and maxTicks of
// them (maxTicks is raised to 4 if smaller). An empty or degenerate range
// (narrower than a millionth of its values) is widened around its value;
// NaN and infinite bounds are treated as 0.
// The step is the smallest round one that needs no more than maxTicks
// ticks, so the ticks follow the data closely.
func niceTicks(lo, hi float64, maxTicks int) []float64 {
	maxTicks = max(maxTicks, 4)
	if math.IsNaN(lo) || math.IsInf(lo, 0) {
		lo = 0
	}
	if math.IsNaN(hi) || math.IsInf(hi, 0) {
		hi = 0
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if hi-lo <= 1e-6*math.Max(math.Abs(lo), math.Abs(hi)) {
		// One value, or a range a millionth of its values that no chart
		// can show: a range of ±1 around it, or of ±10 % of it.
		d := math.Max(math.Abs(lo)*0.1, 1)
		if lo >= 0 && lo-d < 0 {
			lo, hi = 0, hi+d
		} else {
			lo, hi = lo-d, hi+d
		}
	}
	span := hi - lo
	e := math.Floor(math.Log10(span / float64(maxTicks)))
	for range 8 { // a few decades suffice: span/maxTicks is within one
		for _, m := range niceSteps {
			step := m * math.Pow(10, e)
			// Division is inexact (0.3/0.1 is 2.9999999999999996), which
			// at worst adds a tick; rounding a tick to the step's decimals
			// may move it past lo or hi by an ulp, which one more tick fixes.
			first, last := math.Floor(lo/step), math.Ceil(hi/step)
			if roundTo(first*step, step) > lo {
				first--
			}
			if roundTo(last*step, step) < hi {
				last++
			}
			n := int(last-first) + 1
			if n <= maxTicks {
				ticks := make([]float64, n)
				for i := range ticks {
					ticks[i] = roundTo((first+float64(i))*step, step)
				}
				return ticks
			}
		}
		e++
	}
	return []float64{lo, hi} // not reached for finite input
}

// roundTo removes the float error of a tick: it rounds v to the decimals
// that step needs.
func roundTo(v, step float64) float64 {
	d := tickDecimals(step)
	s := strconv.FormatFloat(v, 'f', d, 64)
	r, _ := strconv.ParseFloat(s, 64) // a number FormatFloat wrote parses
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// tickDecimals is the number of decimals that prints every multiple of
// step exactly: 0 for 1, 2, 5, 10 …, 1 for 0.5 or 2.5, 2 for 0.25.
func tickDecimals(step float64) int {
	if step <= 0 || math.IsNaN(step) || math.IsInf(step, 0) {
		return 0
	}
	e := math.Floor(math.Log10(step))
	d := -int(e)
	if m := step / math.Pow(10, e); math.Abs(m-math.Round(m)) > 1e-6 {
		d++ // 2.5 × 10^e needs one decimal more
	}
	return max(d, 0)
}

// dayTicks returns the indexes of the days of an axis of n days to label:
// every k-th day from the first, with k the smallest of 1, 2, 3, 7, 14, 28,
// … that gives no more than maxLabels labels.
func dayTicks(n, maxLabels int) []int {
	if n <= 0 {
		return nil
	}
	maxLabels = max(maxLabels, 2)
	k := 1
	for _, c := range []int{1, 2, 3, 7, 14, 28, 56, 91, 182, 364} {
		k = c
		if (n+c-1)/c <= maxLabels {
			break
		}
	}
	for (n+k-1)/k > maxLabels { // longer than years: keep doubling
		k *= 2
	}
	var out []int
	for i := 0; i < n; i += k {
		out = append(out, i)
	}
	return out
}

// rgb is a colour with components in [0, 1].
type rgb struct{ r, g, b float64 }

// hex returns c as "#rrggbb".
func (c rgb) hex() string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range []float64{c.r, c.g, c.b} {
		n := int(math.Round(min(max(v, 0), 1) * 255))
		b[1+2*i], b[2+2*i] = digits[n>>4], digits[n&15]
	}
	return string(b)
}

// luminance returns the relative luminance of c (WCAG 2.x).
func (c rgb) luminance() float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast returns the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := a.luminance(), b.luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// viridisStops are 11 evenly spaced samples of matplotlib's viridis map
// at 0, 0.1, …, 1 (entries 0, 25, 51, …, 255 of its 256-entry table,
// _viridis_data in matplotlib's _cm_listed.py): a perceptually uniform
// sequential scale whose lightness rises monotonically and which readers
// with the common colour-vision deficiencies see as a ramp too.
var viridisStops = [...]rgb{
	{0.267004, 0.004874, 0.329415},
	{0.282623, 0.140926, 0.457517},
	{0.253935, 0.265254, 0.529983},
	{0.206756, 0.371758, 0.553117},
	{0.163625, 0.471133, 0.558148},
	{0.127568, 0.566949, 0.550556},
	{0.134692, 0.658636, 0.517649},
	{0.266941, 0.748751, 0.440573},
	{0.477504, 0.821444, 0.318195},
	{0.741388, 0.873449, 0.149561},
	{0.993248, 0.906157, 0.143936},
}

// heatColor returns the colour of t in [0, 1] on the heatmap's scale, light
// for low values and dark for high ones: viridis reversed, so that an
// empty cell reads as pale and a strong one as deep, interpolated linearly
// between the stops. t outside [0, 1] is clamped.
func heatColor(t float64) rgb {
	if math.IsNaN(t) {
		t = 0
	}
	t = 1 - min(max(t, 0), 1)
	x := t * float64(len(viridisStops)-1)
	i := int(math.Floor(x))
	if i >= len(viridisStops)-1 {
		return viridisStops[len(viridisStops)-1]
	}
	f := x - float64(i)
	a, b := viridisStops[i], viridisStops[i+1]
	return rgb{a.r + (b.r-a.r)*f, a.g + (b.g-a.g)*f, a.b + (b.b-a.b)*f}
}

var (
	white = rgb{1, 1, 1}
	black = rgb{0, 0, 0}
)

// textOn returns the text colour, black or white, that contrasts more
// with the background bg. Black and white meet at a luminance of
// √(1.05 × 0.05) − 0.05 ≈ 0.179, where either contrasts 4.58:1, so the
// text on any background passes WCAG's 4.5:1 for normal text.
func textOn(bg rgb) rgb {
	if contrast(bg, white) > contrast(bg, black) {
		return white
	}
	return black
}
