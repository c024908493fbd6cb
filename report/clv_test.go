package report

import (
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// TestForecastFailureIsSaid checks that a CLV forecast whose model cannot
// be fitted is an error, which Build turns into a note of the customers
// section, never a forecast that silently leaves customers out.
func TestForecastFailureIsSaid(t *testing.T) {
	cny := money.MustCurrency("CNY")
	// One customer who never came back: no repeat purchase to fit the
	// purchase model on.
	cs := []clv.Customer{{X: 0, T: 10}}
	_, _, err := forecast(cs, 7*24*time.Hour, 0.5, cny)
	if err == nil {
		t.Fatal("forecast of a customer base without repeat purchases: no error")
	}
	if !strings.HasPrefix(err.Error(), "report: ") {
		t.Errorf("error %q lacks the package prefix", err)
	}
	b := &builder{}
	b.note(SectionCustomers, "predicted_clv", err)
	r := &Review{Notes: b.notes}
	if got := r.NotesOf(SectionCustomers); len(got) != 1 || got[0].Key != "predicted_clv" || got[0].Reason != err.Error() {
		t.Errorf("notes of the customers section: %+v", got)
	}
	if got := r.NotesOf(SectionProducts); len(got) != 0 {
		t.Errorf("notes of the products section: %+v", got)
	}
}
