package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Profile is the customer profile (用户画像) of the customers section: sales, buyers, AOV, repurchase and CLV by customer attribute, and how the period's new customers differ from the base. Nil when the input has no customer attributes.
type Profile struct{}

// profilePart computes [Profile].
type profilePart struct{}

func (p *profilePart) start(b *builder)                   {}
func (p *profilePart) order(b *builder, o *metrics.Order) {}
func (p *profilePart) finish(b *builder, r *Review)       {}
