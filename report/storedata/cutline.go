package storedata

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// cutLine scans b for its first line, the bytes before its first '\n',
// in one pass: it finds the newline and cuts the line into cells at its
// commas.
//
// nl is the index of the first '\n' in b, or -1 if b has none (an empty b
// has none). nl is always right, whatever else the line holds.
//
// The line's content is b[:e], where e is nl, or nl-1 when nl > 0 and
// b[nl-1] is '\r'. ok is true if and only if nl ≥ 0 and the content has
// no double quote ('"'), no byte below 0x20, no DEL (0x7f), and exactly
// len(ends)-1 commas. (A '\r' in the content, that is not right before
// the '\n', is a control byte, so not ok.)
//
// When ok: ends[i] is the index in b of the i-th comma for
// i < len(ends)-1, and ends[len(ends)-1] is e. b[hiFrom:hiTo] is the
// shortest span that holds every byte of the content at or above 0x80:
// hiFrom is the index of the first such byte and hiTo one past the last.
// If the content has no such byte, hiFrom = e and hiTo = 0 (so
// hiFrom ≥ hiTo says none).
//
// When not ok, ends, hiFrom and hiTo are unspecified, except that cutLine
// never writes past len(ends). cutLine never reads b outside b[:len(b)],
// not even within its capacity: b may end at the end of a mapped page.
//
// cutLine needs len(ends) ≥ 1 and len(b) < 1<<31. On amd64 it is SSE2
// assembly, 64 bytes a step ([cutLineArch]); elsewhere (and with the
// purego build tag) it is [cutLineGeneric], eight bytes a step.
func cutLine(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	nl, hiFrom, hiTo, ok = cutLineArch(b, ends)
	if nl == stopped {
		// A bad line whose newline is at or after hiFrom.
		return indexNewline(b, hiFrom), 0, 0, false
	}
	return nl, hiFrom, hiTo, ok
}

// stopped is the nl of [cutLineArch] when it found the line bad before
// its newline: the newline (if any) is at or after hiFrom then.
const stopped = -2

// Masks of the bytes cutLineGeneric looks for, in each byte of a word.
const (
	newlines = '\n' * lsb
	returns  = '\r' * lsb
)

// cutLineGeneric is [cutLine] in pure Go, eight bytes at a time (SWAR,
// like [cutCells]).
func cutLineGeneric(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	n, last := 0, len(ends)-1
	hiFrom, hiTo = -1, 0
	for i := 0; i < len(b); i += 8 {
		var x, valid uint64 = 0, ^uint64(0)
		if k := len(b) - i; k >= 8 {
			x = binary.LittleEndian.Uint64(b[i:])
		} else {
			// The last bytes: never read past len(b).
			var w [8]byte
			copy(w[:], b[i:])
			x = binary.LittleEndian.Uint64(w[:])
			valid = 1<<(8*k) - 1
		}
		nls := zeros(x^newlines) & valid
		if nls != 0 {
			// Only the bytes before the newline are the line's.
			valid = 1<<(bits.TrailingZeros64(nls)&^7) - 1
		}
		low := x & low7
		bad := (^(low + 0x60*lsb | x) | (low+lsb)&^x | zeros(x^quote)) & valid & msb // below 0x20, DEL, '"'
		if crs := zeros(x^returns) & valid; crs != 0 {
			// A '\r' right before the newline ends the content; it is
			// the last byte of valid, or of the word and then the
			// newline starts the next word.
			switch top := uint64(0x80) << (bits.Len64(valid) - 8); {
			case nls != 0 && crs&top != 0:
				bad &^= top
			case nls == 0 && crs>>63 != 0 && i+8 < len(b) && b[i+8] == '\n':
				bad &^= 1 << 63
			}
		}
		if bad != 0 {
			return indexNewline(b, i), 0, 0, false
		}
		if h := x & valid & msb; h != 0 {
			if hiFrom < 0 {
				hiFrom = i + bits.TrailingZeros64(h)>>3
			}
			hiTo = i + (63-bits.LeadingZeros64(h))>>3 + 1
		}
		for m := zeros(x^comma) & valid; m != 0; m &= m - 1 {
			if n == last {
				return indexNewline(b, i), 0, 0, false
			}
			ends[n] = int32(i + bits.TrailingZeros64(m)>>3)
			n++
		}
		if nls != 0 {
			nl = i + bits.TrailingZeros64(nls)>>3
			if n != last {
				return nl, 0, 0, false
			}
			e := nl
			if e > 0 && b[e-1] == '\r' {
				e--
			}
			ends[last] = int32(e)
			if hiFrom < 0 {
				hiFrom = e
			}
			return nl, hiFrom, hiTo, true
		}
	}
	return -1, 0, 0, false
}

// indexNewline returns the index of the first '\n' of b at or after
// from, or -1 if there is none.
func indexNewline(b []byte, from int) int {
	if k := bytes.IndexByte(b[from:], '\n'); k >= 0 {
		return from + k
	}
	return -1
}
