#!/usr/bin/python3
"""Golden fixtures for conv's ConvTranspose2d: what PyTorch's nn.ConvTranspose2d computes and rejects.

Run with Debian's PyTorch (1.13) and NumPy:  make golden  (or /usr/bin/python3 scripts/golden_transpose.py)

Writes
  conv/testdata/transpose/index.json   every case: the settings (output_padding included), the
                                       input shape and either "file" (a valid case) or "error"
                                       (torch's message), in the format of scripts/golden.py
  conv/testdata/transpose/NNN.npz      per valid case: x, weight [Cin, Cout/groups, kh, kw],
                                       bias (if any), out, gy (a random upstream gradient of
                                       out's shape) and the gradients of (out*gy).sum(): gx, gw,
                                       gb (if bias)

Deterministic: fixed seeds and one thread.
"""
import functools
import os
import warnings

import numpy as np
import torch
import torch.nn as nn

import conv_fixtures  # scripts/conv_fixtures.py

warnings.simplefilter("ignore")
torch.set_num_threads(1)
torch.manual_seed(0)
rng = np.random.default_rng(2026)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
GOLDEN = os.path.join(ROOT, "conv", "testdata", "transpose")


def settings(cin, cout, k, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, mode="zeros"):
    pair = lambda v: list(v) if isinstance(v, (tuple, list)) else [v, v]
    return dict(in_channels=cin, out_channels=cout, kernel=pair(k), stride=pair(stride), padding=pair(padding),
                output_padding=pair(output_padding), dilation=pair(dilation), groups=groups, bias=bias,
                padding_mode=mode)


def module(s):
    return nn.ConvTranspose2d(s["in_channels"], s["out_channels"], tuple(s["kernel"]), tuple(s["stride"]),
                              tuple(s["padding"]), tuple(s["output_padding"]), s["groups"], s["bias"],
                              tuple(s["dilation"]), s["padding_mode"])


run = functools.partial(conv_fixtures.run, module)


cases = []


def add_valid(name, s, shape, r=rng, lo=-1):
    """A valid case; values uniform in [lo, 1) from r (lo=0 for the infinite-weight cases)."""
    m, err = run(s, shape)
    assert err is None, (name, s, shape, err)
    with torch.no_grad():
        for p in m.parameters():  # uniform values, not torch's init, so bias matters too
            p.copy_(torch.from_numpy(r.uniform(lo, 1, p.shape).astype(np.float32)))
        if lo == 0:  # one infinite weight, its last tap; all else positive: no inf - inf
            m.weight[0, 0, -1, -1] = float("inf")
    x = torch.from_numpy(r.uniform(lo, 1, shape).astype(np.float32)).requires_grad_()
    out = m(x)
    gy = torch.from_numpy(r.uniform(lo, 1, out.shape).astype(np.float32))
    (out * gy).sum().backward()
    arrays = dict(x=x.detach().numpy(), weight=m.weight.detach().numpy(), out=out.detach().numpy(), gy=gy.numpy(),
                  gx=x.grad.numpy(), gw=m.weight.grad.numpy())
    if m.bias is not None:
        arrays.update(bias=m.bias.detach().numpy(), gb=m.bias.grad.numpy())
    i = len(cases)
    fname = "%03d.npz" % i
    np.savez_compressed(os.path.join(GOLDEN, fname), **arrays)
    cases.append(dict(id=i, name=name, input=list(shape), output=list(out.shape), file=fname, **s))


def add_rejected(name, s, shape):
    _, err = run(s, shape)
    assert err is not None, (name, s, shape)
    cases.append(dict(id=len(cases), name=name, input=list(shape), error=str(err).split("\n")[0],
                      error_type=type(err).__name__, **s))


