module github.com/shopmetrics/shopmetrics

go 1.24.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/shopspring/decimal v1.6.0
	golang.org/x/text v0.30.0
	pgregory.net/rapid v1.3.0
)
