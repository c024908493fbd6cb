// Package completejourney reads dunnhumby / 84.51° "The Complete
// Journey" (as published in the completejourney R package by Brad
// Boehmke and Steven M. Mortimer, CC0) into the shopmetrics model:
// transactions become orders, one per basket; campaigns and their
// coupons become promotions.
//
// # The data
//
// A year of grocery purchases by 2,469 households at a US retailer
// (1,469,307 transaction lines; the package also ships a random sample
// of 75,000), with the marketing campaigns the households received,
// coupons, redemptions, in-store promotions, demographics and products.
// The package relabelled the source's days as 2017-01-01 … 2017-12-31 and
// derived the seconds of each time; its discounts are positive amounts
// to subtract. Files, as CSV (the tests use slices, see
// testdata/CREDIT.md):
//
//	transactions.csv          household_id, store_id, basket_id, product_id, quantity,
//	                          sales_value, retail_disc, coupon_disc, coupon_match_disc,
//	                          week, transaction_timestamp
//	campaign_descriptions.csv campaign_id, campaign_type, start_date, end_date
//	coupons.csv               coupon_upc, product_id, campaign_id
//	campaigns.csv             campaign_id, household_id (the households sent each campaign)
//	coupon_redemptions.csv    household_id, coupon_upc, campaign_id, redemption_date
//	demographics.csv          household_id, age, income, home_ownership, marital_status,
//	                          household_size, household_comp, kids_count
//	products.csv              product_id, manufacturer_id, department, brand,
//	                          product_category, product_type, package_size
//
// # Mapping
//
// [ReadTransactions] groups lines into orders by basket: net sales are
// Σ sales_value, the retailer's discounts (loyalty card, coupon match)
// are line discounts, a line's gross is split over its units in whole
// cents without losing one; see its documentation for every rule.
// [ReadCoupons] and [ReadCampaigns] make one coupon promotion per
// campaign, scoped to the products of its coupons, whose costs are not
// known (promo.Promotion.CostUnknown): its cost and ROI are n/a, never
// those of a promotion that cost nothing. [ReadDemographics]
// gives each household's attributes (the age band and the other columns
// as labels) for the review's customer profile. The data has no costs,
// shipping, tax or refunds: gross margin and return figures of a review
// made from it are not meaningful. Because the package's sample draws
// lines at random, its baskets and households are incomplete: use it
// for line-level sums, not for per-basket or per-customer figures.
// quantity is not always a unit count (fuel is sold by the gallon as
// thousands of units).
//
// [ReadProducts] reads products.csv as the catalogue: each product's
// department is its category, for the review's category penetration.
//
// [ReadCRMCampaigns], [ReadTargets] and [ReadRedemptions] read the
// campaigns again as CRM campaigns (精准营销), with the households each
// was sent to and the coupons redeemed, for the review's campaign part:
// the data has no holdout, so the targeted households are compared with
// those not sent the campaign (observational), and no campaign costs, so
// each campaign's cost is not known and its cost, gain and ROI are n/a.
//
// Not mapped: promotions.csv (the weekly display and mailer placements
// of products).
//
// # Errors
//
// Readers yield iter.Seq2 values and use the vocabulary of storedata: a bad row is a
// *storedata.ParseError with its file, line and column (wrapping
// [ErrNoQuantity], [ErrAmount], [ErrBasket], [ErrNoCoupons],
// storedata.ErrDuplicateID, storedata.ErrText or a csv error), reported
// and skipped in lenient mode, the end of reading with
// storedata.Options.Strict; a file without a needed column is one
// *storedata.FileError. Nothing is dropped silently. [Source] assembles a
// report.Input from a directory of the files.
package completejourney
