package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// membershipInput returns a store of October and November 2025 with three
// members; the figures of November are worked out in TestMembershipPart.
func membershipInput() (Input, Config) {
	cny := money.MustCurrency("CNY")
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, time.UTC) }
	order := func(id, customer string, m time.Month, d int, yuan string) metrics.Order {
		return metrics.Order{ID: id, CustomerID: customer, PlacedAt: day(m, d).Add(10 * time.Hour), Status: metrics.Paid, Currency: cny,
			Lines: []metrics.Line{{SKU: "A", Quantity: 1, UnitPrice: money.MustNew(yuan, "CNY")}}}
	}
	orders := []metrics.Order{
		order("o1", "m1", time.October, 1, "100"),
		order("o2", "m3", time.October, 5, "100"),
		order("o3", "x", time.October, 6, "100"),
		order("n1", "m1", time.November, 3, "100"),
		order("n2", "m1", time.November, 20, "100"),
		order("n3", "m2", time.November, 15, "300"),
		order("n4", "x", time.November, 16, "100"),
	}
	members := []loyalty.Member{
		{CustomerID: "m1", Level: "gold", Joined: day(time.January, 10)},
		{CustomerID: "m2", Level: "silver", Joined: day(time.November, 10)},
		{CustomerID: "m3", Level: "gold", Joined: day(time.February, 1)},
	}
	entry := func(c string, m time.Month, d int, k loyalty.Kind, p int64) loyalty.Entry {
		return loyalty.Entry{CustomerID: c, At: day(m, d).Add(10 * time.Hour), Kind: k, Points: p}
	}
	points := []loyalty.Entry{
		entry("m1", time.October, 1, loyalty.Issued, 100),
		entry("m3", time.October, 5, loyalty.Issued, 100),
		entry("m1", time.November, 3, loyalty.Issued, 100),
		entry("m1", time.November, 20, loyalty.Issued, 100),
		entry("m1", time.November, 20, loyalty.Redeemed, 50),
		entry("m2", time.November, 15, loyalty.Issued, 300),
	}
	in := Input{Store: "demo", Orders: slices.Values(orders), Members: members, Points: points}
	return in, Config{Period: metrics.MonthOf(2025, time.November, time.UTC)}
}

