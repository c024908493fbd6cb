package postgres

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/metrics/market"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/profile"
	"github.com/shopmetrics/shopmetrics/promo/campaign"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// crmInput is a small store with every optional kind of the CRM and
// market parts, and the cases the demo lacks: labels (with characters
// that JSON escapes), a member who left, a negative adjustment, entries
// of one customer at one time (kept in load order), a campaign without a
// name or cost, a control group, a redemption without its order, a
// competitor's promotion, and records given out of their keys' order.
func crmInput(loc *time.Location) report.Input {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 0, 0, 0, 0, loc) }
	at := func(d, h int) time.Time { return time.Date(2025, 12, d, h, 30, 15, 123000, loc) }
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	return report.Input{
		Customers: []profile.Customer{
			{ID: "c2", Gender: "F", City: "杭州", Region: "浙江", CityTier: "new 1"},
			{ID: "c1", Age: 34, AgeBand: "25-34", Labels: map[string]string{"income": "50-74K", "labels": "x", "<tag>": "a&b \"q\" \u2028 \t", "渠道": "小红书"}},
			{ID: "c3"},
		},
		Members: []loyalty.Member{
			{CustomerID: "c2", Level: "gold", Joined: day(3, 1), Left: day(11, 30)},
			{CustomerID: "c1", Joined: day(1, 5)},
		},
		Points: []loyalty.Entry{
			{CustomerID: "c2", At: at(2, 10), Kind: loyalty.Issued, Points: 500, OrderID: "o1"},
			{CustomerID: "c1", At: at(1, 9), Kind: loyalty.Issued, Points: 100, Reason: "birthday bonus"},
			{CustomerID: "c2", At: at(2, 10), Kind: loyalty.Redeemed, Points: 300, OrderID: "o1"},
			{CustomerID: "c2", At: at(3, 8), Kind: loyalty.Adjusted, Points: -50, Reason: "correction"},
			{CustomerID: "c1", At: at(4, 8), Kind: loyalty.Expired, Points: 100},
		},
		Campaigns: []campaign.Campaign{
			{ID: "crm-b", Name: "VIP专享券", Window: metrics.Period{Start: day(12, 1), End: day(12, 15)}, Cost: cny("5000.00")},
			{ID: "crm-a", Window: metrics.Period{Start: day(12, 10), End: day(12, 11)}, Cost: cny("0")},
		},
		CampaignTargets: []campaign.Target{
			{Campaign: "crm-b", Customer: "c2", Group: campaign.Control},
			{Campaign: "crm-b", Customer: "c1"},
			{Campaign: "crm-a", Customer: "c1"},
		},
		Redemptions: []campaign.Redemption{
			{Campaign: "crm-b", Customer: "c1", Day: day(12, 3), Order: "o9", Discount: cny("20.00")},
			{Campaign: "crm-b", Customer: "c1", Day: day(12, 2), Discount: cny("20.00")},
			{Campaign: "crm-b", Customer: "c1", Day: day(12, 3), Order: "o9", Discount: cny("20.5")},
		},
		CompetitorPrices: []market.Price{
			{SKU: "B", Competitor: "JD", Day: day(12, 2), Price: cny("99.00"), Promotion: true},
			{SKU: "A", Competitor: "Tmall", Day: day(12, 2), Price: cny("0.01")},
			{SKU: "A", Competitor: "JD", Day: day(12, 2), Price: cny("59.90")},
			{SKU: "A", Competitor: "JD", Day: day(12, 1), Price: money.MustNew("8.25", "USD")},
		},
	}
}

