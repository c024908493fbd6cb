package clv

import (
	"time"

	"github.com/shopmetrics/shopmetrics/cohort"
)

// FromSummary turns the per-customer statistics of [cohort.Ledger.Summary]
// into model input, one Customer per row (Weight 1; [Group] them before
// fitting), and returns the summary's time unit (UnitDays calendar days),
// which is the TimeUnit to give [ValueConfig]. Monetary is the mean repeat
// spend, the Gamma-Gamma input.
func FromSummary(s *cohort.Summary) ([]Customer, time.Duration) {
	out := make([]Customer, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = Customer{ID: r.ID, X: r.X, Tx: r.Tx, T: r.T, Monetary: r.Monetary}
	}
	return out, time.Duration(s.Config.UnitDays) * 24 * time.Hour
}
