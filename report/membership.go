package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Membership is the membership and points part (会员与积分) of the customers section: members' share of sales and buyers, member against non-member AOV and repurchase, the active-member rate, and points issued, redeemed and outstanding with their liability. Nil when the input has no members.
type Membership struct{}

// membershipPart computes [Membership].
type membershipPart struct{}

func (p *membershipPart) start(b *builder)                   {}
func (p *membershipPart) order(b *builder, o *metrics.Order) {}
func (p *membershipPart) finish(b *builder, r *Review)       {}
