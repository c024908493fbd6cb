package cohort

import "fmt"

// The must… helpers call a query whose configuration the test knows to be
// valid, and panic (failing the test) if it returns an error.

func (l *Ledger) mustRetention(cfg RetentionConfig) *Matrix {
	m, err := l.Retention(cfg)
	if err != nil {
		panic(fmt.Sprintf("Retention(%+v): %v", cfg, err))
	}
	return m
}

func (l *Ledger) mustRepurchase(cfg RepurchaseConfig) *Repurchase {
	r, err := l.Repurchase(cfg)
	if err != nil {
		panic(fmt.Sprintf("Repurchase(%+v): %v", cfg, err))
	}
	return r
}

func (l *Ledger) mustSummary(cfg SummaryConfig) *Summary {
	s, err := l.Summary(cfg)
	if err != nil {
		panic(fmt.Sprintf("Summary(%+v): %v", cfg, err))
	}
	return s
}

func (m *Matrix) mustTable(v Measure) [][]string {
	t, err := m.Table(v)
	if err != nil {
		panic(fmt.Sprintf("Table(%v): %v", v, err))
	}
	return t
}
