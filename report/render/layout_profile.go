package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/report"
)

// layoutProfile lays out the customer profile part of the customers
// section: who the buyers are, the largest value of each attribute, the
// known attribute values in which the new customers differ significantly
// from the base, a table per attribute, and the definitions; nothing when p is nil.
func layoutProfile(p *report.Profile, f Formatter) []block {
	if p == nil {
		return nil
	}
	lb := func(k string) string { return Label(k, f.Lang) }
	bs := []block{heading{3, lb("profile")},
		para{fmt.Sprintf(lb("profile_coverage"), f.Count(p.Buyers), f.Count(p.Described), f.Count(p.Records), f.Count(p.New))}}
	if len(p.Dimensions) == 0 {
		return append(bs, note{lb("profile_none")})
	}
	var top, shifts []item
	for _, d := range p.Dimensions {
		for _, r := range d.Rows {
			if r.Value != profile.Unknown && r.Value != profile.Other {
				top = append(top, item{strong: ProfileDimension(d.Key, f.Lang) + " " + profileValue(d.Key, r.Value, f),
					text: fmt.Sprintf(lb("profile_top"), f.Percent(r.SalesShare), f.Percent(r.BuyerShare))})
				break
			}
		}
		for _, r := range d.Rows {
			if r.Significant && r.Value != profile.Unknown && r.Value != profile.Other {
				shifts = append(shifts, item{strong: ProfileDimension(d.Key, f.Lang) + " " + profileValue(d.Key, r.Value, f),
					text: fmt.Sprintf(lb("profile_shift"), f.Value(r.Shift), f.Percent(r.NewShare), f.Percent(r.BuyerShare), pValue(r, f))})
			}
		}
	}
	bs = append(bs, list{top})
	bs = append(bs, heading{3, lb("profile_new_title")})
	if len(shifts) == 0 {
		bs = append(bs, para{lb("profile_no_shift")})
	} else {
		bs = append(bs, list{shifts})
	}
	for _, d := range p.Dimensions {
		bs = append(bs, heading{3, lb("profile") + colon(f.Lang) + ProfileDimension(d.Key, f.Lang)})
		t := table{head: []string{ProfileDimension(d.Key, f.Lang), lb("sales_before_returns"), lb("profile_sales_share"), lb("buyers"), lb("profile_buyer_share"),
			lb("aov_before_returns"), lb("repurchase_rate"), lb("profile_value"), lb("profile_new_share"), lb("profile_shift_col")},
			right: []bool{false, true, true, true, true, true, true, true, true, true}}
		for _, r := range d.Rows {
			shift := f.Value(r.Shift)
			if r.Significant {
				shift += " *"
			}
			t.rows = append(t.rows, []cell{{text: profileValue(d.Key, r.Value, f)}, {text: f.Money(r.Sales)}, {text: f.Percent(r.SalesShare)},
				{text: f.Count(r.Buyers)}, {text: f.Percent(r.BuyerShare)}, {text: f.Value(r.AOV)}, {text: f.Percent(r.Repurchase)},
				{text: f.Value(r.ValuePerBuyer)}, {text: f.Percent(r.NewShare)}, {text: shift}})
		}
		bs = append(bs, t)
	}
	return append(bs, note{lb("profile_def")})
}

// ProfileDimension returns the display name in l of an attribute of the
// customer profile: its name for the standard ones ("Age band" for
// age_band), the label's name as the data writes it for the others.
func ProfileDimension(key string, l Language) string {
	if k := "profile_dim_" + key; HasLabel(k) {
		return Label(k, l)
	}
	return key
}

// profileValue is [ProfileValue] in f's language.
func profileValue(dim, v string, f Formatter) string { return ProfileValue(dim, v, f.Lang) }

// ProfileValue returns the display name in l of a value of a customer
// profile attribute: "unknown" and "other" (the rows of the buyers
// without the attribute and of the values folded together) in l, or the
// value as [DataLabel] names it (a region in pinyin is named in Chinese
// on a Chinese page), else as the data writes it; a gender of dimension
// dim "gender" written F, M, female or male is named in l.
func ProfileValue(dim, v string, l Language) string {
	if dim == profile.DimGender {
		switch strings.ToLower(v) {
		case "f", "female", "女":
			return Label("gender_female", l)
		case "m", "male", "男":
			return Label("gender_male", l)
		}
	}
	switch v {
	case profile.Unknown:
		return Label("profile_unknown", l)
	case profile.Other:
		return Label("other", l)
	}
	return DataLabel(v, l)
}

// pValue formats the p-value of a row's test: "p ≤ 0.001" or "p = 0.012".
func pValue(r report.ProfileRow, f Formatter) string {
	v, ok := r.P.Float()
	switch {
	case !ok:
		return f.NA()
	case v < 0.001:
		return "p ≤ 0.001" // "<" would be escaped in Markdown
	}
	return "p = " + strconv.FormatFloat(v, 'f', 3, 64)
}
