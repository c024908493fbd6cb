package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

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
