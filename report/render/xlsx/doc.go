// Package xlsx writes a store operations review ([report.Review]) as an
// Excel workbook, for a manager who works the numbers further in a
// spreadsheet. It is a package of its own so that users of report/render
// who do not want Excel do not build its dependency, excelize.
//
// # The workbook
//
// [Workbook] writes one sheet per section of the review, named as the
// section is in the chosen language ("1. Overview", "一、总体概览"), and a
// last sheet of findings. Each sheet holds the section's tables one under
// the other, each with a bold title row and a header row; the first
// table's header is frozen so that it stays in view while scrolling. A
// left-out section's sheet holds the one-line note of what it lacked.
//
// # Numbers are numbers
//
// Every number is a number cell with a number format, never text:
//
//   - an amount is the amount rounded half-even to its currency's minor
//     unit, with a format that shows the currency's symbol and minor digits
//     ("CN¥"#,##0.00). The file holds the amount's exact decimal digits;
//     Excel reads them as a double and shows and computes with 15
//     significant digits, which hold any amount below 10^13 yuan (10^15
//     minor units) exactly. A larger amount also gets a cell comment with
//     its exact decimal, so no cent is lost;
//   - a rate or share is a fraction with a percentage format (0.0%), and a
//     rate's change is a number of percentage points (+0.0" pp");
//   - a relative change is a fraction with a signed percentage format;
//   - a count is an integer (#,##0), a multiple a number (0.00"×"), days a
//     number (0.0), a duration a fraction of a day ([h]:mm:ss) and a date a
//     date (yyyy-mm-dd);
//   - an undefined value is the text "n/a" or "—", never a zero.
//
// Texts are the same display names as the other renderers use
// ([render.Label]); finding messages are written out with
// [render.Formatter.Message].
package xlsx
