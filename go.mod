module github.com/shopmetrics/shopmetrics

go 1.24.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/jackc/pgx/v5 v5.8.0
	github.com/shopspring/decimal v1.6.0
	golang.org/x/text v0.30.0
	gonum.org/v1/gonum v0.17.0
	pgregory.net/rapid v1.3.0
)

require (
	github.com/jackc/pgpassfile v1.0.0 // indirect
	github.com/jackc/pgservicefile v0.0.0-20240606120523-5a60cdf6a761 // indirect
	github.com/jackc/puddle/v2 v2.2.2 // indirect
	golang.org/x/sync v0.17.0 // indirect
	golang.org/x/tools v0.37.0 // indirect
)
