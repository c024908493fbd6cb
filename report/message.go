package report

import "github.com/shopmetrics/shopmetrics/metrics"

// Text is a piece of text in both languages of a review, such as the
// format of a finding's title.
type Text struct {
	EN string `json:"en"`
	ZH string `json:"zh"`
}

// Message is a text of a finding, such as its title, in both languages,
// with the arguments a renderer formats for its reader: Text holds one
// fmt format per language, with one %s (or %q) verb per argument, and a
// renderer fills in each [Arg] in the reader's language and locale. A
// message without arguments is plain text.
//
// Rules write messages, never formatted numbers, so that one [Review]
// renders in either language.
type Message struct {
	Text Text
	Args []Arg
}

// Say returns the message with the formats en and zh and the arguments
// args.
func Say(en, zh string, args ...Arg) Message { return Message{Text: Text{EN: en, ZH: zh}, Args: args} }

// ArgKind says how a renderer formats an [Arg].
type ArgKind uint8

const (
	ArgData   ArgKind = iota // text from data, such as a promotion's name: printed as it is
	ArgLabel                 // a display-name key, such as a KPI's: printed as its name in the reader's language
	ArgValue                 // a number: printed by its unit, "n/a" or "—" when undefined
	ArgChange                // a relative change: printed with its sign, "+12.3%"
	ArgPoints                // a change of a rate in percentage points: printed with its sign, "+0.4 pp" or "+0.4个百分点"
)

// Arg is one argument of a [Message].
type Arg struct {
	Kind   ArgKind
	Text   string        // ArgData and ArgLabel
	Value  metrics.Value // ArgValue
	Change metrics.Ratio // ArgChange and ArgPoints
}

// DataArg returns the text s from data as an argument.
func DataArg(s string) Arg { return Arg{Kind: ArgData, Text: s} }

// LabelArg returns the display name of key as an argument.
func LabelArg(key string) Arg { return Arg{Kind: ArgLabel, Text: key} }

// ValueArg returns the value v as an argument.
func ValueArg(v metrics.Value) Arg { return Arg{Kind: ArgValue, Value: v} }

// ChangeArg returns the relative change r as an argument.
func ChangeArg(r metrics.Ratio) Arg { return Arg{Kind: ArgChange, Change: r} }

// PointsArg returns the change r of a rate, in points as a fraction
// ([metrics.Points]: 0.004 for +0.4 pp), as an argument.
func PointsArg(r metrics.Ratio) Arg { return Arg{Kind: ArgPoints, Change: r} }
