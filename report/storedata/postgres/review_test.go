package postgres

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/inventory"
	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/report"
	"github.com/shopmetrics/shopmetrics/report/render"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// demoItems is the demo store's catalogue as inventory items, as the
// main job (examples/review) makes it.
func demoItems(s *sample.Store) []inventory.Item {
	items := make([]inventory.Item, len(s.Catalogue))
	for i, p := range s.Catalogue {
		items[i] = inventory.Item{SKU: p.SKU, Name: p.Name, Category: p.Category, UnitPrice: p.Price, LeadTimeDays: float64(p.LeadTime)}
	}
	return items
}

// demoInput is the demo store as a report.Input.
func demoInput(s *sample.Store) report.Input {
	return report.Input{
		Items: demoItems(s), Orders: slices.Values(s.Orders), Refunds: s.Refunds, Events: slices.Values(s.Events),
		Spend: s.Spend, Targets: s.Targets, Snapshots: slices.Values(s.Snapshots), Receipts: s.Receipts,
		Promotions: s.Promotions, Tickets: s.Tickets,
		// The optional kinds of the CRM and market parts (empty unless the
		// demo was generated with them).
		Customers: s.Profiles, CompetitorPrices: s.CompetitorPrices, Members: s.Members, Points: s.Points,
		Campaigns: s.Campaigns, CampaignTargets: s.CampaignTargets, Redemptions: s.Redemptions,
	}
}

