package wiretest

import (
	"encoding/binary"
	"errors"
	"testing"
)

var errCorrupt = errors.New("counter: corrupt binary data")

// counter is the smallest accumulator with an encoding: a version byte
// and a count, in its shortest form.
type counter struct{ n uint64 }

func (c *counter) MarshalBinary() ([]byte, error) { return binary.AppendUvarint([]byte{1}, c.n), nil }

func (c *counter) UnmarshalBinary(data []byte) error {
	switch {
	case len(data) == 0:
		return errCorrupt
	case data[0] != 1:
		return errors.Join(errCorrupt, errors.New("unknown version"))
	}
	v, k := binary.Uvarint(data[1:])
	if k <= 0 || k != len(data)-1 || k > 1 && data[k] == 0 {
		return errCorrupt
	}
	c.n = v
	return nil
}

// TestCheck runs Check and Fuzz on counter, which does all they ask.
func TestCheck(t *testing.T) {
	Check(t, Case{Name: "counter", Data: Encode(t, &counter{300}), New: func() Codec { return &counter{7} }, Corrupt: errCorrupt, MinRefused: 0.3})
	c := &counter{7}
	if Fuzz(t, c, []byte{1, 0x80}, errCorrupt) || c.n != 7 {
		t.Errorf("Fuzz decoded a truncated count, or changed the receiver to %d", c.n)
	}
	if !Fuzz(t, c, []byte{1, 5}, errCorrupt) || c.n != 5 {
		t.Errorf("Fuzz did not decode a valid encoding (%d)", c.n)
	}
}
