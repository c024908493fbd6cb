package render

import (
	"fmt"
	"math"
	"strconv"

	"github.com/shopmetrics/shopmetrics/report"
)

// ModelCaveats returns, in language l, what the customer model's own
// holdout says against the predicted CLV's interval, one sentence or
// none, for every renderer to print under the interval.
//
// The interval (report.Customers.CLV) is the model parameters'
// uncertainty only. The chosen model, fitted on the weeks before the
// holdout, forecast the holdout's purchases; when it missed their total
// by more than the interval's relative half-width allows, together with
// the holdout's own randomness (two standard deviations of a Poisson
// total, 2√actual), the model's error is larger than its interval says,
// and the sentence gives the miss and its direction. Formally, with F
// the forecast, A the actual total and h = (High − Low) / (2 × Value):
//
//	|F − A| > h × A + 2√A
//
// No sentence without a holdout choice, a CLV interval, a positive
// predicted CLV or a positive actual total.
func ModelCaveats(c *report.Customers, l Language) []string {
	if c == nil || c.Model == nil || c.CLV == nil || c.CLV.Level <= 0 {
		return nil
	}
	var h *report.HoldoutFit
	for _, k := range c.Model.Candidates {
		if k.Name == c.Model.Chosen && k.Error == "" {
			h = k.Holdout
		}
	}
	if h == nil || !(h.Actual > 0) || math.IsInf(h.Predicted, 0) || math.IsNaN(h.Predicted) {
		return nil
	}
	v, _ := c.CLV.Value.Decimal().Float64()
	lo, _ := c.CLV.Low.Decimal().Float64()
	hi, _ := c.CLV.High.Decimal().Float64()
	if !(v > 0) {
		return nil
	}
	half := (hi - lo) / (2 * v)
	miss := h.Predicted - h.Actual
	if math.Abs(miss) <= half*h.Actual+2*math.Sqrt(h.Actual) {
		return nil
	}
	dir := Label("caveat_understated", l)
	if miss > 0 {
		dir = Label("caveat_overstated", l)
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', 0, 64) }
	rel := strconv.FormatFloat(100*miss/h.Actual, 'f', 1, 64) + "%"
	if miss > 0 {
		rel = "+" + rel
	}
	return []string{fmt.Sprintf(Label("model_holdout_missed", l), c.Model.Chosen, num(h.Predicted), num(h.Actual), rel,
		strconv.FormatFloat(100*half, 'f', 1, 64)+"%", dir)}
}
