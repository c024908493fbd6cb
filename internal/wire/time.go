package wire

import (
	"encoding/binary"
	"time"
)

// unixToInternal is the number of seconds from 1 January of year 1 (the
// epoch of time.Time's binary encoding) to the Unix epoch.
const unixToInternal int64 = (1969*365 + 1969/4 - 1969/100 + 1969/400) * 86400

// AppendTime appends t as [time.Time.MarshalBinary] encodes it, prefixed
// by its length as a uvarint. A time whose zone offset MarshalBinary
// cannot encode (an offset of −60 to −119 seconds, or beyond ±32767
// minutes) is encoded as the same instant in UTC, an encoding that cannot
// fail: the zone is lost, the instant is kept. It never fails.
func AppendTime(b []byte, t time.Time) []byte {
	if tb, err := t.MarshalBinary(); err == nil {
		b = binary.AppendUvarint(b, uint64(len(tb)))
		return append(b, tb...)
	}
	return appendUTC(b, t)
}

// appendUTC appends the length-prefixed encoding of t.UTC() by
// time.Time.MarshalBinary, built here so that it has no error path:
// version 1, the seconds since 1 January of year 1 (int64, big-endian),
// the nanoseconds (int32) and the offset in minutes, −1 for UTC (int16).
// The seconds wrap like time's own for instants beyond the int64 range
// of Unix seconds.
func appendUTC(b []byte, t time.Time) []byte {
	b = append(b, 15, 1) // the length, then the version
	b = binary.BigEndian.AppendUint64(b, uint64(t.Unix()+unixToInternal))
	b = binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
	return binary.BigEndian.AppendUint16(b, 0xFFFF) // −1: UTC
}
