package modelfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
)

// checkPickle walks the opcodes of a pickle before gopickle runs it, and
// refuses one that gopickle would make allocate more than the pickle
// justifies: a length argument (a string, bytes, a long, a frame) running
// past the end (gopickle allocates it before reading), a long number
// (decoded in quadratic time), opcodes a state_dict never uses
// (extensions, out-of-band buffers), or values estimated at more than
// maxPickleCost bytes.
func checkPickle(p []byte) error {
	var cost int64 // an upper bound of the bytes gopickle allocates
	for i := 0; i < len(p); {
		op := p[i]
		i++
		if cost += opCost[op]; cost > maxPickleCost {
			return fmt.Errorf("the pickle would build more than %d bytes of values, more than a state_dict's", maxPickleCost)
		}
		var n int64 // bytes of argument after the opcode
		switch op {
		// no argument
		case '(', '.', '0', '1', '2', 'N', '}', 'a', 'b', 'd', ']', 'e', 'l', 't', ')', 's', 'u',
			'Q', 'R', 'o', 0x81, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94:
			if op == '.' {
				return nil
			}
		// fixed-size argument
		case 'K', 'h', 'q', 0x80:
			n = 1
		case 'M':
			n = 2
		case 'J', 'j', 'r':
			n = 4
		case 'G':
			n = 8
		case 0x95: // FRAME: its length, then its opcodes inline
			n = 8
			if i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:]) > uint64(len(p)-i-8) {
				return fmt.Errorf("a frame of %d bytes past the end of the pickle", binary.LittleEndian.Uint64(p[i:]))
			}
		// a length, then that many bytes
		case 'U', 'C', 0x8c, 0x8a:
			n = lengthArg(p, i, 1)
		case 'T', 'X', 'B', 0x8b:
			n = lengthArg(p, i, 4)
		case 0x8d, 0x8e, 0x96:
			n = lengthArg(p, i, 8)
		// newline-terminated arguments: GLOBAL and INST have two
		case 'I', 'L', 'F', 'S', 'V', 'g', 'p', 'P', 'c', 'i':
			lines := 1
			if op == 'c' || op == 'i' {
				lines = 2
			}
			for range lines {
				j := bytes.IndexByte(p[min(i+int(n), len(p)):], '\n')
				if j < 0 {
					return fmt.Errorf("the pickle ends inside opcode 0x%02x", op)
				}
				n += int64(j) + 1
			}
		default:
			return fmt.Errorf("the pickle has opcode 0x%02x, which a state_dict does not use", op)
		}
		if n < 0 || n > int64(len(p)-i) {
			return fmt.Errorf("the pickle's opcode 0x%02x claims more bytes than it holds", op)
		}
		if maxNumber[op] > 0 && n > maxNumber[op] {
			return fmt.Errorf("the pickle has a number of %d bytes (opcode 0x%02x), more than a state_dict's", n, op)
		}
		i += int(n)
		cost += pushCost + 2*n // the argument read, then its string
	}
	return fmt.Errorf("the pickle ends without STOP (truncated)")
}

// The cost of an opcode for gopickle, in bytes allocated (measured with Go
// 1.27): every opcode may push a value (growing the stack, a string copied);
// containers and marks cost more (a MARK saves the stack and starts a new
// one of 16 values). These over-estimate by up to 2.5x: a state_dict's
// pickle allocates ~20-30 bytes a byte and is estimated at ~60-70; a pickle
// of nothing but MARKs allocates ~380 and is estimated at ~600.
const pushCost = 96

var opCost = map[byte]int64{'(': 512, '}': 256, ']': 192, ')': 128, 0x8f: 256}

// maxPickleCost bounds the estimated cost of a pickle: a state_dict of
// 6000 tensors with long names (a 700 KB pickle) is estimated at 40 MB.
const maxPickleCost = 64 << 20

// maxNumber bounds the argument of the opcodes that push a number: gopickle
// decodes a long one in time quadratic in its length, and a state_dict's
// numbers fit in 64 bits (LONG1 and LONG4: a length and 8 bytes; INT, LONG
// and FLOAT: a line of text).
var maxNumber = map[byte]int64{0x8a: 1 + 8, 0x8b: 4 + 8, 'I': 64, 'L': 64, 'F': 64}

// lengthArg is the size of an argument made of a size-byte little-endian
// length and that many bytes, or -1 when it cannot be.
func lengthArg(p []byte, i, size int) int64 {
	if i+size > len(p) {
		return -1
	}
	var l uint64
	for k := size - 1; k >= 0; k-- {
		l = l<<8 | uint64(p[i+k])
	}
	if l > uint64(len(p)) {
		return -1
	}
	return int64(size) + int64(l)
}