func TestMembershipPart(t *testing.T) {
	in, cfg := membershipInput()
	r, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := r.Membership
	if m == nil {
		t.Fatal("no membership part")
	}
	cny := func(s string) metrics.Value { return metrics.MoneyValue(money.MustNew(s, "CNY")) }
	want := map[string][2]metrics.Value{ // November, October
		// m1, m2, m3 at November's end; m1, m3 at October's.
		"loyalty_members":     {metrics.CountValue(3), metrics.CountValue(2)},
		"loyalty_new_members": {metrics.CountValue(1), metrics.CountValue(0)},
		// m1 of m1 and m3 in November; both in October.
		"loyalty_active_rate": {pct(metrics.CountRatio(1, 2)), pct(metrics.CountRatio(2, 2))},
		"loyalty_sales_share": {pct(metrics.NewRatio(500, 600)), pct(metrics.NewRatio(200, 300))},
		"loyalty_buyer_share": {pct(metrics.CountRatio(2, 3)), pct(metrics.CountRatio(2, 3))},
		// 500 / 3 = 166.666… → 166.67.
		"loyalty_member_aov":            {cny("166.67"), cny("100.00")},
		"loyalty_non_member_aov":        {cny("100.00"), cny("100.00")},
		"loyalty_member_repurchase":     {pct(metrics.CountRatio(1, 2)), pct(metrics.CountRatio(0, 2))},
		"loyalty_non_member_repurchase": {pct(metrics.CountRatio(0, 1)), pct(metrics.CountRatio(0, 1))},
		"loyalty_points_issued":         {metrics.CountValue(500), metrics.CountValue(200)},
		"loyalty_points_redeemed":       {metrics.CountValue(50), metrics.CountValue(0)},
		"loyalty_points_expired":        {metrics.CountValue(0), metrics.CountValue(0)},
		// 200 + 500 − 50.
		"loyalty_points_outstanding": {metrics.CountValue(650), metrics.CountValue(200)},
		"loyalty_redemption_rate":    {pct(metrics.CountRatio(50, 500)), pct(metrics.CountRatio(0, 200))},
		"loyalty_liability":          {cny("6.50"), cny("2.00")},
	}
	got := map[string][2]metrics.Value{}
	for _, k := range m.KPIs {
		got[k.Key] = [2]metrics.Value{k.Current, k.Previous}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KPIs (-want +got):\n%s", diff)
	}
	if m.AtStart != 2 || m.Active != 1 || m.Opening != 200 || m.Holders != 3 {
		t.Errorf("AtStart %d Active %d Opening %d Holders %d, want 2 1 200 3", m.AtStart, m.Active, m.Opening, m.Holders)
	}
	wantLevels := []MemberLevel{
		{Name: "gold", Members: 2, ActiveRate: metrics.CountRatio(1, 2), Buyers: 1, Orders: 2, Sales: money.MustNew("200.00", "CNY"),
			AOV: cny("100.00"), SalesShare: metrics.NewRatio(200, 500)},
		{Name: "silver", Members: 1, New: 1, Buyers: 1, Orders: 1, Sales: money.MustNew("300.00", "CNY"),
			AOV: cny("300.00"), SalesShare: metrics.NewRatio(300, 500)},
	}
	if diff := cmp.Diff(wantLevels, m.Levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	// The liability grew 225 % against net sales' 100 %: a finding; the
	// active rate fell 50 pp, but on two members, which is not
	// significant (z = −1.15, p = 0.25): no finding.
	var rules []string
	for _, f := range r.Findings {
		if f.Section == SectionCustomers && (f.Rule == "loyalty_liability_growth" || f.Rule == "loyalty_active_falling") {
			rules = append(rules, f.Rule)
			if f.Rule == "loyalty_liability_growth" && !f.Stake.Equal(cny("4.50")) {
				t.Errorf("liability stake %v, want CNY 4.50", f.Stake)
			}
		}
	}
	if diff := cmp.Diff([]string{"loyalty_liability_growth"}, rules); diff != "" {
		t.Errorf("membership findings (-want +got):\n%s", diff)
	}
}

func TestMembershipAbsentAndInvalid(t *testing.T) {
	in, cfg := membershipInput()
	in.Members, in.Points = nil, nil
	r, err := Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Membership != nil || len(r.NotesOf(SectionCustomers)) != 0 && slices.ContainsFunc(r.NotesOf(SectionCustomers), func(n Note) bool { return n.Key == "loyalty" }) {
		t.Errorf("without members: part %v, notes %v", r.Membership, r.NotesOf(SectionCustomers))
	}

	// A redemption above the balance fails the review, naming the entry.
	in, cfg = membershipInput()
	in.Points = append(in.Points, loyalty.Entry{CustomerID: "m2", At: time.Date(2025, 11, 16, 0, 0, 0, 0, time.UTC), Kind: loyalty.Redeemed, Points: 301})
	_, err = Build(in, cfg)
	var re *loyalty.RecordError
	if !errors.As(err, &re) || re.Index != 6 || re.CustomerID != "m2" {
		t.Fatalf("Build: %v, want the *loyalty.RecordError of entry 6 of m2", err)
	}
	// Under Skip, the part is left out with a note.
	in, cfg = membershipInput()
	in.Points = append(in.Points, loyalty.Entry{CustomerID: "m2", At: time.Date(2025, 11, 16, 0, 0, 0, 0, time.UTC), Kind: loyalty.Redeemed, Points: 301})
	cfg.BadRecords = inventory.Skip
	r, err = Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Membership != nil || !slices.ContainsFunc(r.NotesOf(SectionCustomers), func(n Note) bool { return n.Key == "loyalty" }) {
		t.Errorf("under Skip: part %v, notes %v", r.Membership, r.NotesOf(SectionCustomers))
	}
	// A point value in another currency is a configuration error.
	in, cfg = membershipInput()
	cfg.PointValue = money.MustNew("0.01", "USD")
	if _, err := Build(in, cfg); !errors.Is(err, metrics.ErrConfig) {
		t.Errorf("PointValue in USD: %v, want a *metrics.ConfigError", err)
	}
}

// TestDefaultPointValue checks the default point value, built from minor
// units, against 0.01 parsed by FromDecimal, in currencies of 0 to 4
// minor digits.
func TestDefaultPointValue(t *testing.T) {
	for _, code := range []string{"JPY", "CNY", "USD", "BHD", "CLF"} {
		c := money.MustCurrency(code)
		want, err := c.FromDecimal(decimal.New(1, -2))
		if err != nil {
			t.Fatal(err)
		}
		if got := defaultPointValue(c); !got.Equal(want) || got.String() != want.String() {
			t.Errorf("defaultPointValue(%s) = %v, want %v", code, got, want)
		}
	}
}
