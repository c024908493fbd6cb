package render

import (
	"encoding/json"
	"io"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// JSON renders a review as one JSON document, for other programs. The
// schema is versioned by "schema_version" ([report.SchemaVersion]); within
// a version, fields are only ever added.
//
// # Schema, version 2
//
//	{
//	  "schema_version": 2,
//	  "store": "…", "language": "en" | "zh-CN", "currency": "CNY",
//	  "period", "previous", "year_ago": period,
//	  "sections": {
//	    "overview", "traffic", "products", "promotions", "customers",
//	    "service": object, or null when the section was left out,
//	    "channels": object, absent when the review has no such section
//	  },
//	  "omitted": [{"section": "traffic", "missing": "events"}],
//	  "notes": [{"section", "key", "reason"}], only when there are notes,
//	  "findings": [finding]
//	}
//
// A period is {"label": "2025-11", "start": RFC 3339, "end": RFC 3339
// (exclusive), "grain": "month"}, or null when absent. Money is
// {"amount": "1234.50", "currency": "CNY"}, the amount an exact decimal
// string. A ratio is {"num", "den", "value"} with "value": null when it is
// undefined. A value (a number of the review, [metrics.Value]) is {"kind",
// "defined"} plus "money", "count", "ratio" or "seconds" when defined;
// kind is one of money, count, percent, multiple, number, days, duration,
// points (a difference of rates in percentage points, as a fraction).
// A KPI is {"key", "lower_is_better", "change_kind", "current",
// "previous", "year_ago", "target" (values), "change_prev",
// "change_year", "attainment" (ratios)}; change_kind "points" says the
// changes and attainment are differences in points (a rate's), and
// "relative" that they are relative changes and current / target. A
// finding is {"rule", "kind" (problem or strength; a document without it
// holds problems), "section", "severity" (info, warning, critical),
// "title" and "recommendation" ({"en", "zh"}, the messages written out in
// both languages), "evidence": [{"key", "subject", "value"}], "stake" (a
// money value, the money at stake, not defined when not measured),
// "stake_kind" (what the stake measures, report.StakeSales and the
// other Stake constants, when measured),
// "watch" (a KPI key) and "check_by" (an RFC 3339 day) when set}, its
// subject written in the document's language. Section
// objects use the snake_case names of the fields of report.Overview,
// report.Traffic and the other sections; dates are RFC 3339 times at
// midnight in the store's zone; weekday is 0 for Sunday to 6 for
// Saturday; durations are in seconds.
//
// Labels are not in the JSON: a consumer maps the keys with [Label] or its
// own table. [Decode] reads the document back.
type JSON struct {
	// Lang is the language of the findings' evidence subjects and of the
	// "language" field. Defaults to English.
	Lang Language
	// Indent is the indentation of nested values. Defaults to two spaces;
	// set Compact for none.
	Indent string
	// Compact writes the document on one line. Defaults to false.
	Compact bool
}

type sectionsJSON struct {
	Overview   *report.Overview   `json:"overview"`
	Traffic    *report.Traffic    `json:"traffic"`
	Products   *report.Products   `json:"products"`
	Promotions *report.Promotions `json:"promotions"`
	Customers  *report.Customers  `json:"customers"`
	Service    *report.Service    `json:"service"`
	Channels   *report.Channels   `json:"channels,omitempty"`
	Fulfilment *report.Fulfilment `json:"fulfilment,omitempty"`
	Plan       *report.Plan       `json:"plan,omitempty"`
	Profile    *report.Profile    `json:"profile,omitempty"` // 用户画像, a part of customers
	Market     *report.Market     `json:"market,omitempty"`
	// Suppliers is the suppliers part of the products section (issue 25).
	Suppliers *report.Suppliers `json:"suppliers,omitempty"`
	// DetailPages is the products section's detail-page conversion part.
	DetailPages *report.DetailPages `json:"detail_pages,omitempty"`
	// The optional parts, each shown within its section.
	Membership *report.Membership `json:"membership,omitempty"`
	Campaigns  *report.Campaigns  `json:"campaigns,omitempty"` // in promotions
}

type textJSON struct {
	EN string `json:"en"`
	ZH string `json:"zh"`
}

type evidenceJSON struct {
	Key     string        `json:"key"`
	Subject string        `json:"subject"`
	Value   metrics.Value `json:"value"`
}

type findingJSON struct {
	Rule           string          `json:"rule"`
	Kind           report.Kind     `json:"kind"`
	Section        report.Section  `json:"section"`
	Severity       report.Severity `json:"severity"`
	Title          textJSON        `json:"title"`
	Evidence       []evidenceJSON  `json:"evidence"`
	Recommendation textJSON        `json:"recommendation"`
	Stake          metrics.Value   `json:"stake"`
	StakeKind      string          `json:"stake_kind,omitempty"`
	Watch          string          `json:"watch,omitempty"`
	CheckBy        *time.Time      `json:"check_by,omitempty"`
}

type reviewJSON struct {
	SchemaVersion int               `json:"schema_version"`
	Store         string            `json:"store"`
	Language      Language          `json:"language"`
	Currency      string            `json:"currency"`
	Period        metrics.Period    `json:"period"`
	Previous      metrics.Period    `json:"previous"`
	YearAgo       metrics.Period    `json:"year_ago"`
	Sections      sectionsJSON      `json:"sections"`
	Omitted       []report.Omission `json:"omitted"`
	Notes         []report.Note     `json:"notes,omitempty"`
	Findings      []findingJSON     `json:"findings"`
}

// Render writes r to w, followed by a newline.
func (j JSON) Render(w io.Writer, r *report.Review) error {
	doc := reviewJSON{
		SchemaVersion: report.SchemaVersion,
		Store:         r.Store, Language: j.Lang, Currency: r.Currency.Code(),
		Period: r.Period, Previous: r.Previous, YearAgo: r.YearAgo,
		Sections: sectionsJSON{Overview: r.Overview, Traffic: r.Traffic, Products: r.Products, Promotions: r.Promotions,
			Customers: r.Customers, Service: r.Service, Channels: r.Channels, Fulfilment: r.Fulfilment, Plan: r.Plan,
			Profile: r.Profile, Market: r.Market, Suppliers: r.Suppliers, DetailPages: r.DetailPages, Membership: r.Membership, Campaigns: r.Campaigns},
		Omitted: r.Omitted, Notes: r.Notes, Findings: []findingJSON{},
	}
	if doc.Omitted == nil {
		doc.Omitted = []report.Omission{}
	}
	en, zh := Formatter{Lang: English}, Formatter{Lang: Chinese}
	// The Chinese texts name data values (a traffic source, a category) as
	// the Chinese pages do, and the subjects are in the document's language.
	rz, rl := relabel(r, Chinese, nil), relabel(r, j.Lang, nil)
	for i, f := range r.Findings {
		fz := rz.Findings[i]
		fj := findingJSON{
			Rule: f.Rule, Kind: f.Kind, Section: f.Section, Severity: f.Severity,
			Title:          textJSON{en.Message(f.Title), zh.Message(fz.Title)},
			Recommendation: textJSON{en.Message(f.Recommendation), zh.Message(fz.Recommendation)},
			Stake:          f.Stake, StakeKind: f.StakeKind, Watch: f.Watch,
		}
		if !f.CheckBy.IsZero() {
			fj.CheckBy = &f.CheckBy
		}
		for _, e := range rl.Findings[i].Evidence {
			fj.Evidence = append(fj.Evidence, evidenceJSON{Key: e.Key, Subject: subject(e, j.Lang), Value: e.Value})
		}
		doc.Findings = append(doc.Findings, fj)
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

// subject returns what evidence e is about, in l.
func subject(e report.Evidence, l Language) string {
	if e.Subject == "" && e.Of != "" {
		return Label(e.Of, l)
	}
	return e.Subject
}
