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
// cutLine needs len(ends) ≥ 1 and len(b) < 1<<31. It is [cutLineArch]:
// on amd64 assembly, 64 bytes a step, in AVX2 where the processor has it
// (cutline_avx2_amd64.s) and in SSE2 otherwise (cutline_amd64.s);
// elsewhere, and with the purego build tag, [cutLineGeneric], eight bytes
// a step.
// (cutLine is inlined: it costs no call of its own.)
func cutLine(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool) {
	return cutLineArch(b, ends)
}

// newlines has a newline in each byte of a word.
const newlines = '\n' * lsb

// cutLineGeneric is [cutLine] in pure Go, eight bytes at a time (SWAR:
// each byte of a word compared at once). A word without a control byte, DEL or
// '"' (newline and '\r' are control bytes) takes the short way; the
// word with the newline, or a bad byte, or the end of b, the long one.
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
		low := x & low7
		bad := (^(low + 0x60*lsb | x) | (low+lsb)&^x | zeros(x^quote)) & valid & msb // below 0x20, DEL, '"'
		commas := zeros(x^comma) & valid
		high := x & valid & msb
		e := -1 // the end of the content, once found
		if bad != 0 || valid != ^uint64(0) {
			if nls := zeros(x^newlines) & valid; nls != 0 {
				k := bits.TrailingZeros64(nls)
				nl, e = i+k>>3, i+k>>3
				below := uint64(1)<<(k&^7) - 1 // the bytes before the newline
				bad, commas, high = bad&below, commas&below, high&below
				if k >= 8 && bad == 1<<(k-8) && b[nl-1] == '\r' {
					bad, e = 0, nl-1
				}
			} else if bad == 1<<63 && x>>56 == '\r' && i+8 < len(b) && b[i+8] == '\n' {
				// "\r\n" across two words.
				bad, nl, e = 0, i+8, i+7
			}
			switch {
			case bad != 0 && e >= 0:
				return nl, 0, 0, false
			case bad != 0:
				return indexNewline(b, min(i+8, len(b))), 0, 0, false
			case e < 0 && valid != ^uint64(0):
				return -1, 0, 0, false // no newline in b
			}
		}
		if high != 0 {
			if hiFrom < 0 {
				hiFrom = i + bits.TrailingZeros64(high)>>3
			}
			hiTo = i + (63-bits.LeadingZeros64(high))>>3 + 1
		}
		for ; commas != 0; commas &= commas - 1 {
			if n == last {
				return indexNewline(b, i), 0, 0, false
			}
			ends[n] = int32(i + bits.TrailingZeros64(commas)>>3)
			n++
		}
		if e >= 0 {
			if n != last {
				return nl, 0, 0, false
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
