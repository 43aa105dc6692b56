package state

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"convplayground/conv"
)

// Python literals for the exported snippet: nested lists with aligned
// columns, and a weight's kernels side by side when they fit.

// codeWidth is the widest line the kernels side by side may make: the
// browser's code box shows about this many columns.
const codeWidth = 104

// PyNested writes data, of the given shape, as Python's nested lists:
// the last axis a row, the numbers right-aligned in columns as wide as the
// widest of their block (a matrix: a kernel, an image; of a 4-D weight
// the kernels of one filter together), each row under the one before
// (indent is the first line's column). Each number comes back bit for bit
// as a float32 (pyFloat).
func PyNested(data []float32, shape []int, indent string) string {
	if len(shape) == 0 {
		return "[]"
	}
	var b strings.Builder
	pyNested(&b, pyNums(data, alignBlock(shape)), shape, 0, indent)
	return b.String()
}

// PyBlock is PyNested with its first axis open, as Black lays it out: "["
// ends the line, each item follows on lines of its own at indent plus
// four spaces with a trailing comma, and "]" closes at indent. A literal
// so written has no closing brackets heaped on its last row.
func PyBlock(data []float32, shape []int, indent string) string {
	if len(shape) < 2 {
		return PyNested(data, shape, indent)
	}
	nums := pyNums(data, alignBlock(shape))
	inner := indent + "    "
	size := len(data) / max(1, shape[0])
	var b strings.Builder
	b.WriteString("[\n")
	for i := range shape[0] {
		b.WriteString(inner)
		pyNested(&b, nums, shape[1:], i*size, inner)
		b.WriteString(",\n")
	}
	b.WriteString(indent + "]")
	return b.String()
}

// alignBlock is how many consecutive numbers share a column width: the
// last two axes, and the one before them too on a 4-D tensor (a filter's
// kernels, R, G and B, in the same columns).
func alignBlock(shape []int) int {
	n := 1
	for i := max(0, len(shape)-2); i < len(shape); i++ {
		n *= shape[i]
	}
	if len(shape) == 4 {
		n *= shape[1]
	}
	return n
}

// pyNums is each value as pyFloat writes it, right-aligned to the widest
// of its block of block consecutive values.
func pyNums(data []float32, block int) []string {
	nums := make([]string, len(data))
	for i, v := range data {
		nums[i] = pyFloat(v)
	}
	for from := 0; from < len(nums); from += max(1, block) {
		part := nums[from:min(len(nums), from+max(1, block))]
		w := 0
		for _, n := range part {
			w = max(w, len(n))
		}
		for i, n := range part {
			part[i] = strings.Repeat(" ", w-len(n)) + n
		}
	}
	return nums
}

// pyNested writes the tensor of the given shape at nums[from:] whose "["
// is at indent's column, each row under the one before.
func pyNested(b *strings.Builder, nums []string, shape []int, from int, indent string) {
	b.WriteByte('[')
	if len(shape) == 1 { // a row: wrapped under its first number where it is wider than the code box
		row := nums[from : from+shape[0]]
		per := len(row)
		if len(row) > 0 && len(indent)+len(row)*(len(row[0])+2) > codeWidth { // a block's numbers are as wide as its first
			per = max(1, (codeWidth-len(indent)-2)/(len(row[0])+2))
		}
		for i := 0; i < len(row); i += per {
			if i > 0 {
				b.WriteString(",\n" + indent + " ")
			}
			b.WriteString(strings.Join(row[i:min(len(row), i+per)], ", "))
		}
		b.WriteByte(']')
		return
	}
	size := 1
	for _, d := range shape[1:] {
		size *= d
	}
	for i := range shape[0] {
		if i > 0 {
			b.WriteString(",\n" + indent + " ")
		}
		pyNested(b, nums, shape[1:], from+i*size, indent+" ")
	}
	b.WriteByte(']')
}

// pyKernelsSideBySide writes the weight w [A, B, kh, kw] with g of its
// kernels (in their order) on each line: the literal [A*B/g, kh, g, kw],
// row r of the g kernels side by side, each group under a comment naming
// its kernels (w[0, 0], w[1, 0]). Its lines are at most width columns,
// else ok is false (as when the kernels do not make groups of g).
func pyKernelsSideBySide(w *conv.Tensor, g, width int) (lit string, ok bool) {
	kh, kw := w.Shape[2], w.Shape[3]
	if n := w.Len() / max(1, kh*kw); g < 1 || n%g != 0 {
		return "", false
	}
	nums := pyNums(w.Data, kh*kw)
	var b strings.Builder
	b.WriteString("[\n")
	for first := 0; first < w.Len()/(kh*kw); first += g {
		label := "    #"
		rows := make([]string, kh)
		for r := range rows {
			rows[r] = "     ["
			if r == 0 {
				rows[r] = "    [["
			}
		}
		for k := first; k < first+g; k++ {
			if k > first {
				for r := range rows {
					rows[r] += ", "
				}
			}
			name := fmt.Sprintf("w[%d, %d]", k/w.Shape[1], k%w.Shape[1])
			if 2+len(strings.Join(nums[:kw], ", ")) < len(name) {
				return "", false // kernels narrower than their names: one under another
			}
			label += strings.Repeat(" ", len(rows[0])-len(label)) + name
			for r := range rows {
				at := (k*kh + r) * kw
				rows[r] += "[" + strings.Join(nums[at:at+kw], ", ") + "]"
			}
		}
		b.WriteString(label + "\n")
		for r, row := range rows {
			end := "],\n"
			if r == kh-1 {
				end = "]],\n"
			}
			if len(row)+len(end)-1 > width {
				return "", false
			}
			b.WriteString(row + end)
		}
	}
	b.WriteString("]")
	return b.String(), true
}

// PyList writes data as one Python list, on one line when it fits
// (ending before codeWidth, at is the column it starts at), else as Black
// breaks it: "[" ends the line, the numbers follow in aligned columns
// four spaces in from indent, as many to a line as fit, and "]" starts
// the last line at indent.
func PyList(data []float32, at int, indent string) string {
	nums := make([]string, len(data))
	for i, v := range data {
		nums[i] = pyFloat(v)
	}
	one := "[" + strings.Join(nums, ", ") + "]"
	if at+len(one) <= codeWidth-len(", dtype=torch.float32)") {
		return one
	}
	nums = pyNums(data, len(data))
	inner := indent + "    "
	per := max(1, (codeWidth-len(inner))/(len(nums[0])+2))
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < len(nums); i += per {
		b.WriteString(inner + strings.Join(nums[i:min(len(nums), i+per)], ", ") + ",\n")
	}
	b.WriteString(indent + "]")
	return b.String()
}

// pyFloat is v as a Python literal that torch.tensor(..., dtype=float32)
// turns back into v bit for bit: the shortest float32 digits when Python's
// float (a float64) rounds back to v, else the exact float64 digits.
func pyFloat(v float32) string {
	s := strconv.FormatFloat(float64(v), 'g', -1, 32)
	if d, err := strconv.ParseFloat(s, 64); err == nil && math.Float32bits(float32(d)) == math.Float32bits(v) {
		return s
	}
	return strconv.FormatFloat(float64(v), 'g', -1, 64)
}

// pyTuple is a shape as Python's arguments: (1, 1, 28, 28).
func pyTuple(shape []int) string {
	s := fmt.Sprint(shape)
	return "(" + strings.ReplaceAll(s[1:len(s)-1], " ", ", ") + ")"
}
