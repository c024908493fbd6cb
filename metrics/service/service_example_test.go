package service_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// SLA attainment and CSAT for a month of tickets, measured in the
// service team's opening hours.
func ExampleDesk() {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		log.Fatal(err)
	}
	hours, err := service.NewBusinessHours(shanghai, 9*time.Hour, 21*time.Hour,
		time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday)
	if err != nil {
		log.Fatal(err)
	}
	svc := service.Desk{Config: service.Config{SLA: time.Hour, Hours: hours}}
	at := func(day, h, m int) time.Time { return time.Date(2025, 11, day, h, m, 0, 0, shanghai) }
	for _, t := range []service.Ticket{
		{ID: "T1", Channel: "chat", OpenedAt: at(3, 10, 0), FirstResponseAt: at(3, 10, 5), ResolvedAt: at(3, 11, 0), Score: 5},
		{ID: "T2", Channel: "chat", OpenedAt: at(3, 20, 50), FirstResponseAt: at(4, 9, 10), ResolvedAt: at(4, 12, 0), Score: 4},
		{ID: "T3", Channel: "email", OpenedAt: at(5, 14, 0), FirstResponseAt: at(5, 17, 0), Score: 2},
		{ID: "T4", Channel: "phone", OpenedAt: at(6, 9, 30), FirstResponseAt: at(6, 9, 31), ResolvedAt: at(6, 9, 45)},
	} {
		if err := svc.Add(t); err != nil {
			log.Fatal(err)
		}
	}
	// Waits in opening hours: 5m, 20m (20:50 to 21:00, then 09:00 to 09:10),
	// 3h and 1m.
	s := svc.Summary(120) // 120 orders in November
	fmt.Println("first response: median", s.FirstResponseMedian, "p90", s.FirstResponseP90)
	fmt.Println("within 1h:", s.WithinSLA.Percent(0), "resolved:", s.ResolutionRate.Percent(0))
	fmt.Printf("CSAT %s from %d responses, contacts per 100 orders %.1f\n", s.CSAT.Percent(0), s.Responses, must(s.ContactsPer100Orders.Value()))
	// Output:
	// first response: median 12m30s p90 2h12m0s
	// within 1h: 75% resolved: 75%
	// CSAT 67% from 3 responses, contacts per 100 orders 3.3
}

func must(v float64, ok bool) float64 {
	if !ok {
		log.Fatal("undefined")
	}
	return v
}

// Free-text return reasons normalised and counted by category.
func ExampleReturns() {
	cny := func(s string) money.Money { return money.MustNew(s, "CNY") }
	var r service.Returns
	if err := r.AddOrder(metrics.Order{ID: "o1", Lines: []metrics.Line{
		{SKU: "DRESS-01", Category: "apparel", Quantity: 40, UnitPrice: cny("299")},
		{SKU: "MUG-07", Category: "home", Quantity: 60, UnitPrice: cny("39")},
	}}); err != nil {
		log.Fatal(err)
	}
	if err := r.AddRefund(metrics.Refund{ID: "r1", Amount: cny("1495"), Reason: "尺码偏小", Lines: []metrics.ReturnedLine{{SKU: "DRESS-01", Quantity: 5}}}); err != nil {
		log.Fatal(err)
	}
	if err := r.AddRefund(metrics.Refund{ID: "r2", Amount: cny("78"), Reason: "arrived damaged", Lines: []metrics.ReturnedLine{{SKU: "MUG-07", Quantity: 2}}}); err != nil {
		log.Fatal(err)
	}
	s := r.Summary(money.MustCurrency("CNY"))
	for _, c := range s.ByCategory {
		fmt.Printf("%-8s %d/%d units returned (%s), %s of value\n", c.Name, c.Returned, c.Sold, c.UnitRate.Percent(1), c.ValueRate.Percent(1))
	}
	for _, reason := range s.ByReason {
		if reason.Units > 0 {
			fmt.Println(reason.Reason, reason.Share.Percent(0))
		}
	}
	// Output:
	// apparel  5/40 units returned (12.5%), 12.5% of value
	// home     2/60 units returned (3.3%), 3.3% of value
	// size_fit 71%
	// damaged 29%
}