// csvInput exports the demo store with the storedata writers, as the main
// job's -export does, and reads it back with the storedata readers, as
// its -data does.
func csvInput(t *testing.T, s *sample.Store) report.Input {
	t.Helper()
	dir := t.TempDir()
	write := func(name string, w func(*os.File) error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := w(f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	write("order_lines.csv", func(f *os.File) error { return storedata.WriteOrders(f, slices.Values(s.Orders)) })
	write("refunds.csv", func(f *os.File) error { return storedata.WriteRefunds(f, slices.Values(s.Refunds)) })
	write("events.csv", func(f *os.File) error {
		return storedata.WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
	})
	write("spend.csv", func(f *os.File) error { return storedata.WriteSpend(f, slices.Values(s.Spend)) })
	write("inventory.csv", func(f *os.File) error { return storedata.WriteSnapshots(f, slices.Values(s.Snapshots)) })
	write("receipts.csv", func(f *os.File) error { return storedata.WriteReceipts(f, slices.Values(s.Receipts)) })
	write("promotions.csv", func(f *os.File) error { return storedata.WritePromotions(f, slices.Values(s.Promotions)) })
	write("targets.csv", func(f *os.File) error { return storedata.WriteTargets(f, slices.Values(s.Targets)) })
	write("tickets.csv", func(f *os.File) error { return storedata.WriteTickets(f, slices.Values(s.Tickets)) })
	write("products.csv", func(f *os.File) error { return storedata.WriteProducts(f, slices.Values(demoItems(s))) })
	write("customers.csv", func(f *os.File) error { return storedata.WriteCustomers(f, slices.Values(s.Profiles)) })
	write("competitor_prices.csv", func(f *os.File) error {
		return storedata.WriteCompetitorPrices(f, slices.Values(s.CompetitorPrices))
	})
	write("members.csv", func(f *os.File) error { return storedata.WriteMembers(f, slices.Values(s.Members)) })
	write("points.csv", func(f *os.File) error { return storedata.WritePoints(f, slices.Values(s.Points)) })
	write("campaigns.csv", func(f *os.File) error { return storedata.WriteCampaigns(f, slices.Values(s.Campaigns)) })
	write("campaign_targets.csv", func(f *os.File) error {
		return storedata.WriteCampaignTargets(f, slices.Values(s.CampaignTargets))
	})
	write("coupon_redemptions.csv", func(f *os.File) error { return storedata.WriteRedemptions(f, slices.Values(s.Redemptions)) })

	opts := storedata.Options{Location: s.Config.Location, Strict: true}
	var in report.Input
	in.Orders = slices.Values(readCSV(t, dir, "order_lines.csv", opts, storedata.ReadOrders))
	in.Refunds = readCSV(t, dir, "refunds.csv", opts, storedata.ReadRefunds)
	events := readCSV(t, dir, "events.csv", opts, storedata.ReadEvents)
	if !slices.IsSortedFunc(events, func(a, b funnel.Event) int { return a.Time.Compare(b.Time) }) {
		t.Fatal("the demo's events.csv is not in time order")
	}
	in.Events = slices.Values(events)
	in.Spend = readCSV(t, dir, "spend.csv", opts, storedata.ReadSpend)
	in.Snapshots = slices.Values(readCSV(t, dir, "inventory.csv", opts, storedata.ReadSnapshots))
	in.Receipts = readCSV(t, dir, "receipts.csv", opts, storedata.ReadReceipts)
	in.Promotions = readCSV(t, dir, "promotions.csv", opts, storedata.ReadPromotions)
	in.Targets = readCSV(t, dir, "targets.csv", opts, storedata.ReadTargets)
	in.Tickets = readCSV(t, dir, "tickets.csv", opts, storedata.ReadTickets)
	in.Items = readCSV(t, dir, "products.csv", opts, storedata.ReadProducts)
	in.Customers = readCSV(t, dir, "customers.csv", opts, storedata.ReadCustomers)
	in.CompetitorPrices = readCSV(t, dir, "competitor_prices.csv", opts, storedata.ReadCompetitorPrices)
	in.Members = readCSV(t, dir, "members.csv", opts, storedata.ReadMembers)
	in.Points = readCSV(t, dir, "points.csv", opts, storedata.ReadPoints)
	in.Campaigns = readCSV(t, dir, "campaigns.csv", opts, storedata.ReadCampaigns)
	in.CampaignTargets = readCSV(t, dir, "campaign_targets.csv", opts, storedata.ReadCampaignTargets)
	in.Redemptions = readCSV(t, dir, "coupon_redemptions.csv", opts, storedata.ReadRedemptions)
	return in
}

func readCSV[T any](t *testing.T, dir, name string, opts storedata.Options, read func(r io.Reader, o storedata.Options) iter.Seq2[T, error]) []T {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts.File = name
	vals, errs := storedata.Collect(read(f, opts))
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return vals
}

// renderJSON builds the review of the demo's last month from in and
// renders it as JSON.
func renderJSON(t *testing.T, s *sample.Store, in report.Input) []byte {
	t.Helper()
	in.Store = "Demo store 演示店铺"
	last := metrics.PeriodOf(s.Period.End.Add(-time.Nanosecond), metrics.Month)
	cfg := report.Config{Period: last, Sessions: funnel.SessionRule{Key: funnel.PropSession}, BadRecords: inventory.Skip}
	r, err := report.Build(in, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (render.JSON{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The acceptance test of issue 18: the demo store loaded into PostgreSQL
// and read back gives the same review, byte for byte as JSON, as the
// demo exported to the CSV files and read back. The demo has the CRM
// campaigns and the other optional kinds (issue 25), so that the
// profile, membership, campaigns and market parts are compared too.
func TestReviewFromDatabaseEqualsCSV(t *testing.T) {
	db := testDB(t)
	ctx := context.Background()
	s := sample.Generate(sample.Config{CRM: true})
	opts := tablesIn(t, db)
	if err := Load(ctx, db, demoInput(s), opts); err != nil {
		t.Fatal(err)
	}
	opts.Location, opts.Strict = s.Config.Location, true
	src, err := Read(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	fromDB := renderJSON(t, s, src.Input)
	if err := src.Err(); err != nil {
		t.Fatal(err)
	}
	if len(src.Errs()) > 0 {
		t.Fatalf("bad rows in the demo: %v", src.Errs())
	}
	fromCSV := renderJSON(t, s, csvInput(t, s))
	if !bytes.Equal(fromDB, fromCSV) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "db.json"), fromDB, 0o644)
		os.WriteFile(filepath.Join(dir, "csv.json"), fromCSV, 0o644)
		t.Fatalf("the review from PostgreSQL differs from the review from the CSV files: diff %s/db.json %s/csv.json", dir, dir)
	}
	if len(fromDB) < 10000 {
		t.Errorf("the review is %d bytes: too small to be the demo's", len(fromDB))
	}
	// The main job's way (-db): the events in batches, with the
	// properties of the review's periods only, give the same review.
	in := src.Input
	in.Events, in.EventBatchesWithin = nil, src.EventBatchesWithin
	if within := renderJSON(t, s, in); !bytes.Equal(within, fromDB) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "within.json"), within, 0o644)
		os.WriteFile(filepath.Join(dir, "db.json"), fromDB, 0o644)
		t.Fatalf("the review from EventBatchesWithin differs from the one from Input.Events: diff %s/db.json %s/within.json", dir, dir)
	}
	// The optional parts the new tables feed are in the review.
	var review struct {
		Sections struct {
			Profile, Membership, Campaigns, Market json.RawMessage
		}
	}
	if err := json.Unmarshal(fromDB, &review); err != nil {
		t.Fatal(err)
	}
	parts := review.Sections
	for name, p := range map[string]json.RawMessage{"Profile": parts.Profile, "Membership": parts.Membership, "Campaigns": parts.Campaigns, "Market": parts.Market} {
		if len(p) == 0 || string(p) == "null" {
			t.Errorf("the review from PostgreSQL has no %s part", name)
		}
	}
}
