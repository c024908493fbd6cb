package storedata

import (
	"strings"
	"testing"
)

// TestBadPeriodMessage: a bad promotion window or target period printed
// "<nil>" in place of the problem (issue 16 item 13): the parser's error
// wraps nothing, and errors.Unwrap of it is nil.
func TestBadPeriodMessage(t *testing.T) {
	for _, c := range []struct {
		name, in string
		read     func(string) []error
	}{
		{"promotions", "promotion_id,window,mechanism,currency,percent\np1,2025-13,percent,CNY,10\n", func(s string) []error {
			_, errs := Collect(ReadPromotions(strings.NewReader(s), Options{File: "promotions.csv"}))
			return errs
		}},
		{"targets", "metric,period,currency,amount\nnet_sales,2025-13,CNY,100\n", func(s string) []error {
			_, errs := Collect(ReadTargets(strings.NewReader(s), Options{File: "targets.csv"}))
			return errs
		}},
	} {
		errs := c.read(c.in)
		if len(errs) == 0 {
			t.Fatalf("%s: no error for the period 2025-13", c.name)
		}
		for _, err := range errs {
			if msg := err.Error(); strings.Contains(msg, "<nil>") || !strings.Contains(msg, "2025-13") {
				t.Errorf("%s: %q; want the bad period named and no <nil>", c.name, msg)
			}
		}
	}
}
