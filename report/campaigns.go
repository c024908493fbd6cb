package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Campaigns is the CRM campaigns part (精准营销) of the promotions section: targeted against not-targeted customers over each campaign's window, with response, redemption, incremental revenue and gross profit with their intervals, cost, ROI and a three-valued verdict. Nil when the input has no campaigns.
type Campaigns struct{}

// campaignsPart computes [Campaigns].
type campaignsPart struct{}

func (p *campaignsPart) start(b *builder)                   {}
func (p *campaignsPart) order(b *builder, o *metrics.Order) {}
func (p *campaignsPart) finish(b *builder, r *Review)       {}
