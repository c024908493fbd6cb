package inventory

import (
	"errors"
	"strconv"
)

func f3(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }
