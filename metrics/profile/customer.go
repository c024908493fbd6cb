package profile

import (
	"errors"
	"maps"
	"slices"
	"strconv"
)

// The standard dimensions, in the order [Table.Dimensions] lists them;
// the labels of [Customer.Labels] follow, sorted.
const (
	DimAgeBand  = "age_band"
	DimGender   = "gender"
	DimCity     = "city"
	DimRegion   = "region"
	DimCityTier = "city_tier"
)

// Unknown is the attribute value of a buyer whose attribute is not known:
// the customer record is missing, or it has no value for the dimension.
const Unknown = "unknown"

// Other is the attribute value of the values that [Table.Rows] folds
// together past its maximum number of rows.
const Other = "other"

// standard lists the standard dimensions in order.
var standard = []string{DimAgeBand, DimGender, DimCity, DimRegion, DimCityTier}

// MaxAge is the largest age a [Customer] may have.
const MaxAge = 120

// Customer is one customer's attributes. Every attribute is optional: an
// empty string (or a zero Age) is unknown.
type Customer struct {
	ID string
	// Age in years; 0 is unknown. AgeBand, when set, takes precedence.
	Age int
	// AgeBand is an age band as the data writes it, such as "25-34";
	// empty to derive it from Age by [AgeBands].
	AgeBand  string
	Gender   string // as the data writes it, such as "F" or "female"
	City     string
	Region   string // a province or state
	CityTier string // such as "1", "new 1" or "3" (城市等级)
	// Labels are any other attributes, by name, such as
	// {"income": "50-74K"}. A label may not use a standard dimension's
	// name or have an empty name.
	Labels map[string]string
}

// ErrInvalid is the category of a customer record's problems.
var ErrInvalid = errors.New("profile: invalid customer")

// ValidationError reports one problem of one customer record.
type ValidationError struct {
	ID      string // the customer ID
	Field   string // such as "Age" or "Labels[city]"
	Problem string
}

func (e *ValidationError) Error() string {
	return "profile: customer " + strconv.Quote(e.ID) + ": " + e.Field + ": " + e.Problem
}

// Unwrap returns [ErrInvalid].
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Validate reports every problem of c, each a *[ValidationError], joined:
// an empty ID, an age out of [0, MaxAge], a label with an empty name or
// a standard dimension's name.
func (c Customer) Validate() error {
	var errs []error
	bad := func(field, problem string) {
		errs = append(errs, &ValidationError{ID: c.ID, Field: field, Problem: problem})
	}
	if c.ID == "" {
		bad("ID", "empty customer ID")
	}
	if c.Age < 0 || c.Age > MaxAge {
		bad("Age", "age "+strconv.Itoa(c.Age)+" out of range 0 to "+strconv.Itoa(MaxAge))
	}
	for _, k := range slices.Sorted(maps.Keys(c.Labels)) {
		if k == "" {
			bad("Labels", "label with an empty name")
		} else if slices.Contains(standard, k) {
			bad("Labels["+k+"]", "label named like a standard attribute")
		}
	}
	return errors.Join(errs...)
}

// Index returns the customers by ID, or every problem of cs joined: each
// customer's [Customer.Validate] problems and each repeated ID (a
// *[ValidationError] with Field "ID").
func Index(cs []Customer) (map[string]Customer, error) {
	m := make(map[string]Customer, len(cs))
	var errs []error
	for _, c := range cs {
		if err := c.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := m[c.ID]; dup {
			errs = append(errs, &ValidationError{ID: c.ID, Field: "ID", Problem: "duplicate customer ID"})
			continue
		}
		m[c.ID] = c
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// attributes calls f with each known attribute of c: its dimension and
// value, the age band by bands.
func (c Customer) attributes(bands AgeBands, f func(dim, value string)) {
	band := c.AgeBand
	if band == "" {
		band = bands.Band(c.Age)
	}
	for i, v := range [...]string{band, c.Gender, c.City, c.Region, c.CityTier} {
		if v != "" {
			f(standard[i], v)
		}
	}
	for k, v := range c.Labels {
		if v != "" {
			f(k, v)
		}
	}
}
