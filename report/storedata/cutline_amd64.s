//go:build amd64 && !purego

#include "textflag.h"

// func cutLineSSE2(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)
//
// SSE2 only (baseline amd64). b is read 64 bytes a block, as four
// 16-byte chunks in X0-X3; the last block, shorter than 64 bytes, is
// copied into a zeroed 64-byte buffer on the stack first, so that nothing
// outside b[:len(b)] is ever read.
//
// A block without a newline, '\r', control byte, DEL or '"' (the common
// case) takes the fast path: a 64-bit mask of its commas (PMOVMSKB), whose
// bits are taken lowest first (BSF, then clear the lowest bit) into ends,
// and, if it has bytes ≥ 0x80, their first and last. Any other block (the
// line's last, or a bad one, or the short last block of b) takes the
// careful path: 64-bit masks of its newlines, its bad bytes and its high
// bytes, cut at the first newline. Once the line is known bad and its
// newline is not in the block, the rest of b is only searched for the
// newline (scan), 64 bytes a step and its last bytes one at a time.
//
// Registers (R14 and R15 are free in ABI0 code; BP is left alone):
//	SI  b's base         BX  len(b)          DI  ends' base
//	R8  len(ends)-1      R9  commas stored   R10 the block's index in b
//	R11 hiFrom (-1: none yet)                R12 hiTo
//	DX  the block's bytes (in b or the stack buffer)
//	R13 the block's commas  R14 newlines, then nl  R15 bad bytes
//	AX, CX scratch
//	X0-X3 the block     X4, X5 scratch    X6 high bytes seen    X7 bad bytes seen
//	X8 ','  X9 0x02  X10 0x20  X11 0x7f  X12 zero  X13 '\n'
//
// A byte x is bad (below 0x20, or '"') if and only if (x^0x02) -sat 0x20
// is zero (x^0x02 is in 0x00-0x1f for x below 0x20, is 0x20 for '"', and
// is above 0x20 for every other x); it is DEL if and only if x^0x7f is
// zero. The minimum of the two (PMINUB) is zero for exactly the bad bytes
// and DEL: newline and '\r' are among them.
//
// Stack frame (hardware SP): 0-63 the buffer, 64 the mask of b's bytes in
// the block (valid), 72 the block's high bytes (before the line end).
TEXT ·cutLineSSE2(SB), NOSPLIT, $80-73
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ ends_base+24(FP), DI
	MOVQ ends_len+32(FP), R8
	DECQ R8
	XORQ R9, R9
	XORQ R10, R10
	MOVQ $-1, R11
	XORQ R12, R12

	MOVQ $0x2c2c2c2c2c2c2c2c, AX
	MOVQ AX, X8
	PUNPCKLQDQ X8, X8
	MOVQ $0x0202020202020202, AX
	MOVQ AX, X9
	PUNPCKLQDQ X9, X9
	MOVQ $0x2020202020202020, AX
	MOVQ AX, X10
	PUNPCKLQDQ X10, X10
	MOVQ $0x7f7f7f7f7f7f7f7f, AX
	MOVQ AX, X11
	PUNPCKLQDQ X11, X11
	PXOR X12, X12
	MOVQ $0x0a0a0a0a0a0a0a0a, AX
	MOVQ AX, X13
	PUNPCKLQDQ X13, X13

loop:
	MOVQ BX, AX
	SUBQ R10, AX
	CMPQ AX, $64
	JB   tail
	LEAQ (SI)(R10*1), DX

block:
	MOVOU 0(DX), X0
	MOVOU 16(DX), X1
	MOVOU 32(DX), X2
	MOVOU 48(DX), X3

	// X7: zero in the bytes that are bad, DEL, newline or '\r'.
	MOVOA    X0, X7
	PXOR     X9, X7
	PSUBUSB  X10, X7
	MOVOA    X0, X5
	PXOR     X11, X5
	PMINUB   X5, X7
	MOVOA    X1, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	PMINUB   X4, X7
	MOVOA    X1, X5
	PXOR     X11, X5
	PMINUB   X5, X7
	MOVOA    X2, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	PMINUB   X4, X7
	MOVOA    X2, X5
	PXOR     X11, X5
	PMINUB   X5, X7
	MOVOA    X3, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	PMINUB   X4, X7
	MOVOA    X3, X5
	PXOR     X11, X5
	PMINUB   X5, X7

	// R13: the commas.
	MOVOA    X0, X4
	PCMPEQB  X8, X4
	PMOVMSKB X4, R13
	MOVOA    X1, X4
	PCMPEQB  X8, X4
	PMOVMSKB X4, AX
	SHLQ     $16, AX
	ORQ      AX, R13
	MOVOA    X2, X4
	PCMPEQB  X8, X4
	PMOVMSKB X4, AX
	SHLQ     $32, AX
	ORQ      AX, R13
	MOVOA    X3, X4
	PCMPEQB  X8, X4
	PMOVMSKB X4, AX
	SHLQ     $48, AX
	ORQ      AX, R13

	PCMPEQB  X12, X7
	PMOVMSKB X7, AX
	TESTL    AX, AX
	JNZ      careful

	// The fast path: a whole block inside the line, no bad byte.
	MOVOA    X0, X6
	POR      X1, X6
	POR      X2, X6
	POR      X3, X6
	PMOVMSKB X6, AX
	TESTL    AX, AX
	JNZ      high

