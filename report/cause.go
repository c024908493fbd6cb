package report

import (
	"errors"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/forecast"
	"github.com/shopmetrics/shopmetrics/promo"
)

// NoteCauses lists the kinds of error a [Note] names in its Cause, with
// the display-name key of each, in the order they are tested: the first
// one errors.Is finds in a note's error is its cause.
var NoteCauses = []struct {
	Err error
	Key string
}{
	{clv.ErrNotConverged, "cause_not_converged"},
	{clv.ErrNoData, "cause_no_customers"},
	{clv.ErrUndefined, "cause_undefined"},
	{forecast.ErrTooShort, "cause_short_history"},
	{forecast.ErrSingular, "cause_singular"},
	{promo.ErrPrePeriodTooShort, "cause_pre_period_short"},
	{promo.ErrWindowOutsideData, "cause_window_outside_data"},
	{promo.ErrNoControl, "cause_no_control"},
	{promo.ErrNoCategory, "cause_no_category"},
	{promo.ErrNoRivals, "cause_no_rivals"},
	{promo.ErrWholeStore, "cause_whole_store"},
	{promo.ErrNoPostWindow, "cause_no_post_window"},
	{promo.ErrPostOverlap, "cause_post_overlap"},
	{errDataEndsEarly, "cause_data_ends_early"},
	{errDaysMissing, "cause_days_missing"},
}

// causeOf returns the display-name key of the kind of err, or "".
func causeOf(err error) string {
	for _, c := range NoteCauses {
		if errors.Is(err, c.Err) {
			return c.Key
		}
	}
	return ""
}