// The optional kinds load and read back equal, by their readers and by
// Read, in the readers' documented orders: points and redemptions in the
// order loaded, campaigns by window, the others by key.
func TestCRMRoundTrip(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	loc := time.FixedZone("CST", 8*3600)
	in := crmInput(loc)
	opts := tablesIn(t, db)
	if err := Load(ctx, db, in, opts); err != nil {
		t.Fatal(err)
	}
	opts.Location, opts.Strict = loc, true
	want := report.Input{
		Customers:        sorted(in.Customers, func(a, b profile.Customer) int { return strings.Compare(a.ID, b.ID) }),
		Members:          sorted(in.Members, func(a, b loyalty.Member) int { return strings.Compare(a.CustomerID, b.CustomerID) }),
		Points:           in.Points,
		Campaigns:        []campaign.Campaign{in.Campaigns[0], in.Campaigns[1]}, // by start day
		CampaignTargets:  []campaign.Target{in.CampaignTargets[2], in.CampaignTargets[1], in.CampaignTargets[0]},
		Redemptions:      in.Redemptions,
		CompetitorPrices: []market.Price{in.CompetitorPrices[3], in.CompetitorPrices[2], in.CompetitorPrices[1], in.CompetitorPrices[0]},
	}
	got := report.Input{
		Customers:        all(t, ReadCustomers(ctx, db, opts)),
		Members:          all(t, ReadMembers(ctx, db, opts)),
		Points:           all(t, ReadPoints(ctx, db, opts)),
		Campaigns:        all(t, ReadCampaigns(ctx, db, opts)),
		CampaignTargets:  all(t, ReadCampaignTargets(ctx, db, opts)),
		Redemptions:      all(t, ReadRedemptions(ctx, db, opts)),
		CompetitorPrices: all(t, ReadCompetitorPrices(ctx, db, opts)),
	}
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("Load then the readers (-want +got):\n%s", d)
	}
	src, err := Read(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	got = src.Input
	got.Orders, got.Events, got.Snapshots = nil, nil, nil
	if d := gocmp.Diff(want, got); d != "" {
		t.Errorf("Load then Read (-want +got):\n%s", d)
	}
	// A day column reads as the day's midnight in the store's zone.
	if m := got.Members[1]; m.Left.Location() != loc || !m.Left.Equal(time.Date(2025, 11, 30, 0, 0, 0, 0, loc)) {
		t.Errorf("left = %v, want 2025-11-30 in %v", m.Left, loc)
	}
}

// Load refuses the optional kinds' records that the readers would reject
// or read back differently, naming the record, and writes nothing.
func TestLoadRejectsCRM(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	loc := time.FixedZone("CST", 8*3600)
	with := func(f func(in *report.Input)) report.Input {
		in := crmInput(loc)
		f(&in)
		return in
	}
	for _, c := range []struct {
		name, reason string
		in           report.Input
		want         string
	}{
		{"age", "age is 1 to profile.MaxAge", with(func(in *report.Input) { in.Customers[1].Age = 121 }), `customer "c1": profile`},
		{"label named like a column", "city is a column of its own",
			with(func(in *report.Input) { in.Customers[1].Labels["city"] = "x" }), `customer "c1"`},
		{"label named like an ID", "customer_id is a column of its own",
			with(func(in *report.Input) { in.Customers[1].Labels["customer_id"] = "x" }), `key "customer_id" is not a label name`},
		{"empty label", "an empty label reads back as no label",
			with(func(in *report.Input) { in.Customers[1].Labels["income"] = "" }), `the label "income" is empty`},
		{"label with a control character", "readers reject it",
			with(func(in *report.Input) { in.Customers[1].Labels["income"] = "\x1b" }), "control character"},
		{"customer twice", "the primary key refuses it",
			with(func(in *report.Input) { in.Customers = append(in.Customers, in.Customers[0]) }), "duplicate key"},
		{"member joined mid-day", "the table holds days",
			with(func(in *report.Input) { in.Members[1].Joined = in.Members[1].Joined.Add(time.Hour) }), `member "c1": joined`},
		{"member left before joining", "left is after joined",
			with(func(in *report.Input) { in.Members[0].Left = in.Members[0].Joined }), "is not after joined"},
		{"zero points", "issued points are positive",
			with(func(in *report.Input) { in.Points[0].Points = 0 }), "issued 0 points"},
		{"repeated entry", "it reads back as a duplicate row",
			with(func(in *report.Input) { in.Points = append(in.Points, in.Points[4]) }), "repeats the entry before it"},
		{"campaign of part days", "the window is whole days",
			with(func(in *report.Input) { in.Campaigns[0].Window.End = in.Campaigns[0].Window.End.Add(time.Hour) }), "is not whole days"},
		{"negative cost", "cost is not negative",
			with(func(in *report.Input) { in.Campaigns[0].Cost = money.MustNew("-1", "CNY") }), "negative cost"},
		{"campaign without currency", "the cost's currency is the campaign's",
			with(func(in *report.Input) { in.Campaigns[0].Cost = money.Money{} }), "no currency"},
		{"undefined group", "target or control",
			with(func(in *report.Input) { in.CampaignTargets[0].Group = 7 }), "undefined group"},
		{"target twice", "the primary key refuses it",
			with(func(in *report.Input) { in.CampaignTargets = append(in.CampaignTargets, in.CampaignTargets[0]) }), "duplicate key"},
		{"repeated redemption", "it reads back as a duplicate row",
			with(func(in *report.Input) { in.Redemptions = append(in.Redemptions, in.Redemptions[2]) }), "repeats the redemption before it"},
		{"negative discount", "a discount is not negative",
			with(func(in *report.Input) { in.Redemptions[0].Discount = money.MustNew("-1", "CNY") }), "negative discount"},
		{"price not positive", "a shelf price is positive",
			with(func(in *report.Input) { in.CompetitorPrices[0].Price = money.MustNew("0", "CNY") }), "is not positive"},
		{"price twice", "one row per SKU, competitor and day",
			with(func(in *report.Input) { in.CompetitorPrices = append(in.CompetitorPrices, in.CompetitorPrices[0]) }), "duplicate key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := tablesIn(t, db)
			err := Load(ctx, db, c.in, opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Load = %v, want an error with %q (%s)", err, c.want, c.reason)
			}
			for _, table := range []string{"customers", "members", "points", "campaigns", "campaign_targets", "coupon_redemptions", "competitor_prices"} {
				var n int
				if err := db.QueryRow("SELECT count(*) FROM " + opts.table(table)).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 0 {
					t.Errorf("%d rows in %s after a failed Load, want 0", n, table)
				}
			}
		})
	}
}