commas:
	TESTQ R13, R13
	JZ    next

commaloop:
	CMPQ  R9, R8
	JAE   stop
	BSFQ  R13, AX
	ADDQ  R10, AX
	MOVL  AX, (DI)(R9*4)
	INCQ  R9
	LEAQ  -1(R13), AX
	ANDQ  AX, R13
	JNZ   commaloop

next:
	ADDQ $64, R10
	JMP  loop

high:
	// AX: the high bytes of the block.
	PMOVMSKB X0, AX
	PMOVMSKB X1, CX
	SHLQ     $16, CX
	ORQ      CX, AX
	PMOVMSKB X2, CX
	SHLQ     $32, CX
	ORQ      CX, AX
	PMOVMSKB X3, CX
	SHLQ     $48, CX
	ORQ      CX, AX
	BSRQ     AX, CX
	LEAQ     1(R10)(CX*1), R12
	TESTQ    R11, R11
	JNS      commas
	BSFQ     AX, CX
	LEAQ     (R10)(CX*1), R11
	JMP      commas

stop:
	// A bad line, without a newline in this (whole) block: look for the
	// newline from the next block on.
	ADDQ $64, R10

scan:
	MOVQ BX, AX
	SUBQ R10, AX
	CMPQ AX, $64
	JB   scantail
	MOVOU    0(SI)(R10*1), X0
	MOVOU    16(SI)(R10*1), X1
	MOVOU    32(SI)(R10*1), X2
	MOVOU    48(SI)(R10*1), X3
	PCMPEQB  X13, X0
	PCMPEQB  X13, X1
	PCMPEQB  X13, X2
	PCMPEQB  X13, X3
	MOVOA    X0, X4
	POR      X1, X4
	POR      X2, X4
	POR      X3, X4
	PMOVMSKB X4, AX
	TESTL    AX, AX
	JNZ      scanfound
	ADDQ     $64, R10
	JMP      scan

scanfound:
	PMOVMSKB X0, AX
	PMOVMSKB X1, CX
	SHLQ     $16, CX
	ORQ      CX, AX
	PMOVMSKB X2, CX
	SHLQ     $32, CX
	ORQ      CX, AX
	PMOVMSKB X3, CX
	SHLQ     $48, CX
	ORQ      CX, AX
	BSFQ     AX, CX
	LEAQ     (R10)(CX*1), R14
	JMP      bad

scantail:
	// Fewer than 64 bytes left: one at a time.
	CMPQ    R10, BX
	JAE     none
	MOVBLZX (SI)(R10*1), AX
	CMPL    AX, $0x0a
	JE      scantailfound
	INCQ    R10
	JMP     scantail

scantailfound:
	MOVQ R10, R14
	JMP  bad

tail:
	// AX (below 64) bytes are left: copy them into the zeroed buffer.
	TESTQ AX, AX
	JZ    none
	MOVOU X12, 0(SP)
	MOVOU X12, 16(SP)
	MOVOU X12, 32(SP)
	MOVOU X12, 48(SP)
	LEAQ  (SI)(R10*1), R14
	LEAQ  0(SP), R15

copy8:
	CMPQ AX, $8
	JB   copy1
	MOVQ (R14), CX
	MOVQ CX, (R15)
	ADDQ $8, R14
	ADDQ $8, R15
	SUBQ $8, AX
	JMP  copy8

copy1:
	TESTQ AX, AX
	JZ    copied
	MOVB  (R14), CX
	MOVB  CX, (R15)
	INCQ  R14
	INCQ  R15
	DECQ  AX
	JMP   copy1

copied:
	LEAQ 0(SP), DX
	JMP  block // its zeros are bad bytes: it takes the careful path

careful:
	// AX: the bytes of the block in b (valid), all but in the tail.
	MOVQ $-1, AX
	MOVQ BX, CX
	SUBQ R10, CX
	CMPQ CX, $64
	JAE  whole
	MOVQ $1, AX
	SHLQ CX, AX
	DECQ AX

