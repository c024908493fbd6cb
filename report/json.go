package report

import (
	"encoding/json"
	"fmt"
	"math"
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

// period returns the period of j, the zero Period for nil. An unknown
// grain is Custom.
func (j *periodJSON) period() metrics.Period {
	if j == nil {
		return metrics.Period{}
	}
	p := metrics.Period{Start: j.Start, End: j.End}
	for g := metrics.Custom; g <= metrics.Year; g++ {
		if g.String() == j.Grain {
			p.Grain = g
		}
	}
	return p
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

// UnmarshalJSON decodes the form written by [PromotionResult.MarshalJSON].
func (p *PromotionResult) UnmarshalJSON(b []byte) error {
	type plain PromotionResult
	var j struct {
		plain
		Window *periodJSON `json:"window"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = PromotionResult(j.plain)
	p.Window = j.Window.period()
	return nil
}

// UnmarshalJSON decodes the form written by [Service.MarshalJSON], the SLA
// rounded to the nanosecond.
func (s *Service) UnmarshalJSON(b []byte) error {
	type plain Service
	var j struct {
		plain
		SLASeconds float64 `json:"sla_seconds"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	ns := math.Round(j.SLASeconds * float64(time.Second))
	if !(ns > -1<<63 && ns < 1<<63) {
		return fmt.Errorf("report: SLA of %v seconds out of range", j.SLASeconds)
	}
	*s = Service(j.plain)
	s.SLA = time.Duration(ns)
	return nil
}
