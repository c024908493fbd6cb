package storedata

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadPromotionsCostUnknown: cost_unknown true reads as a promotion
// whose costs are not recorded, with its costs empty or 0; false, empty
// or a file without the column (as written before the column was added)
// as costs known, an empty cost a cost of zero. A cost given where
// cost_unknown is true, and a value other than true or false, are errors
// located at their cell.
func TestReadPromotionsCostUnknown(t *testing.T) {
	type view struct {
		ID      string
		Unknown bool
		Fixed   string
	}
	type located struct{ Line, Column int }
	const head = "promotion_id,window,mechanism,currency,fixed_cost,media_cost"
	tests := []struct {
		name string
		data string
		want []view
		errs []located
	}{
		{"no column", head + "\n" +
			"a,2025-11-01..2025-11-11,coupon,CNY,,\n" +
			"b,2025-11-01..2025-11-11,coupon,CNY,5,\n",
			[]view{{"a", false, "CNY 0.00"}, {"b", false, "CNY 5.00"}}, nil},
		{"column", head + ",cost_unknown\n" +
			"a,2025-11-01..2025-11-11,coupon,CNY,,,true\n" +
			"b,2025-11-01..2025-11-11,coupon,CNY,0,0,true\n" +
			"c,2025-11-01..2025-11-11,coupon,CNY,,,false\n" +
			"d,2025-11-01..2025-11-11,coupon,CNY,2,,\n" +
			"e,2025-11-01..2025-11-11,coupon,CNY,,3,true\n" +
			"f,2025-11-01..2025-11-11,coupon,CNY,4,,true\n" +
			"g,2025-11-01..2025-11-11,coupon,CNY,,,maybe\n",
			[]view{{"a", true, "CNY 0.00"}, {"b", true, "CNY 0.00"}, {"c", false, "CNY 0.00"}, {"d", false, "CNY 2.00"}},
			[]located{{6, 6}, {7, 5}, {8, 7}}},
	}
	for _, tt := range tests {
		ps, errs := Collect(ReadPromotions(strings.NewReader(tt.data), Options{}))
		var got []view
		for _, p := range ps {
			got = append(got, view{p.ID, p.CostUnknown, p.FixedCost.String()})
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s: promotions (-want +got):\n%s", tt.name, d)
		}
		var at []located
		for _, err := range errs {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("%s: %v is not a *ParseError", tt.name, err)
			}
			at = append(at, located{pe.Line, pe.Column})
		}
		if d := cmp.Diff(tt.errs, at); d != "" {
			t.Errorf("%s: error cells (-want +got):\n%s\n%v", tt.name, d, errs)
		}
	}
}
