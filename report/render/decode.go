package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/report"
)

// ErrSchema is the category of the errors of [Decode] for a document that
// is not a review of a schema version it reads.
var ErrSchema = errors.New("render: not a review document")

type reviewIn struct {
	SchemaVersion *int              `json:"schema_version"`
	Store         string            `json:"store"`
	Language      *Language         `json:"language"`
	Currency      string            `json:"currency"`
	Period        *metrics.Period   `json:"period"`
	Previous      *metrics.Period   `json:"previous"`
	YearAgo       *metrics.Period   `json:"year_ago"`
	Sections      *sectionsJSON     `json:"sections"`
	Omitted       []report.Omission `json:"omitted"`
	Notes         []report.Note     `json:"notes"`
	Findings      []findingJSON     `json:"findings"`
}

// Decode reads a review from the JSON document that [JSON] writes, for
// reporting tools that read reviews back, and returns it with the
// language the document was written in. Rendering the review again in
// that language gives the same document.
//
// What JSON writes in one language comes back as written: the findings'
// titles and recommendations become messages without arguments (their
// text in both languages, numbers already formatted), and an evidence
// subject named by a display-name key comes back as its name in the
// document's language.
//
// Decode returns an error wrapping [ErrSchema] for a document without
// "schema_version" or of another version than [report.SchemaVersion],
// without "language", "period" or "sections", with a period that does not
// end after it starts, or with anything after the document, and
// the decoding error of malformed JSON or of a value it cannot hold (an
// unknown currency, section or kind of value).
func Decode(r io.Reader) (*report.Review, Language, error) {
	var doc reviewIn
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, English, fmt.Errorf("render: decoding a review: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF { // one document, nothing after it
		return nil, English, fmt.Errorf("%w: data after the review document", ErrSchema)
	}
	switch {
	case doc.SchemaVersion == nil:
		return nil, English, fmt.Errorf("%w: no schema_version", ErrSchema)
	case *doc.SchemaVersion != report.SchemaVersion:
		return nil, English, fmt.Errorf("%w: schema version %d, want %d", ErrSchema, *doc.SchemaVersion, report.SchemaVersion)
	case doc.Language == nil:
		return nil, English, fmt.Errorf("%w: no language", ErrSchema)
	case doc.Period == nil:
		return nil, English, fmt.Errorf("%w: no period", ErrSchema)
	case doc.Sections == nil:
		return nil, English, fmt.Errorf("%w: no sections", ErrSchema)
	}
	for name, p := range map[string]*metrics.Period{"period": doc.Period, "previous": doc.Previous, "year_ago": doc.YearAgo} {
		if p != nil && !p.End.After(p.Start) {
			return nil, English, fmt.Errorf("%w: %s ends at %s, not after its start %s", ErrSchema, name, p.End, p.Start)
		}
	}
	out := &report.Review{
		Store: doc.Store, Period: *doc.Period, Previous: derefPeriod(doc.Previous), YearAgo: derefPeriod(doc.YearAgo),
		Overview: doc.Sections.Overview, Traffic: doc.Sections.Traffic, Products: doc.Sections.Products,
		Promotions: doc.Sections.Promotions, Customers: doc.Sections.Customers, Service: doc.Sections.Service,
		Channels: doc.Sections.Channels, Fulfilment: doc.Sections.Fulfilment, Plan: doc.Sections.Plan,
		Market:  doc.Sections.Market,
		Omitted: doc.Omitted, Notes: doc.Notes,
		Suppliers:   doc.Sections.Suppliers,
		DetailPages: doc.Sections.DetailPages,
		Membership:  doc.Sections.Membership,
	}
	out.Profile = doc.Sections.Profile
	out.Campaigns = doc.Sections.Campaigns
	if doc.Currency != "" {
		c, err := money.ParseCurrency(doc.Currency)
		if err != nil {
			return nil, English, fmt.Errorf("render: decoding a review: %w", err)
		}
		out.Currency = c
	}
	if len(out.Omitted) == 0 {
		out.Omitted = nil
	}
	for _, f := range doc.Findings {
		rf := report.Finding{
			Rule: f.Rule, Kind: f.Kind, Section: f.Section, Severity: f.Severity,
			Title:          report.Message{Text: report.Text{EN: f.Title.EN, ZH: f.Title.ZH}},
			Recommendation: report.Message{Text: report.Text{EN: f.Recommendation.EN, ZH: f.Recommendation.ZH}},
			Stake:          f.Stake, StakeKind: f.StakeKind, Watch: f.Watch,
		}
		if f.CheckBy != nil {
			rf.CheckBy = *f.CheckBy
		}
		for _, e := range f.Evidence {
			rf.Evidence = append(rf.Evidence, report.Evidence{Key: e.Key, Subject: e.Subject, Value: e.Value})
		}
		out.Findings = append(out.Findings, rf)
	}
	return out, *doc.Language, nil
}

// derefPeriod returns *p, the zero Period (all time) for nil.
func derefPeriod(p *metrics.Period) metrics.Period {
	if p == nil {
		return metrics.Period{}
	}
	return *p
}
