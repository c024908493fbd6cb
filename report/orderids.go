package report

import (
	"math"

	"github.com/shopmetrics/shopmetrics/metrics"
)

// orderIDs is the set of the IDs of the orders kept under BadRecords
// Skip, which tells a duplicate order ID.
//
// Stores export their orders by ID, most often, so that each ID is
// greater than the last: while they come so, an ID is new if greater
// than the last, a duplicate if equal, and is only appended to bytes, a
// string compare and a copy of its bytes (a Dict's insertion costs a
// miss in its table and one in its blocks, 0.6 µs an order on 1.1M
// orders). The first ID out of that order moves the IDs to a Dict, which
// takes every ID from then on.
type orderIDs struct {
	bytes []byte   // the IDs, while ascending, back to back
	ends  []uint32 // where each ID of bytes ends
	last  string   // the last ID of bytes
	dict  *metrics.Dict
	grow  int // the number of orders, if known, for the Dict
}

// add adds id and reports whether it was in the set already.
func (s *orderIDs) add(id string) (dup bool) {
	if s.dict == nil {
		if s.ends == nil {
			s.presize(len(id))
		}
		if len(s.ends) == 0 || id > s.last {
			if len(s.bytes)+len(id) <= math.MaxUint32 {
				s.bytes = append(s.bytes, id...)
				s.ends = append(s.ends, uint32(len(s.bytes)))
				s.last = id
				return false
			}
		} else if id == s.last {
			return true
		}
		s.toDict()
	}
	n := s.dict.Len()
	return s.dict.Index(id) < int32(n)
}

// presize gives bytes and ends room for grow IDs of n bytes, when grow
// is known and not past maxPresize: grown by append instead, they were
// copied again and again (on 1.1M orders, 0.2 s of the pass).
func (s *orderIDs) presize(n int) {
	if s.grow <= 0 || s.grow > maxPresize {
		return
	}
	s.ends = make([]uint32, 0, s.grow)
	s.bytes = make([]byte, 0, min(s.grow*n, math.MaxUint32))
}

// maxPresize bounds the orders for which orderIDs makes room at once: a
// count of orders given wrong by far costs no memory beyond it.
const maxPresize = 1 << 25

// toDict moves the IDs of bytes to the Dict.
func (s *orderIDs) toDict() {
	s.dict = new(metrics.Dict)
	s.dict.Grow(max(s.grow, len(s.ends)))
	start := uint32(0)
	for _, end := range s.ends {
		s.dict.IndexBytes(s.bytes[start:end])
		start = end
	}
	s.bytes, s.ends, s.last = nil, nil, ""
}
