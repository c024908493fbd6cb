package inventory

import (
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopspring/decimal"
)

// Cell is one cell of the ABC×XYZ matrix.
type Cell struct {
	Count int
	Value decimal.Decimal // the ABC measure of the cell's SKUs (positive values only)
	Share metrics.Ratio   // Value / the ABC total
}

// Matrix is the ABC×XYZ matrix: rows A, B, C; columns X, Y, Z and "-" (no
// XYZ class).
type Matrix struct {
	By    Measure
	Cells [3][4]Cell
}

// Matrix crosses an ABC classification of the report's SKUs with their XYZ
// classes. The counts add up to the number of classified SKUs and the
// shares to 100 % (when the ABC total is positive). SKUs of abc that the
// report does not have are left out. An invalid xyz gives the errors of
// [XYZConfig.Validate].
func (r *Report) Matrix(abc ABC, xyz XYZConfig) (Matrix, error) {
	if err := xyz.Validate(); err != nil {
		return Matrix{}, err
	}
	out := Matrix{By: abc.By}
	for i := range out.Cells {
		for j := range out.Cells[i] {
			out.Cells[i][j].Value = decimal.Zero
		}
	}
	tf := decFloat(abc.Total)
	for _, it := range abc.Items {
		m, ok := r.SKU(it.SKU)
		if !ok {
			continue
		}
		c := &out.Cells[it.Class][xyz.class(m.WeeklyCV)]
		c.Count++
		if it.Value.Sign() > 0 {
			c.Value = c.Value.Add(it.Value)
		}
	}
	for i := range out.Cells {
		for j := range out.Cells[i] {
			out.Cells[i][j].Share = metrics.NewRatio(decFloat(out.Cells[i][j].Value), tf)
		}
	}
	return out, nil
}
