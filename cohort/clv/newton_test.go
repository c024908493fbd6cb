package clv

import (
	"math"
	"testing"
)

// TestNewtonPolishQuadratic: on the gradient of ½xᵀAx − bᵀx with A =
// [[2, 1.5], [1.5, 2]] and b = [1, 1], one Newton step from [1, −1]
// reaches x* = A⁻¹b = [2/7, 2/7]. A Hessian whose off-diagonal was halved
// (the second read's case: its entries for i < j were averaged with a 0
// never set) took three steps and stopped at [0.5075, 0.0755].
func TestNewtonPolishQuadratic(t *testing.T) {
	grad := func(g, x []float64) {
		g[0] = 2*x[0] + 1.5*x[1] - 1
		g[1] = 1.5*x[0] + 2*x[1] - 1
	}
	x, steps := newtonPolish(grad, []float64{1, -1})
	if steps != 1 || math.Abs(x[0]-2.0/7) > 1e-9 || math.Abs(x[1]-2.0/7) > 1e-9 {
		t.Errorf("newtonPolish = %v in %d steps, want [2/7 2/7] in 1", x, steps)
	}
	// An indefinite Hessian, [[1, 1.5], [1.5, 1]], is refused: no step
	// toward the saddle.
	saddle := func(g, x []float64) {
		g[0] = x[0] + 1.5*x[1] - 1
		g[1] = 1.5*x[0] + x[1] - 1
	}
	if x, steps := newtonPolish(saddle, []float64{1, -1}); steps != 0 || x[0] != 1 || x[1] != -1 {
		t.Errorf("newtonPolish on an indefinite Hessian = %v in %d steps, want no step", x, steps)
	}
}
