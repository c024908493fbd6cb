package sample

import (
	"time"
	_ "time/tzdata" // the demo store lives in Asia/Shanghai on every machine

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Config sets the size and the seed of a demo store. The zero Config is
// the default demo: the two calendar years 2024 and 2025 in
// Asia/Shanghai, 5,000 customers, 120 SKUs, seed 1.
type Config struct {
	// Seed seeds every random draw. The same Seed and sizes give
	// byte-identical data. Defaults to 1 (a zero Seed means 1).
	Seed uint64
	// Start is the first day of the store's period; its time of day is
	// ignored. Defaults to 2024-01-01 in Location.
	Start time.Time
	// Days is the length of the period in calendar days. Defaults to 731
	// (zero or negative): 2024, a leap year, and 2025, so that a review
	// of 2025 has last year's data to compare with (同比).
	Days int
	// Location is the store's time zone. Defaults to the location of
	// Start when Start is set, else Asia/Shanghai.
	Location *time.Location
	// Customers is the number of customers acquired over the period; each
	// places at least one order. About 2.5 orders and 85 events follow per
	// customer in a year (over two years, about 2.9 orders per customer).
	// Defaults to 5,000 (zero or negative), about 2,500 a year.
	Customers int
	// SKUs is the size of the catalogue. Defaults to 120 (zero or
	// negative); values below 24 are raised to 24.
	SKUs int
	// CRM adds the two CRM campaigns (精准营销) of Truth.Campaigns and the
	// extra orders of their targets, which change the orders, stock and
	// events of the last December from its 15th. Defaults to false: the
	// store without campaigns.
	CRM bool
}

// Default sizes.
const (
	DefaultSeed      = 1
	DefaultDays      = 731
	DefaultCustomers = 5000
	DefaultSKUs      = 120
	minSKUs          = 24
)

// withDefaults returns c with every zero field set to its default.
func (c Config) withDefaults() Config {
	if c.Seed == 0 {
		c.Seed = DefaultSeed
	}
	if c.Location == nil {
		if !c.Start.IsZero() {
			c.Location = c.Start.Location()
		} else {
			loc, err := time.LoadLocation("Asia/Shanghai")
			if err != nil { // cannot happen with time/tzdata linked in
				loc = time.FixedZone("CST", 8*3600)
			}
			c.Location = loc
		}
	}
	if c.Start.IsZero() {
		c.Start = metrics.DayOf(2024, time.January, 1, c.Location).Start
	}
	y, m, d := c.Start.In(c.Location).Date()
	c.Start = metrics.DayOf(y, m, d, c.Location).Start
	if c.Days <= 0 {
		c.Days = DefaultDays
	}
	if c.Customers <= 0 {
		c.Customers = DefaultCustomers
	}
	if c.SKUs <= 0 {
		c.SKUs = DefaultSKUs
	}
	if c.SKUs < minSKUs {
		c.SKUs = minSKUs
	}
	return c
}
