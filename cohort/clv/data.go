package clv

import "slices"

// data holds validated rows in columns, with the distinct values of x so
// that terms depending only on x (log-gamma functions) are computed once
// per distinct x rather than once per row.
type data struct {
	x, tx, t, w []float64
	xi          []int32   // index of x in ux
	ux, uw      []float64 // distinct x and their total weights
	wsum        float64
	scratch     []float64
	// Distinct time values (t_x and T) and each row's indices into them,
	// so a pass computes log(α+t) once per distinct time: day-resolution
	// data has a few hundred distinct times however many rows it has.
	ut       []float64
	ti, txi  []int32
	tscratch []float64
}

func prepare(customers []Customer, discrete bool) (*data, error) {
	if err := validate(customers, discrete); err != nil {
		return nil, err
	}
	n := len(customers)
	d := &data{
		x: make([]float64, n), tx: make([]float64, n), t: make([]float64, n),
		w: make([]float64, n), xi: make([]int32, n),
	}
	for i, c := range customers {
		d.x[i], d.tx[i], d.t[i], d.w[i] = c.X, c.Tx, c.T, c.weight()
		d.wsum += d.w[i]
	}
	if d.wsum <= 0 {
		return nil, ErrNoData
	}
	d.ux = slices.Clone(d.x)
	slices.Sort(d.ux)
	d.ux = slices.Compact(d.ux)
	d.uw = make([]float64, len(d.ux))
	pos := make(map[float64]int32, len(d.ux))
	for i, v := range d.ux {
		pos[v] = int32(i)
	}
	for i, v := range d.x {
		d.xi[i] = pos[v]
		d.uw[pos[v]] += d.w[i]
	}
	d.scratch = make([]float64, 8*len(d.ux))
	d.ut = slices.Concat(d.t, d.tx)
	slices.Sort(d.ut)
	d.ut = slices.Compact(d.ut)
	tpos := make(map[float64]int32, len(d.ut))
	for i, v := range d.ut {
		tpos[v] = int32(i)
	}
	d.ti, d.txi = make([]int32, n), make([]int32, n)
	for i := range d.t {
		d.ti[i], d.txi[i] = tpos[d.t[i]], tpos[d.tx[i]]
	}
	d.tscratch = make([]float64, 2*len(d.ut))
	return d, nil
}
