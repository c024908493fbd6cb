package render

import (
	"errors"
	"fmt"
	"strings"
)

// Language is the language a review is rendered in. Each language has its
// locale: English uses en-US's number and currency formats ("CN¥1,234.50",
// "n/a" for an undefined value), Chinese zh-CN's ("¥1,234.50", "—").
type Language uint8

const (
	English Language = iota // en
	Chinese                 // zh-CN, simplified Chinese
)

// String returns the BCP 47 tag: "en" or "zh-CN".
func (l Language) String() string {
	if l == Chinese {
		return "zh-CN"
	}
	return "en"
}

// MarshalText implements encoding.TextMarshaler with [Language.String].
func (l Language) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseLanguage].
func (l *Language) UnmarshalText(b []byte) error {
	v, err := ParseLanguage(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ErrUnknownName is the category of the errors of [ParseLanguage] and
// [ForFormat] for a name they do not know.
var ErrUnknownName = errors.New("render: unknown name")

// ParseLanguage parses "en" (or "en-US", "en-GB") and "zh" (or "zh-CN",
// "zh-Hans"), case-insensitively. It returns an error wrapping
// [ErrUnknownName] and naming the input for any other tag.
func ParseLanguage(s string) (Language, error) {
	t := strings.ToLower(s)
	switch {
	case t == "en" || strings.HasPrefix(t, "en-"):
		return English, nil
	case t == "zh" || t == "zh-cn" || t == "zh-hans" || t == "zh-hans-cn":
		return Chinese, nil
	}
	return English, fmt.Errorf("render: unknown language %q (want en or zh): %w", s, ErrUnknownName)
}
