package clv

import "fmt"

// Cell is one cell of a [Grid]: the forecast for a customer with the
// cell's frequency and recency. Possible is false for the cells no
// customer can have (x = 0 with a recency above 0); their values are 0.
type Cell struct {
	PAlive, Purchases float64
	Possible          bool
}

// Grid holds P(alive) and expected purchases over a frequency × recency
// grid for customers of one age T, the matrices of the standard
// diagnostic plots (lifetimes' plot_probability_alive_matrix and
// plot_frequency_recency_matrix).
type Grid struct {
	// T is the customers' age and Horizon the forecast length of
	// Purchases, in model time units.
	T, Horizon float64
	// X are the frequencies of the rows (0, 1, …, maxX) and Tx the
	// recencies of the columns (0, T/steps, …, T).
	X, Tx []float64
	// Cells[i][j] is the forecast for frequency X[i] and recency Tx[j].
	Cells [][]Cell
}

// NewGrid returns m's P(alive) and expected purchases over the next
// horizon model time units for customers of age t, with frequencies 0 to
// maxX and steps+1 recencies evenly spaced from 0 to t. It returns a
// *metrics.ConfigError for t or horizon not positive and finite, maxX < 0
// or steps < 1, and the model's prediction errors.
func NewGrid(m PurchaseModel, t, horizon float64, maxX, steps int) (Grid, error) {
	var errs []error
	if !(t > 0) || !finite(t) {
		errs = append(errs, configError("t", "must be positive and finite, got %v", t))
	}
	if !(horizon > 0) || !finite(horizon) {
		errs = append(errs, configError("horizon", "must be positive and finite, got %v", horizon))
	}
	if maxX < 0 {
		errs = append(errs, configError("maxX", "must not be negative, got %d", maxX))
	}
	if steps < 1 {
		errs = append(errs, configError("steps", "must be at least 1, got %d", steps))
	}
	if len(errs) > 0 {
		return Grid{}, joinErrs(errs)
	}
	g := Grid{T: t, Horizon: horizon}
	for j := 0; j <= steps; j++ {
		g.Tx = append(g.Tx, t*float64(j)/float64(steps))
	}
	g.Tx[steps] = t
	for i := 0; i <= maxX; i++ {
		x := float64(i)
		g.X = append(g.X, x)
		row := make([]Cell, len(g.Tx))
		for j, tx := range g.Tx {
			if x == 0 && tx > 0 {
				continue
			}
			c := Customer{X: x, Tx: tx, T: t}
			pa, err := m.PAlive(c)
			if err != nil {
				return Grid{}, fmt.Errorf("clv: grid cell x %v, t_x %v: %w", x, tx, err)
			}
			e, err := m.ConditionalExpectedPurchases(c, horizon)
			if err != nil {
				return Grid{}, fmt.Errorf("clv: grid cell x %v, t_x %v: %w", x, tx, err)
			}
			row[j] = Cell{PAlive: pa, Purchases: e, Possible: true}
		}
		g.Cells = append(g.Cells, row)
	}
	return g, nil
}
