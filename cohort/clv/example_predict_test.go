package clv_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/cohort/clv"
)

// What the BG/NBD fitted to CDNOW (Fader, Hardie and Lee 2005) says of a
// customer with 2 repeat purchases, the last at week 30.43 of 38.86: the
// chance of 0, 1 and 2 purchases in the next year, whether they are still
// a customer then, and their discounted expected purchases at 15 % a year.
func ExampleBGNBD_ConditionalPurchaseProbability() {
	m := clv.BGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}
	c := clv.Customer{X: 2, Tx: 30.43, T: 38.86}
	for n := range 3 {
		p, err := m.ConditionalPurchaseProbability(c, n, 52)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("P(%d purchases in 52 weeks) = %.3f\n", n, p)
	}
	now, _ := m.PAlive(c)
	later, _ := m.PAliveAt(c, 52)
	fmt.Printf("P(alive) now %.3f, in a year %.3f\n", now, later)
	d, _ := m.DERT(c, 0.139762/52) // ln(1.15) a year, weekly
	fmt.Printf("DERT %.2f purchases\n", d)
	// Output:
	// P(0 purchases in 52 weeks) = 0.397
	// P(1 purchases in 52 weeks) = 0.220
	// P(2 purchases in 52 weeks) = 0.148
	// P(alive) now 0.727, in a year 0.532
	// DERT 5.17 purchases
}
