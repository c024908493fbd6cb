package postgres_test

import (
	"fmt"
	"regexp"

	"github.com/shopmetrics/shopmetrics/report/storedata/postgres"
)

// The tables a store's data goes into: Schema is the SQL that creates
// them, for psql or db.ExecContext (or postgres.Create, which runs it in a
// schema of your choice). This example needs no server.
func ExampleSchema() {
	for _, m := range regexp.MustCompile(`(?m)^CREATE TABLE (?:IF NOT EXISTS )?(\w+)`).FindAllStringSubmatch(postgres.Schema, -1) {
		fmt.Println(m[1])
	}
	// Output:
	// orders
	// order_lines
	// refunds
	// refund_lines
	// events
	// spend
	// inventory_snapshots
	// receipts
	// products
	// promotions
	// targets
	// tickets
	// customers
	// members
	// points
	// campaigns
	// campaign_targets
	// coupon_redemptions
	// competitor_prices
}
