package detail_test

import (
	"fmt"
	"log"

	"github.com/shopmetrics/shopmetrics/funnel"
	"github.com/shopmetrics/shopmetrics/funnel/detail"
	"github.com/shopmetrics/shopmetrics/metrics"
)

func ExampleCount() {
	events := []funnel.Event{
		ev("ann", 0, "page_view", "mug"), ev("ann", 2, "add_to_cart", "mug"), ev("ann", 9, "purchase", "mug"),
		ev("bob", 1, "page_view", "mug"), ev("bob", 3, "add_to_cart", "mug"),
		ev("cai", 5, "page_view", "mug"), ev("cai", 6, "page_view", "mug"),
	}
	r, err := detail.Count(detail.Config{}, events)
	if err != nil {
		log.Fatal(err)
	}
	p, _ := r.Product("mug")
	fmt.Printf("%d views, %d viewers, %d carters, %d buyers\n", p.Views, p.Viewers, p.Carters, p.Buyers)
	fmt.Printf("view-to-cart %s, cart-to-purchase %s, view-to-purchase %s\n",
		p.ViewToCart.Percent(1), p.CartToPurchase.Percent(1), p.ViewToPurchase.Percent(1))
	// Output:
	// 4 views, 3 viewers, 2 carters, 1 buyers
	// view-to-cart 66.7%, cart-to-purchase 50.0%, view-to-purchase 33.3%
}

func ExampleCompareRates() {
	// The old page: 120 of 1,000 viewers added to cart; the redesigned
	// page: 170 of 1,100. (python3 from the formulas of the package doc
	// gives 0.0345 (0.0050, 0.0638), z 2.2917, p 0.02192, relative 0.2879
	// (0.0362, 0.6007).)
	d := detail.CompareRates(metrics.CountRatio(120, 1000), metrics.CountRatio(170, 1100))
	rel, _ := d.Relative.Value()
	fmt.Printf("%+.1f pp (95 %% CI %+.1f to %+.1f pp), p = %.4f\n", 100*d.Delta, 100*d.Low, 100*d.High, d.P)
	fmt.Printf("converted %.0f %% better (95 %% CI %.0f %% to %.0f %%)\n", 100*rel, 100*d.RelLow, 100*d.RelHigh)
	// Output:
	// +3.5 pp (95 % CI +0.5 to +6.4 pp), p = 0.0219
	// converted 29 % better (95 % CI 4 % to 60 %)
}

// A caller that numbers its users anyway counts detail pages by those
// numbers: no user ID is hashed, and the events may leave UserID empty,
// since only an error names the user.
func ExampleCounter_AddNumbered() {
	users := map[string]int32{"ann": 0, "bob": 1}
	events := []funnel.Event{
		ev("ann", 0, "page_view", "mug"), ev("ann", 2, "add_to_cart", "mug"),
		ev("bob", 1, "page_view", "mug"),
	}
	var c detail.Counter
	for _, e := range events {
		n := users[e.UserID]
		e.UserID = ""
		if err := c.AddNumbered(n, &e); err != nil {
			log.Fatal(err)
		}
	}
	p, _ := c.Result().Product("mug")
	fmt.Printf("%d viewers, %d carters, view-to-cart %s\n", p.Viewers, p.Carters, p.ViewToCart.Percent(1))
	// Output:
	// 2 viewers, 1 carters, view-to-cart 50.0%
}
