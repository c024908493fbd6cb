// Package money is shopmetrics' exact money layer: amounts of one ISO 4217
// currency, never a float.
//
// # Amounts
//
// [Money] is an exact decimal amount of one currency. Construct it from a
// decimal string ([New], [Currency.Parse]), from minor units
// ([NewFromMinor], [Currency.FromMinor]) or from a decimal.Decimal
// ([NewFromDecimal]); never from a float. Operations across currencies
// return a *[MismatchError] wrapping [ErrCurrencyMismatch]; the zero Money
// (no currency, no amount) goes with any currency. Only this package reads
// Money's representation.
//
// # Rounding and allocation
//
// Rounding is explicit: [Money.Round] and [Money.RoundTo] take a
// [RoundingMode] ([RoundHalfEven], the banker's rounding, is the zero
// value). [Money.Allocate] divides an amount by weights and [Money.Split]
// into equal parts; the parts add up to the amount to the last minor unit
// (the largest-remainder method).
//
// # Totals
//
// [Total] is the one exact running total of one currency, in minor units:
// an int64 on the fast path and an exact decimal beyond it. [Sum] keeps a
// Total per currency, so amounts of any currencies can be added without
// ever being mixed. Both are zero-value ready and merge exactly across
// shards ([Total.AddTotal], [Sum.Merge]). A Sum travels between processes
// as bytes ([Sum.MarshalBinary], a versioned, canonical and exact
// encoding); [Sum.UnmarshalBinary] refuses anything else with an error
// wrapping [ErrCorrupt].
//
// # Text and JSON
//
// [Formatter] formats amounts for a locale ("¥119.80", "CN¥4,667.90",
// "US$12.30") with [golang.org/x/text]'s CLDR data. Money encodes to JSON as
// {"amount":"12.30","currency":"CNY"}, the amount a string so that no
// decoder turns it into a float; [Currency] encodes as its code.
//
// # Errors
//
// [ErrUnknownCurrency] (a *[CurrencyError]), [ErrCurrencyMismatch] (a
// *[MismatchError]), [ErrSyntax] and [ErrRange] (a *[NumError]),
// [ErrZeroWeights] and [ErrNegativeWeight]; [ErrCorrupt] for bytes that
// are not a Sum's encoding. Every currency problem in
// shopmetrics wraps [ErrCurrencyMismatch] or [ErrUnknownCurrency], so
// errors.Is finds it whichever package reports it.
//
// All functions are panic-free on data; MustNew, MustCurrency and
// MustFormatter panic on bad input and are meant for constants.
package money
