package funnel

import (
	"errors"
	"fmt"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// batchError returns the *metrics.BatchError of a problem of an [Events]
// batch's columns: the error vocabulary of every package's batches.
func batchError(col string, row, more int, problem string) *metrics.BatchError {
	return &metrics.BatchError{Pkg: "funnel", Type: "Events", Column: col, Row: row, More: more, Problem: problem}
}

// Validate reports whether the columns of b fit together: what
// [Counter.AddEvents] and [CountEvents] need, and what a reader filling
// the columns directly should give. It returns nil or the joined
// *[metrics.BatchError]s (wrapping [metrics.ErrMalformed]) of every
// problem found:
//
//   - User and Name have one entry per time, and PropStart one more (an
//     empty batch may have no PropStart: the zero Events);
//   - PropStart starts at 0, never decreases, and ends at the length of
//     PropKey, which is that of PropValue;
//   - the dictionaries of the columns in use are set;
//   - every number is within its dictionary (0 to Len()−1);
//   - no event has a property key twice (see [Event]).
//
// The first three stop the checks: with columns of different lengths or
// no dictionary, the numbers cannot be read. Times are not checked: a time
// outside the years 1678 to 2262 is an error of its row when counted
// ([ErrTimeRange]), not of the batch.
//
// Validate reads each column once, and allocates only for its errors. A
// nil *Events is an error too.
func (b *Events) Validate() error {
	if b == nil {
		return batchError("", -1, 0, "a nil batch")
	}
	n := len(b.Time)
	if n == 0 {
		if len(b.User)+len(b.Name)+len(b.PropKey)+len(b.PropValue) == 0 && (len(b.PropStart) == 0 || len(b.PropStart) == 1 && b.PropStart[0] == 0) {
			return nil
		}
	}
	if len(b.User) != n || len(b.Name) != n || len(b.PropStart) != n+1 {
		return batchError("", -1, 0, fmt.Sprintf("columns disagree: %d times, %d users, %d names, %d property starts",
			n, len(b.User), len(b.Name), len(b.PropStart)))
	}
	if b.PropStart[0] != 0 || len(b.PropKey) != len(b.PropValue) || int(b.PropStart[n]) != len(b.PropKey) {
		return batchError("", -1, 0, fmt.Sprintf("property columns disagree: %d keys, %d values, %d at the first start and %d at the last",
			len(b.PropKey), len(b.PropValue), b.PropStart[0], b.PropStart[n]))
	}
	if i, more := firstDecrease(b.PropStart); i >= 0 {
		return batchError("PropStart", i, more, fmt.Sprintf("property start %d after %d", b.PropStart[i+1], b.PropStart[i]))
	}
	if b.UserIDs == nil || b.Names == nil || (len(b.PropKey) > 0 && (b.PropKeys == nil || b.PropValues == nil)) {
		return batchError("", -1, 0, "without the dictionaries of its columns")
	}
	var errs []error
	for _, c := range []struct {
		col, dict string
		nums      []int32
		d         *metrics.Dict
		prop      bool
	}{
		{"User", "UserIDs", b.User, b.UserIDs, false},
		{"Name", "Names", b.Name, b.Names, false},
		{"PropKey", "PropKeys", b.PropKey, b.PropKeys, true},
		{"PropValue", "PropValues", b.PropValue, b.PropValues, true},
	} {
		if len(c.nums) == 0 {
			continue
		}
		i, more := firstOutside(c.nums, c.d.Len())
		if i < 0 {
			continue
		}
		row := i
		if c.prop {
			row = b.propRow(i)
		}
		errs = append(errs, batchError(c.col, row, more,
			fmt.Sprintf("number %d outside %s (%d entries)", c.nums[i], c.dict, c.d.Len())))
	}
	if len(errs) == 0 { // the keys are numbers of PropKeys: compare them
		if i, more := b.firstRepeatedKey(); i >= 0 {
			errs = append(errs, batchError("PropKey", i, more, "a property key given twice"))
		}
	}
	return errors.Join(errs...)
}

// firstDecrease returns the first i with s[i+1] < s[i] and the number of
// others, or −1.
func firstDecrease(s []int32) (first, more int) {
	first = -1
	for i := 1; i < len(s); i++ {
		if s[i] < s[i-1] {
			if first < 0 {
				first = i - 1
			} else {
				more++
			}
		}
	}
	return first, more
}

// firstOutside returns the index of the first number outside 0 to n−1
// and the number of others, or −1.
func firstOutside(nums []int32, n int) (first, more int) {
	lim := uint32(min(n, 1<<31))
	if maxUint32(nums) < lim {
		return -1, 0
	}
	first = -1
	for i, v := range nums {
		if uint32(v) >= lim {
			if first < 0 {
				first = i
			} else {
				more++
			}
		}
	}
	return first, more
}

// maxUint32 returns the largest of nums as uint32s (a negative number is
// past 2^31), 0 for none: without a branch, in four independent chains.
func maxUint32(nums []int32) uint32 {
	var m0, m1, m2, m3 uint32
	i := 0
	for ; i+4 <= len(nums); i += 4 {
		q := nums[i : i+4 : i+4]
		m0, m1 = max(m0, uint32(q[0])), max(m1, uint32(q[1]))
		m2, m3 = max(m2, uint32(q[2])), max(m3, uint32(q[3]))
	}
	for _, v := range nums[i:] {
		m0 = max(m0, uint32(v))
	}
	return max(m0, m1, m2, m3)
}

// propRow returns the row whose properties include property j.
func (b *Events) propRow(j int) int {
	lo, hi := 0, len(b.Time)-1 // PropStart[lo] ≤ j < PropStart[hi+1]
	for lo < hi {
		mid := int(uint(lo+hi+1) >> 1)
		if int(b.PropStart[mid]) <= j {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// firstRepeatedKey returns the first row with a property key twice and
// the number of other such rows, or −1.
func (b *Events) firstRepeatedKey() (first, more int) {
	first = -1
	ps, pk := b.PropStart, b.PropKey
	for i := range len(ps) - 1 {
		s, e := ps[i], ps[i+1]
		var dup bool
		switch e - s {
		case 0, 1:
			continue
		case 2: // the common case: source and device, say
			dup = pk[s] == pk[s+1]
		default:
			dup = repeats(pk[s:e])
		}
		if dup {
			if first < 0 {
				first = i
			} else {
				more++
			}
		}
	}
	return first, more
}

// repeats reports whether keys holds a number twice.
func repeats(keys []int32) bool {
	for k := 1; k < len(keys); k++ {
		for _, p := range keys[:k] {
			if p == keys[k] {
				return true
			}
		}
	}
	return false
}
