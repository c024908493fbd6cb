package service_test

import (
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics/service"
)

// The worked example of Benjamini and Hochberg (1995): of 15 tests, nine
// have p ≤ 0.05, but at a false-discovery rate of 5 % only the four
// smallest p-values stand.
func ExampleBenjaminiHochberg() {
	p := []float64{0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000}
	alone, together := 0, 0
	for i, rejected := range service.BenjaminiHochberg(p, 0.05) {
		if p[i] <= 0.05 {
			alone++
		}
		if rejected {
			together++
		}
	}
	fmt.Println("significant alone:", alone)
	fmt.Println("at FDR 5 %:", together)
	// Output:
	// significant alone: 9
	// at FDR 5 %: 4
}
