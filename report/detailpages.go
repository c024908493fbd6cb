package report

import "github.com/shopmetrics/shopmetrics/metrics"

// DetailPages is the detail-page conversion of each product (详情页转化率), shown in the products section: per SKU, detail views → add to cart → purchase, with the change against the previous period and its significance. Nil when no event names a SKU.
type DetailPages struct{}

// detailPagesPart computes [DetailPages].
type detailPagesPart struct{}

func (p *detailPagesPart) start(b *builder)                   {}
func (p *detailPagesPart) order(b *builder, o *metrics.Order) {}
func (p *detailPagesPart) finish(b *builder, r *Review)       {}
