package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// JSON renders a review as one JSON document, for other programs. The
// schema is versioned by "schema_version" ([SchemaVersion]); within a
// version, fields are only ever added.
//
// # Schema, version 1
//
//	{
//	  "schema_version": 1,
//	  "store": "…", "language": "en" | "zh-CN", "currency": "CNY",
//	  "period", "previous", "year_ago": period,
//	  "sections": {
//	    "overview", "traffic", "products", "promotions", "customers",
//	    "service": object, or null when the section was left out
//	  },
//	  "omitted": [{"section": "traffic", "missing": "events"}],
//	  "findings": [finding]
//	}
//
// A period is {"label": "2025-11", "start": RFC 3339, "end": RFC 3339
// (exclusive), "grain": "month"}, or null when absent. Money is
// {"amount": "1234.50", "currency": "CNY"}, the amount an exact decimal
// string. A ratio is {"num", "den", "value"} with "value": null when it is
// undefined. A value (a number of the review) is {"kind", "defined"} plus
// "money", "count", "ratio" or "seconds" when defined; kind is one of
// money, count, percent, multiple, number, days, duration. A KPI is {"key",
// "lower_is_better", "current", "previous", "year_ago", "target" (values),
// "change_prev", "change_year", "attainment" (ratios)}. A finding is
// {"rule", "section", "severity" (info, warning, critical), "title" and
// "recommendation" ({"en", "zh"}), "evidence": [{"key", "subject",
// "value"}]}. Section objects use the snake_case names of the fields of
// [Overview], [Traffic], [Products], [Promotions], [Customers] and
// [Service]; dates are RFC 3339 times at midnight in the store's zone;
// weekday is 0 for Sunday to 6 for Saturday; durations are in seconds.
//
// Labels are not in the JSON: a consumer maps the keys with [Label] or its
// own table.
type JSON struct {
	// Indent is the indentation of nested values. Defaults to two spaces;
	// set Compact for none.
	Indent string
	// Compact writes the document on one line. Defaults to false.
	Compact bool
}

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

type sectionsJSON struct {
	Overview   *Overview   `json:"overview"`
	Traffic    *Traffic    `json:"traffic"`
	Products   *Products   `json:"products"`
	Promotions *Promotions `json:"promotions"`
	Customers  *Customers  `json:"customers"`
	Service    *Service    `json:"service"`
}

type reviewJSON struct {
	SchemaVersion int          `json:"schema_version"`
	Store         string       `json:"store"`
	Language      Language     `json:"language"`
	Currency      string       `json:"currency"`
	Period        *periodJSON  `json:"period"`
	Previous      *periodJSON  `json:"previous"`
	YearAgo       *periodJSON  `json:"year_ago"`
	Sections      sectionsJSON `json:"sections"`
	Omitted       []Omission   `json:"omitted"`
	Findings      []Finding    `json:"findings"`
}

// Render writes r to w, followed by a newline.
func (j JSON) Render(w io.Writer, r *Review) error {
	doc := reviewJSON{
		SchemaVersion: SchemaVersion,
		Store:         r.Store, Language: r.Language, Currency: r.Currency.Code(),
		Period: periodOf(r.Period), Previous: periodOf(r.Previous), YearAgo: periodOf(r.YearAgo),
		Sections: sectionsJSON{r.Overview, r.Traffic, r.Products, r.Promotions, r.Customers, r.Service},
		Omitted:  r.Omitted, Findings: r.Findings,
	}
	if doc.Omitted == nil {
		doc.Omitted = []Omission{}
	}
	if doc.Findings == nil {
		doc.Findings = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if !j.Compact {
		indent := j.Indent
		if indent == "" {
			indent = "  "
		}
		enc.SetIndent("", indent)
	}
	return enc.Encode(doc)
}

// MarshalJSON encodes the promotion with its window as a period object.
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
