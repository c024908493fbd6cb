package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Market is the market and competitors section (市场与竞争): the price index of our SKUs against each competitor and the market, the SKUs priced above the market and what their sales did, and the competitors' promotion days beside ours. Nil when the input has no competitor prices.
type Market struct{}

// marketPart computes [Market].
type marketPart struct{}

func (p *marketPart) start(b *builder)                   {}
func (p *marketPart) order(b *builder, o *metrics.Order) {}
func (p *marketPart) finish(b *builder, r *Review)       {}
