package render

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/report"
)

// profileReview returns the hand review with a customer profile computed
// by metrics/profile from 300 invented buyers: 100 new, 60 of them aged
// 18-24 against 40 of the 200 returning ones (a significant shift: z =
// 6.93), each spending CNY 100 in one order (returning ones CNY 200 in
// two); 30 buyers have no record.
func profileReview() *report.Review {
	r := handReview()
	var t profile.Table
	cny := func(n int64) money.Money { return money.MustCurrency("CNY").FromMinor(n * 100) }
	for i := range 300 {
		isNew := i < 100
		c := profile.Customer{ID: "c", Age: 40, Gender: []string{"F", "M"}[i%2], Labels: map[string]string{"income": []string{"low", "high", "mid"}[i%3]}}
		if isNew && i < 60 || !isNew && i < 140 {
			c.Age = 20
		}
		if i >= 270 {
			c = profile.Customer{}
		}
		b := profile.Buyer{Sales: cny(100), Orders: 1, New: isNew, Value: cny(100)}
		if !isNew {
			b = profile.Buyer{Sales: cny(200), Orders: 2, Value: cny(800)}
		}
		if err := t.Add(c, b); err != nil {
			panic(err)
		}
	}
	tot := t.Total()
	p := &report.Profile{Records: 290, Buyers: tot.Buyers, Described: 270, New: tot.New}
	for _, d := range t.Dimensions() {
		dim := report.ProfileDimension{Key: d}
		for _, x := range t.Rows(d, 10) {
			dim.Rows = append(dim.Rows, report.ProfileRow{Value: x.Value, Buyers: x.Buyers, New: x.New, Orders: x.Orders, Sales: x.Sales,
				SalesShare: x.SalesShare, BuyerShare: x.BuyerShare, AOV: x.AOV, Repurchase: x.Repurchase, ValuePerBuyer: x.ValuePerBuyer,
				NewShare: x.Shift.NewShare, Shift: x.Shift.Points, P: x.Shift.P, Significant: x.Shift.Significant})
		}
		p.Dimensions = append(p.Dimensions, dim)
	}
	r.Profile = p
	return r
}

func TestProfileGolden(t *testing.T) {
	r := profileReview()
	for _, lang := range []Language{English, Chinese} {
		for _, format := range []string{"md", "html", "json", "text"} {
			rd, err := ForFormat(format, lang)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "profile."+lang.String()+"."+format, render(t, rd, r))
		}
	}
}

// TestProfilePart checks the part's place and numbers: after the
// customers section's own tables and before the service section, with
// the shift of 18-24 among new customers (60 of 100 new, against 100 of
// all 300 buyers: +26.7 pp), the unknown row of the 30 buyers without a
// record (30 × CN¥200), and that it round trips through JSON.
func TestProfilePart(t *testing.T) {
	r := profileReview()
	md := render(t, Markdown{}, r)
	cust, prof, svc := strings.Index(md, "Customers and repurchase"), strings.Index(md, "### Customer profile"), strings.Index(md, "Customer service and returns")
	if cust < 0 || prof < cust || svc < prof {
		t.Errorf("the profile is not inside the customers section (%d, %d, %d)", cust, prof, svc)
	}
	for _, want := range []string{
		"**Age band 18-24** +26.7 pp against all buyers (60.0% of new customers, 33.3% of all buyers; p ≤ 0.001)",
		"| unknown | CN¥6,000.00 | 12.0% | 30 | 10.0% |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md[prof:])
		}
	}
	doc := render(t, JSON{}, r)
	back, _, err := Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.Profile, back.Profile); diff != "" {
		t.Errorf("decoded part (-want +got):\n%s", diff)
	}
}