// The optional tables absent (a database made before them) or empty give
// nil kinds, as absent files do; a bad row of one is left out, reported
// and counted in Input.Rejected in lenient mode, and is Read's error in
// strict mode.
func TestReadCRMAbsentAndRejected(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	opts := tablesIn(t, db)
	in := report.Input{Orders: slices.Values([]metrics.Order{order("o1", 1, money.MustNew("59.90", "CNY"))})}
	if err := Load(ctx, db, in, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE " + opts.table("customers") + ", " + opts.table("points") + ", " + opts.table("competitor_prices")); err != nil {
		t.Fatal(err)
	}
	src, err := Read(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	got := src.Input
	if got.Customers != nil || got.Members != nil || got.Points != nil || got.Campaigns != nil || got.CampaignTargets != nil ||
		got.Redemptions != nil || got.CompetitorPrices != nil {
		t.Errorf("absent or empty tables gave non-nil kinds: %+v", got)
	}
	if _, err := db.Exec("INSERT INTO " + opts.table("members") + ` (customer_id, joined) VALUES ('c1', '2025-01-05'), ('c2', '2025-01-06');
		INSERT INTO ` + opts.table("campaigns") + ` (campaign_id, start, "end", currency) VALUES ('k1', '2025-12-01', '2025-12-07', 'XYZ')`); err != nil {
		t.Fatal(err)
	}
	src, err = Read(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Input.Members) != 2 || src.Input.Campaigns != nil {
		t.Errorf("members %v, campaigns %v: want two members and no campaign", src.Input.Members, src.Input.Campaigns)
	}
	var rs []report.Rejected
	for _, r := range src.Input.Rejected {
		rs = append(rs, report.Rejected{File: r.File, Rows: r.Rows})
	}
	if want := []report.Rejected{{File: "campaigns", Rows: 1}}; !gocmp.Equal(want, rs) {
		t.Errorf("Input.Rejected = %v, want %v", rs, want)
	}
	if len(src.Errs()) != 1 || !errors.Is(src.Errs()[0], money.ErrUnknownCurrency) {
		t.Errorf("Errs = %v, want the campaign's unknown currency", src.Errs())
	}
	var pe *storedata.ParseError
	if _, err := Read(ctx, db, Options{Schema: opts.Schema, Strict: true}); !errors.As(err, &pe) || pe.File != "campaigns" || pe.Name != "currency" {
		t.Errorf("strict Read = %v, want the campaign's currency", err)
	}
}
