package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Categories is category penetration and cross-buying (品类渗透率), shown in the products section: the share of buyers who bought each category, the category pairs bought together with their lift, and the categories new customers start with. Nil when the catalogue names no categories.
type Categories struct{}

// categoriesPart computes [Categories].
type categoriesPart struct{}

func (p *categoriesPart) start(b *builder)                   {}
func (p *categoriesPart) order(b *builder, o *metrics.Order) {}
func (p *categoriesPart) finish(b *builder, r *Review)       {}
