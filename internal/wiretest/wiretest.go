// Package wiretest checks, in tests, what every binary encoding of the
// module's accumulators must do with data that is not an encoding: every
// truncation, every single-byte change and every unknown version byte is
// refused with the package's error and leaves the receiver unchanged, or,
// for a change, makes another valid encoding that re-encodes to the same
// bytes (the encodings carry no checksum, and are canonical both ways).
//
// It is imported by _test files only.
package wiretest

import (
	"bytes"
	"encoding"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Codec is an accumulator with a binary encoding.
type Codec interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
}

// Encode returns x's encoding, failing t on an error.
func Encode(t testing.TB, x Codec) []byte {
	t.Helper()
	b, err := x.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Case is one encoding to check.
type Case struct {
	// Name names the case in failures.
	Name string
	// Data is a real encoding, its version byte first.
	Data []byte
	// New returns a receiver to decode into: it may hold state, which a
	// refused decoding must keep.
	New func() Codec
	// Corrupt is the sentinel every refusal wraps.
	Corrupt error
	// Other lists further sentinels a changed byte may be refused with,
	// such as metrics.ErrIncompatible for a changed setup.
	Other []error
	// MinRefused is the least share of the single-byte changes (each byte
	// XOR 0x01, 0x80 and 0xff) that must be refused.
	MinRefused float64
	// Older lists the version bytes of earlier encodings that the decoder
	// still reads: c.Data under one of them is read as that version, and
	// need only be refused with c.Corrupt, without naming the version, or
	// decode.
	Older []byte
}

// Check checks c: every truncation of c.Data, c.Data with a byte more
// and c.Data under every other version byte (but those of c.Older) are
// refused with an error
// wrapping c.Corrupt (the last naming the version); every single-byte
// change is refused with c.Corrupt or one of c.Other, or decodes to
// state that re-encodes to the changed bytes; a refusal leaves the
// receiver as it was.
func Check(t *testing.T, c Case) {
	t.Helper()
	keep := c.New()
	before := Encode(t, keep)
	refused := func(what string, bad []byte, wants ...error) error {
		t.Helper()
		err := keep.UnmarshalBinary(bad)
		ok := false
		for _, w := range wants {
			ok = ok || errors.Is(err, w)
		}
		if !ok {
			t.Errorf("%s, %s: error %v, want one wrapping one of %v", c.Name, what, err, wants)
		}
		if !bytes.Equal(Encode(t, keep), before) {
			t.Fatalf("%s, %s: a refused decoding changed the receiver", c.Name, what)
		}
		return err
	}
	for n := range len(c.Data) {
		refused("truncated to "+strconv.Itoa(n)+" bytes", c.Data[:n], c.Corrupt)
	}
	refused("a trailing byte", append(slices.Clone(c.Data), 0), c.Corrupt)
	for v := range 256 {
		if len(c.Data) == 0 || byte(v) == c.Data[0] {
			continue
		}
		bad := append([]byte{byte(v)}, c.Data[1:]...)
		if slices.Contains(c.Older, byte(v)) {
			if err := c.New().UnmarshalBinary(bad); err != nil && !errors.Is(err, c.Corrupt) {
				t.Errorf("%s, read as version %d: error %v, want one wrapping %v", c.Name, v, err, c.Corrupt)
			}
			continue
		}
		if err := refused("version "+strconv.Itoa(v), bad, c.Corrupt); err != nil && !strings.Contains(err.Error(), "version") {
			t.Errorf("%s, version %d: error %v does not name the version", c.Name, v, err)
		}
	}
	flips := 0
	for i := range c.Data {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			bad := slices.Clone(c.Data)
			bad[i] ^= x
			if y := c.New(); y.UnmarshalBinary(bad) == nil {
				if again := Encode(t, y); !bytes.Equal(again, bad) {
					t.Fatalf("%s: byte %d ^ %#x decoded, and re-encodes to other bytes:\n%x\n%x", c.Name, i, x, bad, again)
				}
				continue
			}
			flips++
			refused("byte "+strconv.Itoa(i)+" ^ "+strconv.Itoa(int(x)), bad, append([]error{c.Corrupt}, c.Other...)...)
		}
	}
	if float64(flips) < c.MinRefused*float64(3*len(c.Data)) {
		t.Errorf("%s: only %d of %d changed encodings refused", c.Name, flips, 3*len(c.Data))
	}
}

// Fuzz decodes data into x, as a fuzz target does: a refusal must wrap
// one of wants and leave x unchanged; what decodes must re-encode to
// data. It reports whether data decoded.
func Fuzz(t *testing.T, x Codec, data []byte, wants ...error) bool {
	t.Helper()
	before := Encode(t, x)
	if err := x.UnmarshalBinary(data); err != nil {
		ok := false
		for _, w := range wants {
			ok = ok || errors.Is(err, w)
		}
		if !ok {
			t.Fatalf("error %v wraps none of %v", err, wants)
		}
		if !bytes.Equal(Encode(t, x), before) {
			t.Fatalf("a refused decoding changed the receiver")
		}
		return false
	}
	if again := Encode(t, x); !bytes.Equal(again, data) {
		t.Fatalf("decoded, and re-encodes to other bytes:\n%x\n%x", data, again)
	}
	return true
}
