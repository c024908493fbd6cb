package storedata

import "bytes"

// TEMPORARY: replaced by the SIMD cutLine of branch h/cut.
func cutLine(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	nl = bytes.IndexByte(b, '\n')
	if nl < 0 {
		return -1, 0, 0, false
	}
	e := nl
	if e > 0 && b[e-1] == '\r' {
		e--
	}
	if e == 0 {
		if len(ends) != 1 {
			return nl, 0, 0, false
		}
		ends[0] = 0
		return nl, 0, 0, true
	}
	hiFrom, hiTo, ok = cutCells(b[:e], ends)
	return nl, hiFrom, hiTo, ok
}
