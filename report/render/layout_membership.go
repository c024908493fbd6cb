package render

import "github.com/shopmetrics/shopmetrics/report"

// layoutMembership lays out the membership and points part of the customers section; nothing when p is nil.
func layoutMembership(p *report.Membership, f Formatter) []block {
	if p == nil {
		return nil
	}
	return nil
}
