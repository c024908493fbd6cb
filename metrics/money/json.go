package money

import (
	"bytes"
	"encoding/json"
	"errors"
)

type moneyJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON encodes m as {"amount":"12.30","currency":"CNY"}, the amount
// a string so that no decoder turns it into a float.
func (m Money) MarshalJSON() ([]byte, error) {
	return json.Marshal(moneyJSON{Amount: m.Amount(), Currency: m.c().Code()})
}

// UnmarshalJSON decodes the form written by [Money.MarshalJSON]. The amount
// is parsed with the rules of [New]; an empty currency is accepted only for
// a zero amount (the zero Money). A JSON null leaves m unchanged.
func (m *Money) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil // the encoding/json convention: null leaves m unchanged
	}
	var v moneyJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	if v.Currency == "" {
		z, err := Currency{}.Parse(v.Amount)
		if err != nil {
			return err
		}
		if !z.IsZero() {
			return errors.New("money: amount " + v.Amount + " has no currency")
		}
		*m = Money{}
		return nil
	}
	r, err := New(v.Amount, v.Currency)
	if err != nil {
		return err
	}
	*m = r
	return nil
}
