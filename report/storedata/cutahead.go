package storedata

// cutAhead holds the lines ahead in a records' buffer cut into their
// cells, for a fast path (see [records.nextCut]): each line is cut by
// [cutLine] in one pass that finds its end, its commas and the kinds of
// byte it has, and the lines are cut up to cutLines at a time, so that a
// reader can look at the lines to come before it reads them (the order
// reader loads the buckets of its set of IDs for the order IDs to come, so that their
// cache misses overlap).
type cutAhead struct {
	width int // cells per line; 0: no cutting
	n, i  int // lines cut, and the next to take
	seq   int // batches cut: a new batch, a new seq
	lines [cutLines]lineCut
	ends  []int32 // the cells' ends of each line, width per line
}

// lineCut is a line of a cutAhead.
type lineCut struct {
	start, next int32 // in the buffer: the line's start, and the next line's
	// hiFrom and hiTo bound the bytes above 0x7f, from the line's start
	// (see [cutLine]).
	hiFrom, hiTo int32
	ok           bool // the line has width cells and no quote or control character
	cr           bool // the line ends with \r\n
	// key is the key of the line's order ID in the set of IDs seen, when
	// keyed (the order reader's).
	keyed bool
	key   [2]uint64
}

const cutLines = 64

// setWidth starts cutting lines of width cells, at least 1.
func (c *cutAhead) setWidth(width int) {
	if width < 1 {
		panic("storedata: lines cut into fewer than one cell")
	}
	c.width = width
	c.ends = make([]int32, cutLines*width)
	c.n, c.i = 0, 0
}

// moved forgets the lines cut: the buffer's bytes moved.
func (c *cutAhead) moved() { c.n, c.i = 0, 0 }

// cutFrom cuts the whole lines of buf from start, up to cutLines of them.
func (c *cutAhead) cutFrom(buf []byte, start int) {
	w := c.width
	j := 0
	for p := start; j < cutLines && p < len(buf); j++ {
		nl, hiFrom, hiTo, ok := cutLine(buf[p:], c.ends[j*w:(j+1)*w:(j+1)*w])
		if nl < 0 {
			break
		}
		c.lines[j] = lineCut{start: int32(p), next: int32(p + nl + 1), hiFrom: int32(hiFrom), hiTo: int32(hiTo), ok: ok,
			cr: nl > 0 && buf[p+nl-1] == '\r'}
		p += nl + 1
	}
	c.n, c.i = j, 0
	c.seq++
}

// nextCut is nextLine for a fast path that reads lines of cut.width
// cells: it returns the line's cut as well, with its cells' ends (cut.ok
// says whether the fast path may read it: a line without its newline, the
// last of a file, may not). cut is nil when nextLine returns an error, or
// when cut.width is 0.
func (r *records) nextCut() (line []byte, cut *lineCut, ends []int32, err error) {
	c := &r.cut
	if c.width == 0 {
		line, err = r.nextLine()
		return line, nil, nil, err
	}
	for {
		if c.i >= c.n || int(c.lines[c.i].start) != r.at {
			c.cutFrom(r.in[:r.end], r.at)
		}
		if c.n == 0 {
			// No whole line ahead in the buffer: the line as nextLine
			// reads it, cut on its own.
			line, err = r.nextLine()
			if err != nil || c.width == 0 {
				return line, nil, nil, err
			}
			// nextLine made a \r\n its \n: a \r still before it is the
			// last cell's (the line ended in \r\r\n), which cutLine
			// would take for a line end.
			ends = c.ends[:c.width]
			nl, hiFrom, hiTo, ok := cutLine(line, ends)
			ok = ok && nl == len(line)-1 && (nl == 0 || line[nl-1] != '\r')
			c.lines[0] = lineCut{start: -1, hiFrom: int32(hiFrom), hiTo: int32(hiTo), ok: ok}
			return line, &c.lines[0], ends, nil
		}
		cut = &c.lines[c.i]
		c.i++
		line = r.in[cut.start:cut.next]
		r.at = int(cut.next)
		r.lines++
		if cut.cr {
			line[len(line)-2] = '\n'
			line = line[:len(line)-1]
		}
		if len(line) == 1 {
			continue // an empty line
		}
		r.start = r.lines
		return line, cut, c.ends[(c.i-1)*c.width : c.i*c.width], nil
	}
}
