package metrics_test

import (
	"fmt"
	"log"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
	"github.com/shopmetrics/shopmetrics/metrics/money"
)

// exampleBatch returns exampleStore's orders as a batch.
func exampleBatch() *metrics.Orders {
	orders, _ := exampleStore()
	var b metrics.Orders
	for _, o := range orders {
		if err := b.Append(o); err != nil {
			log.Fatal(err)
		}
	}
	return &b
}

// The totals of a batch of orders: gross, discounts, COGS and what
// follows from them, per currency. The cancelled order is not counted:
// gross = 88 + 166 + 88 + 78 + 176 + 78 (the TEA, MUG+TEA, TEA, MUG,
// 2×TEA and MUG orders), COGS = 40 + 64 + 40 + 24 + 80 + 24, and the
// margin is 392 / 664.
func ExampleTotals_AddOrders() {
	var t metrics.Totals // all time
	if err := t.AddOrders(exampleBatch()); err != nil {
		log.Fatal(err)
	}
	for _, x := range t.Result() {
		fmt.Println(x.Currency, "orders", x.Orders)
		fmt.Println("gross", x.GrossSales.Amount(), "discounts", x.Discounts.Amount(), "net", x.NetSales.Amount())
		fmt.Println("COGS", x.COGS.Amount(), "gross profit", x.GrossProfit.Amount(), "margin", x.GrossMargin)
	}
	// Output:
	// CNY orders 6
	// gross 674.00 discounts 10.00 net 664.00
	// COGS 272.00 gross profit 392.00 margin 0.5904
}

// Totals of two shards merge into the totals of both; an empty Totals
// gives zero amounts and an undefined margin.
func ExampleTotals_Merge() {
	cny := money.MustCurrency("CNY")
	orders, _ := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	a, b := metrics.Totals{Period: nov}, metrics.Totals{Period: nov}
	for i, o := range orders {
		shard := &a
		if i%2 == 1 {
			shard = &b
		}
		if err := shard.Add(o); err != nil {
			log.Fatal(err)
		}
	}
	if err := a.Merge(&b); err != nil {
		log.Fatal(err)
	}
	x := a.For(cny)
	fmt.Println("November:", x.Orders, "orders, net", x.NetSales.Amount(), "margin", x.GrossMargin)
	empty := metrics.Totals{Period: nov}
	fmt.Println("nothing:", empty.For(cny).NetSales.Amount(), "margin", empty.For(cny).GrossMargin)
	// Output:
	// November: 5 orders, net 576.00 margin 0.5972
	// nothing: 0.00 margin n/a
}

// A batch of orders summarised on its columns gives what Summarize gives
// for the same orders.
func ExampleSummarizeOrders() {
	_, refunds := exampleStore()
	nov := metrics.MonthOf(2025, time.November, time.UTC)
	sums, err := metrics.SummarizeOrders(nov, exampleBatch(), func(yield func(metrics.Refund) bool) {
		for _, r := range refunds {
			if !yield(r) {
				return
			}
		}
	}, metrics.Options{})
	if err != nil {
		log.Fatal(err)
	}
	s := sums[0]
	fmt.Println(s.Currency, "net sales", s.NetSales.Amount(), "returns", s.Returns.Amount())
	fmt.Println("buyers", s.Buyers, "new", s.NewBuyers, "returning", s.ReturningBuyers)
	// Output:
	// CNY net sales 537.00 returns 39.00
	// buyers 3 new 2 returning 1
}

// Batches that share their dictionaries, as the batches of one reader do,
// are added one after another; the Summarizer looks each customer up once.
func ExampleSummarizer_AddOrders() {
	orders, _ := exampleStore()
	first := &metrics.Orders{}
	second := &metrics.Orders{CustomerIDs: new(metrics.Dict), Channels: new(metrics.Dict), SKUs: new(metrics.Dict),
		Categories: new(metrics.Dict)}
	first.CustomerIDs, first.Channels, first.SKUs, first.Categories = second.CustomerIDs, second.Channels, second.SKUs, second.Categories
	for i, o := range orders {
		b := first
		if i >= 4 {
			b = second
		}
		if err := b.Append(o); err != nil {
			log.Fatal(err)
		}
	}
	s := metrics.Summarizer{Period: metrics.MonthOf(2025, time.November, time.UTC)}
	for _, b := range []*metrics.Orders{first, second} {
		if err := s.AddOrders(b); err != nil {
			log.Fatal(err)
		}
	}
	nov := s.Result()[0]
	fmt.Println("orders", nov.Orders, "guests", nov.GuestOrders, "buyers", nov.Buyers, "repeat", nov.RepeatBuyers)
	for _, g := range nov.ByChannel {
		fmt.Println(g.Key, g.Orders, g.NetSales.Amount(), "new buyers", g.NewBuyers)
	}
	// Output:
	// orders 5 guests 1 buyers 3 repeat 1
	// ads 3 342.00 new buyers 2
	// search 2 234.00 new buyers 0
}
