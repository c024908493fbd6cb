//go:build amd64 && !purego

#include "textflag.h"

// func cutLineAVX2(b []byte, ends []int32) (nl, hiFrom, hiTo int, ok bool)
//
// AVX2, BMI1 and POPCNT (see hasAVX2). The plan is cutLineSSE2's
// (cutline_amd64.s): b is read 64 bytes a block, as two 32-byte halves in
// Y0 and Y1; the last block, shorter than 64 bytes, is copied into a
// zeroed 64-byte buffer on the stack first, so that nothing outside
// b[:len(b)] is ever read. A block without a newline, '\r', control
// byte, DEL or '"' takes the fast path, any other block the careful one.
//
// What differs is that the fast path has no branch that depends on the
// data, as long as the line is good: the commas of a block are counted
// (POPCNT), checked against the room left in ends once, and then eight
// are stored without a test each (TZCNT, then BLSR to clear the lowest
// bit; a missing comma stores a value that is later overwritten or never
// looked at, always inside ends). Only a block with more than eight
// commas, or a line within eight commas of len(ends), stores them one at
// a time. The first and last high bytes are kept with conditional moves
// (hiFrom starts at the largest int and keeps the least index seen;
// if it is still above e at the end, it becomes e).
//
// Registers (R14 and R15 are free in ABI0 code; BP is left alone):
//	SI  b's base         BX  len(b)          DI  ends' base
//	R8  len(ends)-1      R9  commas stored   R10 the block's index in b
//	R11 hiFrom (MaxInt64: none yet)          R12 hiTo
//	DX  the block's bytes (in b or the stack buffer), then scratch
//	R13 the block's commas  R14 newlines, then nl, or a pointer into ends
//	R15 bad bytes        AX, CX scratch
//	Y0, Y1 the block     Y2, Y3, Y6, Y7 scratch
//	Y4, Y5 the bad bytes (and DEL, newlines, '\r') of each half: 0xff
//	Y8 ','  Y9 0x02  Y10 0x20  Y11 0x7f  Y12 zero  Y13 '\n'
//
// A byte x is bad (below 0x20, or '"') if and only if (x^0x02) -sat 0x20
// is zero; it is DEL if and only if x^0x7f is zero (see cutLineSSE2).
//
// Stack frame (hardware SP): 0-63 the buffer, 64 the mask of b's bytes in
// the block (valid), 72 the block's high bytes (before the line end).

// STORE stores the lowest comma of R13, as an index in b, at off(ptr),
// and clears it from R13 (ZF: none left). AX is scratch.
#define STORE(ptr, off) \
	TZCNTQ R13, AX;      \
	ADDQ   R10, AX;      \
	MOVL   AX, off(ptr); \
	BLSRQ  R13, R13

// STORE8 stores the eight lowest commas of R13 from 0(ptr) on.
#define STORE8(ptr) \
	STORE(ptr, 0);  \
	STORE(ptr, 4);  \
	STORE(ptr, 8);  \
	STORE(ptr, 12); \
	STORE(ptr, 16); \
	STORE(ptr, 20); \
	STORE(ptr, 24); \
	STORE(ptr, 28)

// HIGH takes the high bytes of a block, in AX, into hiFrom (R11) and
// hiTo (R12), without a branch. CX and DX are scratch.
#define HIGH \
	BSRQ    AX, CX;            \
	LEAQ    1(R10)(CX*1), CX;  \
	TZCNTQ  AX, DX;            \
	ADDQ    R10, DX;           \
	TESTQ   AX, AX;            \
	CMOVQNE CX, R12;           \
	CMOVQEQ R11, DX;           \
	CMPQ    DX, R11;           \
	CMOVQLT DX, R11

// cutbytes are the bytes broadcast into Y8-Y11 and Y13. They are
// broadcast from memory: moving them from a general register into an X
// register with MOVQ (a legacy SSE instruction) and broadcasting that
// made a call take 480 ns instead of 54 on the AMD EPYC of the
// benchmarks (BenchmarkCutLine, the demo order line).
DATA cutbytes<>+0(SB)/1, $0x2c
DATA cutbytes<>+1(SB)/1, $0x02
DATA cutbytes<>+2(SB)/1, $0x20
DATA cutbytes<>+3(SB)/1, $0x7f
DATA cutbytes<>+4(SB)/1, $0x0a
GLOBL cutbytes<>(SB), RODATA|NOPTR, $8

TEXT ·cutLineAVX2(SB), NOSPLIT, $80-73
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), BX
	MOVQ ends_base+24(FP), DI
	MOVQ ends_len+32(FP), R8
	DECQ R8
	XORQ R9, R9
	XORQ R10, R10
	MOVQ $0x7fffffffffffffff, R11
	XORQ R12, R12

	VPBROADCASTB cutbytes<>+0(SB), Y8
	VPBROADCASTB cutbytes<>+1(SB), Y9
	VPBROADCASTB cutbytes<>+2(SB), Y10
	VPBROADCASTB cutbytes<>+3(SB), Y11
	VPXOR        Y12, Y12, Y12
	VPBROADCASTB cutbytes<>+4(SB), Y13

loop:
	MOVQ BX, AX
	SUBQ R10, AX
	CMPQ AX, $64
	JB   tail
	LEAQ (SI)(R10*1), DX

