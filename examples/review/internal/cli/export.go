package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/internal/sample"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// exportStore writes the store as the CSV files that -data reads. Once
// ctx is done it writes no more files and returns ctx's error; the files
// written until then stay.
func exportStore(ctx context.Context, dir string, s *sample.Store) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	files := []struct {
		name  string
		write func(*os.File) error
	}{
		{"order_lines.csv", func(f *os.File) error { return storedata.WriteOrders(f, slices.Values(s.Orders)) }},
		{"refunds.csv", func(f *os.File) error { return storedata.WriteRefunds(f, slices.Values(s.Refunds)) }},
		{"events.csv", func(f *os.File) error {
			return storedata.WriteEvents(f, slices.Values(s.Events), sample.PropOrder, funnel.PropSKU)
		}},
		{"spend.csv", func(f *os.File) error { return storedata.WriteSpend(f, slices.Values(s.Spend)) }},
		{"inventory.csv", func(f *os.File) error { return storedata.WriteSnapshots(f, slices.Values(s.Snapshots)) }},
		{"receipts.csv", func(f *os.File) error { return storedata.WriteReceipts(f, slices.Values(s.Receipts)) }},
		{"promotions.csv", func(f *os.File) error { return storedata.WritePromotions(f, slices.Values(s.Promotions)) }},
		{"targets.csv", func(f *os.File) error { return storedata.WriteTargets(f, slices.Values(s.Targets)) }},
		{"tickets.csv", func(f *os.File) error { return storedata.WriteTickets(f, slices.Values(s.Tickets)) }},
		{"products.csv", func(f *os.File) error { return storedata.WriteProducts(f, slices.Values(demoItems(s))) }},
		{"customers.csv", func(f *os.File) error { return storedata.WriteCustomers(f, slices.Values(s.Profiles)) }},
		{"competitor_prices.csv", func(f *os.File) error {
			return storedata.WriteCompetitorPrices(f, slices.Values(s.CompetitorPrices))
		}},
		{"members.csv", func(f *os.File) error { return storedata.WriteMembers(f, slices.Values(s.Members)) }},
		{"points.csv", func(f *os.File) error { return storedata.WritePoints(f, slices.Values(s.Points)) }},
		{"campaigns.csv", func(f *os.File) error { return storedata.WriteCampaigns(f, slices.Values(s.Campaigns)) }},
		{"campaign_targets.csv", func(f *os.File) error { return storedata.WriteCampaignTargets(f, slices.Values(s.CampaignTargets)) }},
		{"coupon_redemptions.csv", func(f *os.File) error { return storedata.WriteRedemptions(f, slices.Values(s.Redemptions)) }},
	}
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(dir, file.name))
		if err != nil {
			return err
		}
		err = file.write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file.name, err)
		}
	}
	return nil
}
