package fisher

import (
	"testing"

	"pgregory.net/rapid"
)

// TestPropUpper: the tail is a probability, 1 at the smallest count X
// can take, 0 above the largest, never growing with x, and the same with
// the drawn and the marked swapped (the hypergeometric law is symmetric
// in them). The values themselves are checked against exact integer
// tails in metrics/service (TestReturnPValueExact) and metrics/category.
func TestPropUpper(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		N := rapid.Int64Range(1, 5000).Draw(t, "N")
		n := rapid.Int64Range(0, N).Draw(t, "n")
		k := rapid.Int64Range(0, N).Draw(t, "k")
		lo, hi := max(0, n-(N-k)), min(n, k)
		if p := Upper(lo, n, k, N); p != 1 {
			t.Fatalf("Upper(%d, %d, %d, %d) = %v at the smallest count", lo, n, k, N, p)
		}
		if p := Upper(hi+1, n, k, N); p != 0 {
			t.Fatalf("Upper(%d, %d, %d, %d) = %v above the largest count", hi+1, n, k, N, p)
		}
		prev := 1.0
		for x := lo; x <= hi; x++ {
			p := Upper(x, n, k, N)
			if !(p >= 0 && p <= 1) || p > prev*(1+1e-12) {
				t.Fatalf("Upper(%d, %d, %d, %d) = %v after %v", x, n, k, N, p, prev)
			}
			if q := Upper(x, k, n, N); p != q && (p-q > 1e-12*p || q-p > 1e-12*p) {
				t.Fatalf("Upper(%d, %d, %d, %d) = %v, with n and k swapped %v", x, n, k, N, p, q)
			}
			prev = p
		}
	})
}
