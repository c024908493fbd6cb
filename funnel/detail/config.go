package detail

import (
	"errors"
	"time"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// Config names the events of the detail-page funnel and sets its window.
// The zero Config is the default: the event names of the demo store and of
// the REES46 and Taobao adapters, and a 7-day window.
type Config struct {
	// View is the name of the event of a detail-page view. Defaults to
	// "page_view".
	View string
	// Cart is the name of the add-to-cart event. Defaults to
	// "add_to_cart".
	Cart string
	// Purchase is the name of the purchase event. Defaults to "purchase".
	Purchase string
	// Window is how long after a view of the page its add-to-cart and its
	// purchase still count for it; the bound is inclusive. Defaults to 7
	// days (168 hours).
	Window time.Duration
}

// DefaultWindow is the window of a zero Config.
const DefaultWindow = 7 * 24 * time.Hour

func (c Config) withDefaults() Config {
	if c.View == "" {
		c.View = "page_view"
	}
	if c.Cart == "" {
		c.Cart = "add_to_cart"
	}
	if c.Purchase == "" {
		c.Purchase = "purchase"
	}
	if c.Window == 0 {
		c.Window = DefaultWindow
	}
	return c
}

// Validate reports every problem of c as joined *metrics.ConfigError
// values: a negative window, or two steps with one event name.
func (c Config) Validate() error {
	d := c.withDefaults()
	var errs []error
	if d.Window < 0 {
		errs = append(errs, configError("Config.Window", "is negative"))
	}
	if d.View == d.Cart || d.View == d.Purchase {
		errs = append(errs, configError("Config.View", "names the same event as another step: "+d.View))
	}
	if d.Cart == d.Purchase {
		errs = append(errs, configError("Config.Cart", "names the same event as Purchase: "+d.Cart))
	}
	return errors.Join(errs...)
}

func configError(field, problem string) error {
	return &metrics.ConfigError{Pkg: "detail", Field: field, Problem: problem}
}

func mergeError(problem string) error {
	return &metrics.MergeError{Pkg: "detail", Type: "Counter", Problem: problem}
}
