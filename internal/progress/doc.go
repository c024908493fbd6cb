// Package progress paces the long loops of shopmetrics (reading a file,
// a review's pass over its orders and events): a [Meter] counts the units
// done, checks for cancellation and reports progress, each at a bounded
// rate, so that a loop of tens of millions of cheap steps pays a counter
// increment per step and a clock read per few hundred.
package progress
