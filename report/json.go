package report

import (
	"encoding/json"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// periodJSON is the JSON form of a period in a review; package
// report/render writes the review's own periods the same way.
type periodJSON struct {
	Label string    `json:"label"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Grain string    `json:"grain"`
}

func periodOf(p metrics.Period) *periodJSON {
	if p.IsZero() {
		return nil
	}
	return &periodJSON{Label: p.Label(), Start: p.Start, End: p.End, Grain: p.Grain.String()}
}

// MarshalJSON encodes the promotion with its window as a period object
// ({"label", "start", "end", "grain"}).
func (p PromotionResult) MarshalJSON() ([]byte, error) {
	type plain PromotionResult
	return json.Marshal(struct {
		plain
		Window *periodJSON `json:"window"`
	}{plain(p), periodOf(p.Window)})
}

// MarshalJSON encodes the section with the SLA in seconds.
func (s Service) MarshalJSON() ([]byte, error) {
	type plain Service
	return json.Marshal(struct {
		plain
		SLASeconds float64 `json:"sla_seconds"`
	}{plain(s), s.SLA.Seconds()})
}
