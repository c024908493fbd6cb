// Package wire holds what the versioned binary encodings of the
// accumulators (their MarshalBinary and UnmarshalBinary) have in common: a
// [Decoder] that reads bytes, varints, counts, lengths and strings from an
// encoding that may be truncated or corrupt, keeping the first problem
// instead of panicking, and [AppendString], its counterpart for strings.
//
// Each package keeps its own format, version byte and error: a Decoder is
// given the function that turns a problem ("truncated", "trailing bytes")
// into the package's error, which wraps the package's ErrCorrupt.
//
// Exact numbers of minor units (an int64 and, beside it, an exact
// decimal for what it cannot hold: money.Total's form) have one
// canonical binary form, [AppendExact] and [Decoder.Exact], shared by
// package money's Sum and internal/moneywire's totals.
package wire
