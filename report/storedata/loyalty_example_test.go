package storedata_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/shopmetrics/shopmetrics/metrics/loyalty"
	"github.com/shopmetrics/shopmetrics/report/storedata"
)

// Read a members file and a points ledger, then check the balances with
// loyalty.Validate: the reader rejects a bad row on its own, the
// validation a redemption above the balance, naming the entry and its
// customer.
func ExampleReadPoints() {
	const members = `customer_id,level,joined,left
c1,gold,2025-03-01,
`
	const points = `customer_id,time,kind,points,order_id,reason
c1,2025-11-11T20:00:00+08:00,issued,128,1001,
c1,2025-11-12T09:00:00+08:00,redeemed,200,1002,
c1,2025-11-12T10:00:00+08:00,redeemed,lots,1003,
`
	ms, errs := storedata.Collect(storedata.ReadMembers(strings.NewReader(members), storedata.Options{File: "members.csv"}))
	if len(errs) > 0 {
		log.Fatal(errs)
	}
	es, errs := storedata.Collect(storedata.ReadPoints(strings.NewReader(points), storedata.Options{File: "points.csv"}))
	for _, err := range errs {
		fmt.Println(err)
	}
	fmt.Println(loyalty.Validate(ms, es))
	// Output:
	// storedata: points.csv:4: column 4 (points): "lots" is not an integer
	// loyalty: entry 1 of customer "c1": Points: redeemed 200 points at 2025-11-12T01:00:00Z, above the balance of 128
}
