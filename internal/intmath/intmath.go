// Package intmath holds the int64 helpers of the exact accumulators:
// addition, subtraction and multiplication that report overflow, and
// division rounded half to even.
package intmath

import "math/bits"

// Add64 returns a+b and whether it did not overflow.
func Add64(a, b int64) (int64, bool) {
	r := a + b
	return r, (r^a)&(r^b) >= 0
}

// Sub64 returns a−b and whether it did not overflow.
func Sub64(a, b int64) (int64, bool) {
	r := a - b
	return r, (a^b)&(a^r) >= 0
}

// DivRound returns a/b rounded half to even, for b > 0.
func DivRound(a, b int64) int64 {
	q, r := a/b, a%b
	if r == 0 {
		return q
	}
	ar := r
	if ar < 0 {
		ar = -ar
	}
	// Compare 2|r| with b without overflow.
	switch {
	case ar > b-ar:
	case ar < b-ar:
		return q
	default:
		if q%2 == 0 {
			return q
		}
	}
	if a < 0 {
		return q - 1
	}
	return q + 1
}

// Mul64 returns a×b and whether it fits in an int64.
func Mul64(a, b int64) (int64, bool) {
	if a > -1<<31 && a < 1<<31 && b > -1<<31 && b < 1<<31 {
		return a * b, true
	}
	ua, ub := uint64(a), uint64(b)
	neg := false
	if a < 0 {
		ua, neg = -ua, !neg
	}
	if b < 0 {
		ub, neg = -ub, !neg
	}
	hi, lo := bits.Mul64(ua, ub)
	switch {
	case hi != 0 || lo > 1<<63:
		return 0, false
	case neg:
		return int64(-lo), true // −2^63 too
	case lo == 1<<63:
		return 0, false
	}
	return int64(lo), true
}
