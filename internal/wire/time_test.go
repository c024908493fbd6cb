package wire

import (
	"encoding/binary"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// marshalled is what the packages' encoders wrote before AppendTime: the
// length-prefixed MarshalBinary of t, else of t.UTC().
func marshalled(t *testing.T, at time.Time) []byte {
	tb, err := at.MarshalBinary()
	if err != nil {
		if tb, err = at.UTC().MarshalBinary(); err != nil {
			t.Fatalf("MarshalBinary of %v in UTC: %v", at, err)
		}
	}
	return append(binary.AppendUvarint(nil, uint64(len(tb))), tb...)
}

// TestAppendTimeBytes checks that AppendTime writes the bytes of
// MarshalBinary for any instant and zone offset, the offsets that
// MarshalBinary refuses included, and that the UTC path alone writes the
// bytes of t.UTC().MarshalBinary().
func TestAppendTimeBytes(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		sec := rapid.OneOf(rapid.Int64Range(-1<<40, 1<<40), rapid.Int64(),
			rapid.SampledFrom([]int64{0, -1, math.MinInt64, math.MaxInt64, -unixToInternal, math.MaxInt64 - unixToInternal})).Draw(rt, "sec")
		nsec := rapid.Int64Range(0, 999_999_999).Draw(rt, "nsec")
		off := rapid.OneOf(rapid.IntRange(-200, 200), rapid.IntRange(-1<<22, 1<<22),
			rapid.SampledFrom([]int{-119, -60, -59, 32767 * 60, 32768 * 60, -32768 * 60, -32769 * 60})).Draw(rt, "offset")
		at := time.Unix(sec, nsec).In(time.FixedZone("z", off))
		if got, want := AppendTime([]byte{9}, at), append([]byte{9}, marshalled(t, at)...); !cmp.Equal(got, want) {
			rt.Fatalf("AppendTime(%v) = %x, want %x", at, got, want)
		}
		utc, err := at.UTC().MarshalBinary()
		if err != nil {
			rt.Fatalf("MarshalBinary of %v in UTC: %v", at, err)
		}
		if got, want := appendUTC(nil, at), append([]byte{15}, utc...); !cmp.Equal(got, want) {
			rt.Fatalf("appendUTC(%v) = %x, want %x", at, got, want)
		}
	})
}

// TestAppendTimeRefusedOffset checks an offset that MarshalBinary
// refuses: the instant is kept, in UTC.
func TestAppendTimeRefusedOffset(t *testing.T) {
	at := time.Date(2025, 12, 12, 10, 30, 0, 5, time.FixedZone("odd", -90))
	if _, err := at.MarshalBinary(); err == nil {
		t.Fatal("MarshalBinary accepts an offset of −90 s: the test needs another")
	}
	b := AppendTime(nil, at)
	d := NewDecoder(b, corrupt)
	n := d.Length()
	var got time.Time
	if err := got.UnmarshalBinary(d.Bytes(n)); err != nil || d.Err() != nil {
		t.Fatalf("decoding %x: %v, %v", b, err, d.Err())
	}
	if !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("decoded %v, want %v in UTC", got, at)
	}
}