block:
	VMOVDQU 0(DX), Y0
	VMOVDQU 32(DX), Y1

	// Y4, Y5: 0xff in the bytes that are bad, DEL, newline or '\r'.
	VPXOR    Y9, Y0, Y4
	VPSUBUSB Y10, Y4, Y4
	VPXOR    Y11, Y0, Y6
	VPMINUB  Y6, Y4, Y4
	VPCMPEQB Y12, Y4, Y4
	VPXOR    Y9, Y1, Y5
	VPSUBUSB Y10, Y5, Y5
	VPXOR    Y11, Y1, Y7
	VPMINUB  Y7, Y5, Y5
	VPCMPEQB Y12, Y5, Y5

	// R13: the commas.
	VPCMPEQB  Y8, Y0, Y2
	VPMOVMSKB Y2, R13
	VPCMPEQB  Y8, Y1, Y3
	VPMOVMSKB Y3, AX
	SHLQ      $32, AX
	ORQ       AX, R13

	VPOR   Y4, Y5, Y6
	VPTEST Y6, Y6
	JNZ    careful

	// The fast path: a whole block inside the line, no bad byte.
	VPMOVMSKB Y0, AX
	VPMOVMSKB Y1, CX
	SHLQ      $32, CX
	ORQ       CX, AX
	HIGH

	// Too many commas for ends: a bad line.
	POPCNTQ R13, CX
	LEAQ    (R9)(CX*1), AX
	CMPQ    AX, R8
	JA      stop
	LEAQ    7(R9), AX
	CMPQ    AX, R8
	JA      onebyone
	LEAQ    (DI)(R9*4), R14
	STORE8(R14)
	ADDQ    CX, R9
	TESTQ   R13, R13
	JNZ     more

next:
	ADDQ $64, R10
	JMP  loop

more:
	// More than eight commas: the rest one at a time (R9 counts them
	// already).
	LEAQ 32(R14), R14

moreloop:
	STORE(R14, 0)
	LEAQ 4(R14), R14
	JNZ  moreloop
	JMP  next

onebyone:
	// Fewer than eight ends left (but room for the commas).
	TESTQ R13, R13
	JZ    next
	LEAQ  (DI)(R9*4), R14
	ADDQ  CX, R9

onebyoneloop:
	STORE(R14, 0)
	LEAQ 4(R14), R14
	JNZ  onebyoneloop
	JMP  next

stop:
	// A bad line, without a newline in this (whole) block: look for the
	// newline from the next block on.
	ADDQ $64, R10

scan:
	MOVQ      BX, AX
	SUBQ      R10, AX
	CMPQ      AX, $64
	JB        scantail
	VPCMPEQB  0(SI)(R10*1), Y13, Y0
	VPCMPEQB  32(SI)(R10*1), Y13, Y1
	VPOR      Y0, Y1, Y2
	VPTEST    Y2, Y2
	JNZ       scanfound
	ADDQ      $64, R10
	JMP       scan

scanfound:
	VPMOVMSKB Y0, AX
	VPMOVMSKB Y1, CX
	SHLQ      $32, CX
	ORQ       CX, AX
	TZCNTQ    AX, CX
	LEAQ      (R10)(CX*1), R14
	JMP       bad

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
	TESTQ   AX, AX
	JZ      none
	VMOVDQU Y12, 0(SP)
	VMOVDQU Y12, 32(SP)
	LEAQ    (SI)(R10*1), R14
	LEAQ    0(SP), R15

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
	VPCMPEQB  Y13, Y0, Y2
	VPMOVMSKB Y2, R14
	VPCMPEQB  Y13, Y1, Y3
	VPMOVMSKB Y3, CX
	SHLQ      $32, CX
	ORQ       CX, R14
	ANDQ      AX, R14

	// R15: the bad bytes (and DEL, newlines and '\r').
	VPMOVMSKB Y4, R15
	VPMOVMSKB Y5, CX
	SHLQ      $32, CX
	ORQ       CX, R15
	ANDQ      AX, R15

	// 72(SP): the high bytes.
	VPMOVMSKB Y0, CX
	VPMOVMSKB Y1, DX
	SHLQ      $32, DX
	ORQ       DX, CX
	ANDQ      AX, CX
	MOVQ      CX, 72(SP)

	TESTQ R14, R14
	JZ    nonewline

	// The line ends in this block, at k: keep the bytes below k.
	TZCNTQ R14, CX
	LEAQ   (R10)(CX*1), R14 // nl
	MOVQ   $1, AX
	SHLQ   CX, AX
	DECQ   AX
	ANDQ   AX, R13
	ANDQ   AX, 72(SP)
	ANDQ   AX, R15
	JZ     good

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
	// The commas must be exactly the R8-R9 left.
	POPCNTQ R13, AX
	ADDQ    R9, AX
	CMPQ    AX, R8
	JNE     bad
	MOVQ    CX, R15 // e
	MOVQ    72(SP), AX
	HIGH
	LEAQ    (DI)(R9*4), DX
	LEAQ    7(R9), AX
	CMPQ    AX, R8
	JA      lastone
	STORE8(DX)
	TESTQ   R13, R13
	JZ      counted
	LEAQ    32(DX), DX

lastone:
	TESTQ R13, R13
	JZ    counted

lastoneloop:
	STORE(DX, 0)
	LEAQ 4(DX), DX
	JNZ  lastoneloop

counted:
	MOVL    R15, (DI)(R8*4)
	CMPQ    R15, R11
	CMOVQLT R15, R11
	VZEROUPPER
	MOVQ    R14, nl+48(FP)
	MOVQ    R11, hiFrom+56(FP)
	MOVQ    R12, hiTo+64(FP)
	MOVB    $1, ok+72(FP)
	RET

bad:
	VZEROUPPER
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
	VZEROUPPER
	MOVQ $-1, nl+48(FP)
	MOVQ $0, hiFrom+56(FP)
	MOVQ $0, hiTo+64(FP)
	MOVB $0, ok+72(FP)
	RET
