package metrics

import (
	"bytes"
	"encoding/json"
	"time"
)

// periodJSON is the JSON form of a Period.
type periodJSON struct {
	Label string    `json:"label"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Grain string    `json:"grain"`
}

// MarshalJSON encodes p as {"label":"2025-11","start":…,"end":…,
// "grain":"month"}, the times in RFC 3339 with their offset; the zero
// Period (all time) as null.
func (p Period) MarshalJSON() ([]byte, error) {
	if p.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(periodJSON{Label: p.Label(), Start: p.Start, End: p.End, Grain: p.Grain.String()})
}

// UnmarshalJSON decodes the form written by [Period.MarshalJSON]: null is
// the zero Period, an unknown grain is Custom, and the label is not read
// (it follows from the rest).
func (p *Period) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*p = Period{}
		return nil
	}
	var j periodJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = Period{Start: j.Start, End: j.End}
	for g := Custom; g <= Year; g++ {
		if g.String() == j.Grain {
			p.Grain = g
		}
	}
	return nil
}
