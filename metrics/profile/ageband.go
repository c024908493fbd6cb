package profile

import (
	"slices"
	"strconv"
)

// DefaultAgeBounds are the lower bounds of the age bands after the first
// of [AgeBands]' default: <18, 18-24, 25-34, 35-44, 45-54, 55+.
var DefaultAgeBounds = []int{18, 25, 35, 45, 55}

// AgeBands turns ages into age bands. The zero AgeBands uses
// [DefaultAgeBounds].
type AgeBands struct {
	// Bounds are the first ages of the bands after the first, strictly
	// increasing and positive: with bounds b1 < … < bn the bands are
	// "<b1", "b1-(b2−1)", …, "bn+". Defaults to DefaultAgeBounds.
	Bounds []int
}

func (a AgeBands) bounds() []int {
	if len(a.Bounds) == 0 {
		return DefaultAgeBounds
	}
	return a.Bounds
}

// Valid reports whether the bounds are strictly increasing and positive.
func (a AgeBands) Valid() bool {
	b := a.bounds()
	return b[0] > 0 && slices.IsSorted(b) && len(slices.Compact(slices.Clone(b))) == len(b)
}

// Band returns the band of age, such as "25-34"; "" for age 0 (unknown).
func (a AgeBands) Band(age int) string {
	if age <= 0 {
		return ""
	}
	b := a.bounds()
	if age < b[0] {
		return "<" + strconv.Itoa(b[0])
	}
	for i := 1; i < len(b); i++ {
		if age < b[i] {
			return strconv.Itoa(b[i-1]) + "-" + strconv.Itoa(b[i]-1)
		}
	}
	return strconv.Itoa(b[len(b)-1]) + "+"
}

// Names returns the names of the bands, youngest first.
func (a AgeBands) Names() []string {
	b := a.bounds()
	out := []string{a.Band(b[0] - 1)}
	if b[0] == 1 {
		out = out[:0]
	}
	for _, x := range b {
		out = append(out, a.Band(x))
	}
	return out
}
