package render

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
)

// TestCampaignDiscountsUnknown: a CRM campaign whose redemptions' values
// are not known (Discounts nil) shows the mark of an undefined value in
// its discounts cell, never an amount, in every text format and both
// languages, with the note that counts them; the other campaign keeps its
// amount.
func TestCampaignDiscountsUnknown(t *testing.T) {
	r := handReview()
	loc := time.FixedZone("CST", 8*3600)
	r.Campaigns = handCampaigns(loc)
	r.Campaigns.Items[1].Discounts = nil
	r.Notes = append(r.Notes, report.Note{Section: report.SectionPromotions, Key: "campaign_unvalued", Reason: "Win-back SMS", LeftOut: 60})
	for _, lang := range []Language{English, Chinese} {
		na := Formatter{Lang: lang}.NA()
		for _, format := range []string{"markdown", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rd.Render(&buf, r); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			var sms, vip string
			for _, line := range strings.Split(page, "\n") {
				if strings.Contains(line, "Win-back SMS") && strings.Contains(line, "3,000") && sms == "" {
					sms = line
				}
				if strings.Contains(line, "VIP coupon") && strings.Contains(line, "2,000") && vip == "" {
					vip = line
				}
			}
			if !strings.Contains(sms, na) || strings.Contains(sms, "600.00") {
				t.Errorf("%s %v: the reach row of the campaign without known discounts is %q, want %q in place of an amount", format, lang, sms, na)
			}
			if !strings.Contains(vip, "6,400.00") {
				t.Errorf("%s %v: the reach row of the campaign with known discounts is %q, want its 6,400.00", format, lang, vip)
			}
			if want := Label("campaign_unvalued", lang); !strings.Contains(page, want) {
				t.Errorf("%s %v: no note %q on the page", format, lang, want)
			}
		}
	}
}

// TestCampaignCostUnknown: a CRM campaign whose cost is not known (Cost
// nil, so Gain and ROI undefined) shows the mark of an undefined value in
// its cost, ROI and ROI-interval cells, never "0.00", in every text
// format and both languages, with the note that names it; the other
// campaign keeps its cost.
func TestCampaignCostUnknown(t *testing.T) {
	r := handReview()
	loc := time.FixedZone("CST", 8*3600)
	r.Campaigns = handCampaigns(loc)
	sms := &r.Campaigns.Items[1]
	sms.Cost = nil
	u, ur := metrics.Undefined(metrics.UnitMoney), metrics.Undefined(metrics.UnitRatio)
	sms.Gain, sms.GainLow, sms.GainHigh, sms.ROI, sms.ROILow, sms.ROIHigh = u, u, u, ur, ur, ur
	sms.Verdict = "inconclusive"
	r.Notes = append(r.Notes, report.Note{Section: report.SectionPromotions, Key: "campaign_uncosted", Reason: "Win-back SMS"})
	for _, lang := range []Language{English, Chinese} {
		na := Formatter{Lang: lang}.NA()
		for _, format := range []string{"markdown", "text", "html"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rd.Render(&buf, r); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			// The effect rows: the one with the campaign's per-customer
			// net sales (9.10 and 61.00).
			var smsRow, vipRow string
			for _, line := range strings.Split(page, "\n") {
				if strings.Contains(line, "Win-back SMS") && strings.Contains(line, "9.10") && smsRow == "" {
					smsRow = line
				}
				if strings.Contains(line, "VIP coupon") && strings.Contains(line, "61.00") && vipRow == "" {
					vipRow = line
				}
			}
			if format == "html" {
				// A wide table is split into column groups, each repeating
				// the name: the cost is in the group of the verdict.
				smsRow, vipRow = htmlRow(page, "Win-back SMS", Label("inconclusive", lang)), htmlRow(page, "VIP coupon", Label("pays", lang))
			}
			// Cost, ROI and its interval: three n/a in a row, at the
			// end before the verdict.
			if n := strings.Count(smsRow, na); n < 3 || strings.Contains(smsRow, "0.00%") || strings.Contains(smsRow, "9,000.00") {
				t.Errorf("%s %v: the effect row of the campaign without a known cost is %q, want %q for its cost, ROI and interval (%d found)", format, lang, smsRow, na, n)
			}
			if !strings.Contains(vipRow, "5,000.00") {
				t.Errorf("%s %v: the effect row of the campaign with a known cost is %q, want its 5,000.00", format, lang, vipRow)
			}
			want := Label("campaign_uncosted", lang)
			if format == "html" {
				want = html.EscapeString(want)
			}
			if !strings.Contains(page, want) || !strings.Contains(page, want+parenOpen(lang)+"Win-back SMS") {
				t.Errorf("%s %v: no note %q naming the campaign on the page", format, lang, want)
			}
		}
	}
}

// htmlRow returns the table row (<tr>) of page that holds both a and b.
func htmlRow(page, a, b string) string {
	for _, row := range strings.Split(page, "<tr") {
		row, _, _ = strings.Cut(row, "</tr>")
		if strings.Contains(row, a) && strings.Contains(row, b) {
			return row
		}
	}
	return ""
}

// parenOpen is the opening parenthesis of notes in l.
func parenOpen(l Language) string {
	lp, _ := parens(l)
	return lp
}
