package i18n

import "strings"

// PyTorch's messages stay in English, exactly as PyTorch writes them (they
// are what a learner will meet in their own code and search for); the
// Korean page shows a gloss under each: what the message means. A
// message is recognised by a fixed part of it, its pattern; the numbers
// in it vary.

// glosses maps each pattern to its gloss, in the order they are tried (a
// more specific pattern before a more general one).
var glosses = []struct {
	pattern string
	key     Key
}{
	{"groups must be a positive integer", GlossGroupsPositive},
	{"in_channels must be divisible by groups", GlossInDivisible},
	{"out_channels must be divisible by groups", GlossOutDivisible},
	{"padding='same' is not supported for strided convolutions", GlossSameStrided},
	{"Invalid padding string", GlossPaddingString},
	{"padding_mode must be one of", GlossPaddingMode},
	{"is out of range (limit ±", GlossSettingRange},
	{"Trying to create tensor with negative dimension", GlossNegativeDimension},
	{"elements)", GlossTooLarge},
	{"is out of range", GlossTooLarge},
	{"input to conv2d, but got input of size", GlossInputDims},
	{"Dimension out of range", GlossInputDims},
	{"plus negative padding", GlossNegativeCrop},
	{"negative padding is not supported", GlossNegativePadding},
	{"non-positive stride is not supported", GlossStride},
	{"expected weight to be at least", GlossWeightGroups},
	{"channels, but got", GlossChannels}, // Given groups=…, weight of size …, expected input… to have … channels, but got …
	{"Kernel size can't be greater than actual input size", GlossKernelTooBig},
	{"select(): index 0 out of range", GlossEmpty},
	{"Only zero batch or zero channel inputs are supported", GlossEmpty},
	{"non-positive dilation is not supported", GlossDilation},
	{"dilation should be greater than zero", GlossDilation},
	{"could not create a descriptor for a dilated convolution", GlossDilatedDescriptor},
	{"kernel size should be greater than zero", GlossKernelPositive},
	{"Padding length too large", GlossModeDims},
	{"padding with non-constant padding are supported", GlossModeDims},
	{"Padding size should be less than the corresponding input dimension", GlossReflectTooWide},
	{"is too small. Calculated output", GlossPaddedTooSmall},
	{"numel: integer multiplication overflow", GlossTooLarge},
	{"tensor expected for input", GlossModeInput},
	{"tensor with possibly 0 batch size", GlossModeInput},
	{"Invalid padding size", GlossCircularUnbatched},
	{"wrapping around more than once", GlossCircularWrap},
	{"Negative padding value is resulting in an empty dimension", GlossNegativeCrop},
	{"Output size is too small", GlossPoolTooSmall},
	{"mat1 and mat2 shapes cannot be multiplied", GlossLinear},
}

// Gloss is what PyTorch's message msg means, in language l, and whether
// the table knows the message. The view shows it under the message
// (Korean: ShapesError's "PyTorch의 오류: …" and then this).
func Gloss(l Lang, msg string) (string, bool) {
	for _, g := range glosses {
		if strings.Contains(msg, g.pattern) {
			return l.T(g.key), true
		}
	}
	return "", false
}
