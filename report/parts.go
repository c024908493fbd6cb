package report

import "github.com/shopmetrics/shopmetrics/metrics"

// parts returns the section parts of a Build, in the order they finish.
func parts() []part {
	return []part{
		omitted{SectionProducts, "inventory_analysis"},
		omitted{SectionPromotions, "promotion_analysis"},
		&servicePart{},
	}
}

// omitted is a section this build of the package leaves out, with the
// reason.
type omitted struct {
	section Section
	missing string
}

func (omitted) start(*builder)                 {}
func (omitted) order(*builder, *metrics.Order) {}
func (p omitted) finish(_ *builder, r *Review) {
	r.Omitted = append(r.Omitted, Omission{Section: p.section, Missing: p.missing})
}
