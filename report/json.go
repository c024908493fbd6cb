package report

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// MarshalJSON encodes the promotion with its window as a period object
// ({"label", "start", "end", "grain"}).
func (p PromotionResult) MarshalJSON() ([]byte, error) {
	type plain PromotionResult
	return json.Marshal(struct {
		plain
		Window metrics.Period `json:"window"`
	}{plain(p), p.Window})
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
		Window metrics.Period `json:"window"`
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = PromotionResult(j.plain)
	p.Window = j.Window
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
