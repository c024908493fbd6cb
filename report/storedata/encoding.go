package storedata

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// encoding is the character encoding of a file.
type encoding int

const (
	encUTF8    encoding = iota // UTF-8, the documented encoding
	encGB18030                 // GB18030, of which GBK and GB 2312 are subsets
)

// sniffSize is how much of a file [sniff] looks at: the size of the
// reader's buffer.
const sniffSize = 64 << 10

// detectGB18030 tells a GB18030 file (what Excel on Chinese Windows saves
// as "CSV", in GBK) by its start: head is not valid UTF-8 and decodes as
// GB18030 without a replacement character. full says that head is cut
// from a longer input, so that its last line may be cut inside a
// character and is left out.
//
// A file whose first 64 KB are ASCII is read as UTF-8: a GBK byte further
// on is then an ErrText error of its row. Some text in a single-byte
// encoding (Latin-1, Windows-1252: an accented letter followed by an
// ASCII letter) is also valid GB18030 and would be read as Chinese; the
// package documentation asks for UTF-8 for that reason.
func detectGB18030(head []byte, full bool) encoding {
	if full {
		if i := bytes.LastIndexByte(head, '\n'); i >= 0 {
			head = head[:i+1]
		}
	}
	if utf8.Valid(head) {
		return encUTF8
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(head)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return encUTF8 // neither: each bad cell is an ErrText error of its row
	}
	return encGB18030
}
