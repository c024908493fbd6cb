package clv

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvHeader is the header of [WriteCSV].
var csvHeader = []string{"customer", "x", "t_x", "T", "p_alive", "purchases", "spend", "clv", "clv_low", "clv_high"}

// WriteCSV writes the per-customer export of [Intervals]: a header and
// one row per customer with its ID, x, t_x, T, P(alive), expected
// purchases and spend per purchase over the horizon, and CLV with the
// interval's bounds (empty when the interval is undefined). Numbers are
// written in Go's shortest round-trip form, so they read back exactly;
// the JSON form is encoding/json of the same values. It returns the
// writer's error.
func WriteCSV(w io.Writer, values []CustomerValue) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, v := range values {
		low, high := "", ""
		if v.CLV.Defined {
			low, high = f(v.CLV.Low), f(v.CLV.High)
		}
		if err := cw.Write([]string{v.ID, f(v.X), f(v.Tx), f(v.T), f(v.PAlive), f(v.Purchases), f(v.Spend), f(v.CLV.Value), low, high}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
