package civil

import (
	"testing"
	"time"
)

// TestDaysIn agrees with package time on the length of every month of
// years around the leap-year rules' edges.
func TestDaysIn(t *testing.T) {
	for _, y := range []int{1900, 1999, 2000, 2023, 2024, 2100, 2400} {
		for m := time.January; m <= time.December; m++ {
			want := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
			if got := DaysIn(y, m); got != want {
				t.Errorf("DaysIn(%d, %v) = %d, want %d", y, m, got, want)
			}
		}
	}
}