whole:
	MOVQ AX, 64(SP)
	ANDQ AX, R13

	// R14: the newlines.
	MOVOA    X0, X4
	PCMPEQB  X13, X4
	PMOVMSKB X4, R14
	MOVOA    X1, X4
	PCMPEQB  X13, X4
	PMOVMSKB X4, CX
	SHLQ     $16, CX
	ORQ      CX, R14
	MOVOA    X2, X4
	PCMPEQB  X13, X4
	PMOVMSKB X4, CX
	SHLQ     $32, CX
	ORQ      CX, R14
	MOVOA    X3, X4
	PCMPEQB  X13, X4
	PMOVMSKB X4, CX
	SHLQ     $48, CX
	ORQ      CX, R14
	ANDQ     AX, R14

	// R15: the bad bytes (and DEL, newlines and '\r').
	MOVOA    X0, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	MOVOA    X0, X5
	PXOR     X11, X5
	PMINUB   X5, X4
	PCMPEQB  X12, X4
	PMOVMSKB X4, R15
	MOVOA    X1, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	MOVOA    X1, X5
	PXOR     X11, X5
	PMINUB   X5, X4
	PCMPEQB  X12, X4
	PMOVMSKB X4, CX
	SHLQ     $16, CX
	ORQ      CX, R15
	MOVOA    X2, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	MOVOA    X2, X5
	PXOR     X11, X5
	PMINUB   X5, X4
	PCMPEQB  X12, X4
	PMOVMSKB X4, CX
	SHLQ     $32, CX
	ORQ      CX, R15
	MOVOA    X3, X4
	PXOR     X9, X4
	PSUBUSB  X10, X4
	MOVOA    X3, X5
	PXOR     X11, X5
	PMINUB   X5, X4
	PCMPEQB  X12, X4
	PMOVMSKB X4, CX
	SHLQ     $48, CX
	ORQ      CX, R15
	ANDQ     AX, R15

	// 72(SP): the high bytes.
	PMOVMSKB X0, AX
	PMOVMSKB X1, CX
	SHLQ     $16, CX
	ORQ      CX, AX
	PMOVMSKB X2, CX
	SHLQ     $32, CX
	ORQ      CX, AX
	PMOVMSKB X3, CX
	SHLQ     $48, CX
	ORQ      CX, AX
	ANDQ     64(SP), AX
	MOVQ     AX, 72(SP)

	TESTQ R14, R14
	JZ    nonewline

	// The line ends in this block, at k: keep the bytes below k.
	BSFQ R14, CX
	LEAQ (R10)(CX*1), R14 // nl
	MOVQ $1, AX
	SHLQ CX, AX
	DECQ AX
	ANDQ AX, R13
	ANDQ AX, 72(SP)
	ANDQ AX, R15
	JZ   good

	// A bad byte: only a '\r' right before the newline is no fault.
	SHRQ    $1, AX
	INCQ    AX
	CMPQ    AX, R15
	JNE     bad
	MOVBLZX -1(SI)(R14*1), AX
	CMPL    AX, $0x0d
	JNE     bad
	LEAQ    -1(R14), CX // e
	JMP     finish

good:
	MOVQ R14, CX // e

finish:
	// R14 nl, CX e, R13 the commas before e, 72(SP) the high bytes.
	MOVQ  72(SP), AX
	TESTQ AX, AX
	JZ    lastcommas
	BSRQ  AX, DX
	LEAQ  1(R10)(DX*1), R12
	TESTQ R11, R11
	JNS   lastcommas
	BSFQ  AX, DX
	LEAQ  (R10)(DX*1), R11

lastcommas:
	TESTQ R13, R13
	JZ    counted

lastcommaloop:
	CMPQ  R9, R8
	JAE   bad
	BSFQ  R13, AX
	ADDQ  R10, AX
	MOVL  AX, (DI)(R9*4)
	INCQ  R9
	LEAQ  -1(R13), AX
	ANDQ  AX, R13
	JNZ   lastcommaloop

counted:
	CMPQ  R9, R8
	JNE   bad
	MOVL  CX, (DI)(R8*4)
	TESTQ R11, R11
	JNS   done
	MOVQ  CX, R11

done:
	MOVQ R14, nl+48(FP)
	MOVQ R11, hiFrom+56(FP)
	MOVQ R12, hiTo+64(FP)
	MOVB $1, ok+72(FP)
	RET

bad:
	MOVQ R14, nl+48(FP)
	MOVQ $0, hiFrom+56(FP)
	MOVQ $0, hiTo+64(FP)
	MOVB $0, ok+72(FP)
	RET

nonewline:
	// No newline in the block: in the tail, none in b.
	MOVQ BX, CX
	SUBQ R10, CX
	CMPQ CX, $64
	JB   none

	// A whole block with a bad byte: ok only if that byte is its last, a
	// '\r', and the next block starts with the newline.
	MOVQ    $0x8000000000000000, AX
	CMPQ    AX, R15
	JNE     stop
	CMPQ    CX, $64
	JE      stop
	MOVBLZX 63(SI)(R10*1), AX
	CMPL    AX, $0x0d
	JNE     stop
	MOVBLZX 64(SI)(R10*1), AX
	CMPL    AX, $0x0a
	JNE     stop
	LEAQ    64(R10), R14 // nl
	LEAQ    63(R10), CX  // e
	JMP     finish

none:
	MOVQ $-1, nl+48(FP)
	MOVQ $0, hiFrom+56(FP)
	MOVQ $0, hiTo+64(FP)
	MOVB $0, ok+72(FP)
	RET