def rand_valid():
    """A random valid setting with small tensors, covering every parameter."""
    while True:
        groups = int(rng.choice([1, 1, 1, 2, 3]))
        cin = groups * int(rng.integers(1, 4))
        cout = groups * int(rng.integers(1, 4))
        k = [int(rng.integers(1, 6)), int(rng.integers(1, 6))]
        if rng.random() < 0.4:
            k[1] = k[0]
        stride = [int(rng.choice([1, 1, 2, 2, 3])) for _ in range(2)]
        dil = [int(rng.choice([1, 1, 1, 2, 3])) for _ in range(2)]
        pad = [int(rng.integers(0, 4)), int(rng.integers(0, 4))]
        op = [int(rng.integers(0, max(stride[a], dil[a]))) for a in range(2)]
        n = int(rng.choice([1, 1, 2, 3]))
        h, w = int(rng.integers(1, 8)), int(rng.integers(1, 8))
        shape = (cin, h, w) if rng.random() < 0.1 else (n, cin, h, w)
        s = settings(cin, cout, k, stride, pad, op, groups, bool(rng.random() < 0.75), dil)
        if run(s, shape)[1] is None and np.prod(module(s)(torch.zeros(shape)).shape) <= 3000:
            return s, shape


def rand_any():
    """A random setting, often invalid: edge values of every parameter and input rank."""
    pick = lambda *v: v[int(rng.integers(len(v)))]
    groups = pick(1, 1, 1, 1, 2, 3, 0, -1)
    cin = pick(1, 2, 3, 4, 6, 0, -2)
    cout = pick(1, 2, 3, 4, 6, 0, -2)
    k = [pick(1, 2, 3, 4, 0, -1), pick(1, 2, 3, 5, 0)]
    stride = [pick(1, 1, 2, 3, 0, -1), pick(1, 1, 2, 0, -2)]
    dil = [pick(1, 1, 2, 3, 0, -1), pick(1, 1, 2, 0, -1)]
    pad = [pick(0, 0, 1, 2, 6, -1), pick(0, 0, 1, 3, 7)]
    op = [pick(0, 0, 1, 2, -1), pick(0, 0, 1, 3)]
    mode = "reflect" if rng.random() < 0.05 else "zeros"
    nd = pick(4, 4, 4, 4, 3, 3, 2, 5)
    dims = [pick(1, 2, 3, 5, 0) for _ in range(nd)]
    if nd >= 3 and rng.random() < 0.7:
        dims[-3] = cin  # the channel usually matches
    if nd == 4 and rng.random() < 0.3:
        dims[0] = 0  # the empty batch skips the backend's checks
    s = settings(cin, cout, k, stride, pad, op, groups, bool(rng.random() < 0.7), dil, mode)
    return s, tuple(dims)


