package render

import (
	"strconv"

	"github.com/shopmetrics/shopmetrics/report"
)

// optional reports whether section s is shown only when the review has it
// or lists it as left out: the sections added by issue 21, which older
// reviews and stores without their data do not have.
func optional(s report.Section) bool {
	return s == report.SectionChannels || s == report.SectionFulfilment || s == report.SectionPlan || s == report.SectionMarket
}

// Shown returns the sections r shows, in the order of the review: every
// section of [report.Sections] except the optional ones (channels,
// fulfilment, plan, market) that r neither has nor lists as left out.
func Shown(r *report.Review) []report.Section {
	var out []report.Section
	for _, s := range report.Sections() {
		if optional(s) && !Present(r, s) && !omitted(r, s) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// Present reports whether r has section s: its field is not nil (the
// findings are always present).
func Present(r *report.Review, s report.Section) bool {
	switch s {
	case report.SectionOverview:
		return r.Overview != nil
	case report.SectionTraffic:
		return r.Traffic != nil
	case report.SectionChannels:
		return r.Channels != nil
	case report.SectionProducts:
		return r.Products != nil
	case report.SectionPromotions:
		return r.Promotions != nil
	case report.SectionCustomers:
		return r.Customers != nil
	case report.SectionService:
		return r.Service != nil
	case report.SectionFulfilment:
		return r.Fulfilment != nil
	case report.SectionPlan:
		return r.Plan != nil
	case report.SectionMarket:
		return r.Market != nil
	}
	return true // findings
}

// omitted reports whether r lists section s as left out.
func omitted(r *report.Review, s report.Section) bool {
	for _, o := range r.Omitted {
		if o.Section == s {
			return true
		}
	}
	return false
}

var zhNumerals = [...]string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// SectionTitle returns the heading of section s in r in l, numbered by its
// place among the sections r shows, such as "3. Channels and marketing"
// or "三、渠道与投放"; unnumbered when r does not show s.
func SectionTitle(r *report.Review, s report.Section, l Language) string {
	name := Label(s.String(), l)
	for i, x := range Shown(r) {
		if x != s {
			continue
		}
		if l == Chinese && i < len(zhNumerals) {
			return zhNumerals[i] + "、" + name
		}
		return strconv.Itoa(i+1) + ". " + name
	}
	return name
}
