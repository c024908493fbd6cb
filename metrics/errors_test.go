package metrics

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorVocabulary(t *testing.T) {
	c := fmt.Errorf("wrapped: %w", &ConfigError{Pkg: "funnel", Field: "Config.Window", Problem: "must be positive, got -1h0m0s"})
	if !errors.Is(c, ErrConfig) || errors.Is(c, ErrIncompatible) {
		t.Errorf("ConfigError: Is(ErrConfig) = %v, Is(ErrIncompatible) = %v", errors.Is(c, ErrConfig), errors.Is(c, ErrIncompatible))
	}
	if got, want := errors.Unwrap(c).Error(), "funnel: invalid configuration: Config.Window: must be positive, got -1h0m0s"; got != want {
		t.Errorf("ConfigError = %q, want %q", got, want)
	}
	m := &MergeError{Pkg: "cohort", Type: "Ledger", Problem: "Location Asia/Shanghai and UTC"}
	if !errors.Is(m, ErrIncompatible) || errors.Is(m, ErrConfig) {
		t.Errorf("MergeError: Is(ErrIncompatible) = %v, Is(ErrConfig) = %v", errors.Is(m, ErrIncompatible), errors.Is(m, ErrConfig))
	}
	if got, want := m.Error(), "cohort: cannot merge Ledger: Location Asia/Shanghai and UTC"; got != want {
		t.Errorf("MergeError = %q, want %q", got, want)
	}
}