def curated():
    """Named cases: the upsampling layers, each parameter alone, and every message."""
    V, R = add_valid, add_rejected
    V("upsample [1,8,14,14] to [1,1,28,28] k4 s2 p1", settings(8, 1, 4, 2, 1), (1, 8, 14, 14))
    V("upsample k3 s2 p1 op1", settings(3, 2, 3, 2, 1, 1), (2, 3, 5, 6))
    V("stride 1 (Conv2d's input gradient)", settings(2, 3, 3), (1, 2, 5, 4))
    V("rectangular kernel and stride", settings(2, 2, (2, 5), (3, 1), (0, 2)), (1, 2, 4, 5))
    V("dilation with output_padding below it", settings(1, 2, 3, 1, 1, (1, 2), dilation=(2, 3)), (1, 1, 4, 4))
    V("stride and dilation share a factor", settings(2, 2, 3, 4, 1, 1, dilation=2), (1, 2, 3, 3))
    V("kernel smaller than stride (bias-only cells)", settings(2, 3, (1, 2), 3, 0, (2, 1)), (1, 2, 3, 4))
    V("kernel smaller than stride, no bias", settings(2, 3, 2, (3, 4), (1, 0), (2, 3), bias=False), (2, 2, 2, 3))
    V("padding crops past the kernel", settings(1, 1, 2, 3, 2), (1, 1, 4, 4))
    V("output_padding past the padding", settings(1, 2, 3, 3, 0, 2), (1, 1, 3, 3))
    V("depthwise", settings(4, 4, 3, 2, 1, 1, 4), (1, 4, 4, 4))
    V("groups with multiplier", settings(2, 6, (3, 2), (1, 2), 0, (0, 1), 2), (2, 2, 3, 3))
    V("groups 3 dilated", settings(3, 3, 2, 2, 1, 0, 3, True, (2, 1)), (1, 3, 4, 5))
    V("unbatched", settings(3, 2, 3, 2, 1, 1), (3, 4, 5))
    V("1x1 kernel stride 2", settings(3, 2, 1, 2), (2, 3, 3, 4))
    V("1x1 output", settings(1, 1, (3, 1), 1, (1, 0)), (1, 1, 1, 1))
    V("kernel 5 stride 2 (phase widths 3 and 2)", settings(2, 4, 5, 2, 2, 1), (1, 2, 9, 11))
    V("kernel 7 stride 1 p3 (the vector widths)", settings(2, 5, 7, 1, 3), (1, 2, 9, 12))
    V("kernel 6 stride 2 (phase width 3)", settings(1, 4, 6, 2, 2), (1, 1, 6, 12))
    V("batch 0", settings(2, 3, 3, 2, 1, 1), (0, 2, 4, 4))
    V("batch 0, zero height", settings(2, 3, 3), (0, 2, 0, 5))
    V("batch 0, dilation 0 passes", settings(2, 4, 3, dilation=0), (0, 2, 5, 5))
    V("batch 0, negative dilation passes", settings(2, 4, 3, dilation=(2, -1)), (0, 2, 5, 5))
    V("batch 0, output_padding not checked", settings(2, 3, 3, output_padding=5), (0, 2, 5, 5))

    R("padding mode reflect", settings(2, 3, 3, mode="reflect"), (1, 2, 5, 5))
    R("padding mode before groups", settings(2, 3, 3, groups=0, mode="circular"), (1, 2, 5, 5))
    R("padding mode unknown", settings(2, 3, 3, mode="wrap"), (1, 2, 5, 5))
    R("groups 0", settings(2, 3, 3, groups=0), (1, 2, 5, 5))
    R("groups negative", settings(2, 3, 3, groups=-1), (1, 2, 5, 5))
    R("in_channels not divisible", settings(3, 4, 3, groups=2), (1, 3, 5, 5))
    R("out_channels not divisible", settings(4, 3, 3, groups=2), (1, 4, 5, 5))
    R("in_channels negative", settings(-2, 3, 3), (1, 2, 5, 5))
    R("out_channels negative", settings(2, -2, 3), (1, 2, 5, 5))
    R("kernel negative", settings(2, 3, (3, -1)), (1, 2, 5, 5))
    R("output_padding 1 with stride 1, dilation 1", settings(2, 3, 3, output_padding=1), (1, 2, 5, 5))
    R("output_padding equal to stride", settings(2, 3, 3, 2, 1, 2), (1, 2, 5, 5))
    R("output_padding width only", settings(2, 3, 3, (2, 2), 1, (1, 2)), (1, 2, 5, 5))
    R("output_padding equal to dilation", settings(2, 3, 3, 1, 0, (0, 2), dilation=2), (1, 2, 5, 5))
    R("output_padding negative", settings(2, 3, 3, output_padding=(0, -1)), (1, 2, 5, 5))
    R("padding negative", settings(2, 3, 3, padding=(-1, 0)), (1, 2, 5, 5))
    R("padding negative before output_padding", settings(2, 3, 3, padding=-1, output_padding=-1), (1, 2, 5, 5))
    R("output_padding negative before stride", settings(2, 3, 3, 0, output_padding=-1), (1, 2, 5, 5))
    R("stride 0", settings(2, 3, 3, 0), (1, 2, 5, 5))
    R("stride negative", settings(2, 3, 3, (1, -1)), (1, 2, 5, 5))
    R("stride before channels", settings(2, 3, 3, 0), (1, 3, 5, 5))
    R("dilation 0", settings(2, 3, 3, dilation=0), (1, 2, 5, 5))
    R("dilation negative", settings(2, 3, 3, dilation=(2, -1)), (2, 2, 5, 5))
    R("dilation before output_padding", settings(2, 3, 3, output_padding=3, dilation=0), (1, 2, 5, 5))
    R("kernel 0", settings(2, 3, 0), (1, 2, 5, 5))
    R("kernel 0x5 before dilation", settings(2, 3, (0, 5), dilation=0), (1, 2, 5, 5))
    R("output size negative", settings(2, 3, 3, padding=3), (1, 2, 2, 2))
    R("output size zero", settings(2, 3, 3, padding=2), (1, 2, 2, 2))
    R("output height zero only", settings(2, 3, 1, padding=(2, 0)), (1, 2, 4, 5))
    R("output size after output_padding check", settings(2, 3, 3, 2, 9, 1), (1, 2, 2, 2))
    R("out_channels 0", settings(2, 0, 3), (1, 2, 5, 5))
    R("out_channels 0 groups 2 shows the group's weight", settings(4, 0, 3, groups=2), (1, 4, 5, 5))
    R("out_channels 0 before output size", settings(2, 0, 3, padding=5), (1, 2, 5, 5))
    R("in_channels 0", settings(0, 3, 3, bias=False), (1, 0, 5, 5))
    R("in_channels 0 groups 2", settings(0, 2, 3, groups=2), (1, 0, 5, 5))
    R("channel mismatch", settings(2, 3, 3), (1, 3, 5, 5))
    R("channel mismatch groups", settings(4, 6, 3, groups=2), (1, 2, 5, 5))
    R("channel mismatch unbatched", settings(2, 3, 3), (3, 5, 5))
    R("channel mismatch empty batch", settings(2, 3, 3), (0, 3, 5, 5))
    R("zero height", settings(2, 3, 3), (1, 2, 0, 5))
    R("zero height unbatched", settings(2, 3, 3), (2, 0, 5))
    R("zero height before kernel", settings(2, 3, 0), (1, 2, 0, 5))
    R("2-D input", settings(2, 3, 3), (5, 5))
    R("5-D input", settings(2, 3, 3), (1, 1, 2, 5, 5))
    R("1-D input", settings(2, 3, 3), (5,))
    R("empty batch, kernel 0", settings(2, 3, 0), (0, 2, 5, 5))
    R("empty batch, out_channels 0", settings(2, 0, 3), (0, 2, 5, 5))
    R("empty batch, negative output size", settings(2, 3, 1, padding=(6, 7)), (0, 2, 5, 5))
    R("empty batch, output height -1", settings(2, 3, 1, padding=(1, 0)), (0, 2, 1, 5))
    R("empty batch, output width -1", settings(2, 3, 1, padding=(0, 1)), (0, 2, 5, 1))
    R("empty batch, -1 then -2", settings(2, 3, 1, padding=(1, 2)), (0, 2, 1, 2))
    R("empty batch, two -1", settings(2, 3, 1, padding=1), (0, 2, 1, 1))
    R("empty batch, no bias, negative size", settings(2, 3, 1, padding=6, bias=False), (0, 2, 5, 5))


def main():
    conv_fixtures.clear(GOLDEN)
    curated()
    for i in range(80):
        s, shape = rand_valid()
        add_valid("random valid %d" % i, s, shape)
    n = odd = 0
    while n < 150:
        s, shape = rand_any()
        m, err = run(s, shape)
        if err is not None:
            add_rejected("random rejected %d" % n, s, shape)
            n += 1
        elif odd < 20 and np.prod(shape) <= 500 and np.prod(m(torch.zeros(shape)).shape) <= 3000:
            add_valid("random odd %d" % odd, s, shape)
            odd += 1
    # An infinite weight times a tap that lands outside the output: torch
    # never forms that product (no NaN from inf * 0 there).
    r = np.random.default_rng(7)
    add_valid("infinite weight, padding 1", settings(1, 2, 3, 1, 1), (1, 1, 3, 4), r, 0)
    add_valid("infinite weight, stride 2", settings(2, 2, (3, 4), 2, (2, 1), 1, bias=False), (2, 2, 3, 3), r, 0)
    conv_fixtures.write_index(GOLDEN, cases, "golden_transpose")


if __name__ == "__main__":
    main()
