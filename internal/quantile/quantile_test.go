package quantile

import "testing"

func TestSorted(t *testing.T) {
	// Type 7 by hand: h = p × (n − 1); interpolate between x[⌊h⌋] and x[⌊h⌋+1].
	xs := []int64{10, 20, 30, 120}
	for _, tt := range []struct {
		p    float64
		want int64
	}{
		{0, 10}, {0.5, 25}, {0.9, 93}, {1, 120}, // 0.9: h = 2.7, 30 + 0.7 × 90 = 93
	} {
		if got := Sorted(xs, tt.p); got != tt.want {
			t.Errorf("Sorted(%v, %v) = %d, want %d", xs, tt.p, got, tt.want)
		}
	}
	if got := Sorted([]int64{7}, 0.9); got != 7 {
		t.Errorf("one value: %d", got)
	}
}
