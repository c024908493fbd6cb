// Package fisher computes the upper tail of the hypergeometric
// distribution, the one-sided p-value of Fisher's exact test, for the
// packages that test a count against its share (metrics/category's
// associations, metrics/service's return-rate outliers).
package fisher
