package metrics

// Strings is a column of strings that are mostly distinct, such as order
// IDs, held as one run of bytes and their ends rather than a string per
// row, so that a million IDs are two allocations the collector need not
// scan. The zero Strings is empty and ready to use.
type Strings struct {
	data []byte
	end  []int // row i is data[end[i-1]:end[i]]
}

// Len returns the number of rows.
func (s *Strings) Len() int { return len(s.end) }

// Append adds a row.
func (s *Strings) Append(v string) {
	s.data = append(s.data, v...)
	s.end = append(s.end, len(s.data))
}

// AppendBytes adds a row holding a copy of b.
func (s *Strings) AppendBytes(b []byte) {
	s.data = append(s.data, b...)
	s.end = append(s.end, len(s.data))
}

// Bytes returns row i's bytes, valid until the next Append.
func (s *Strings) Bytes(i int) []byte {
	start := 0
	if i > 0 {
		start = s.end[i-1]
	}
	return s.data[start:s.end[i]:s.end[i]]
}

// At returns row i as a new string.
func (s *Strings) At(i int) string { return string(s.Bytes(i)) }

// Reset empties the column, keeping its memory.
func (s *Strings) Reset() { s.data, s.end = s.data[:0], s.end[:0] }
