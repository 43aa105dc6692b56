"""PyTorch 1.13's verdict on network texts, for nn/arch's tests.

Writes nn/arch/testdata/torch_cases.json: for each text (hand-written ones,
then random layers from a fixed seed, right and wrong), what Python and
torch make of it: the layers' bound attributes, or the exception's type,
message and (for a SyntaxError) line and column. Also each supported
layer's constructor signature (inspect.signature). Run with the Debian
python3 that has torch: /usr/bin/python3 scripts/arch_golden.py

Deterministic: a fixed seed, and PYTHONHASHSEED=0 (two of torch's
ValueErrors print a Python set, whose order depends on the hash seed; the
script re-executes itself with 0).
"""
import inspect
import json
import os
import random
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

import torch
from torch import nn

KINDS = ["Conv2d", "ConvTranspose2d", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "MaxPool2d",
         "AvgPool2d", "BatchNorm2d", "Dropout", "Flatten", "Linear"]

HAND = [
    "nn.Sequential(nn.Conv2d(1, 20, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(3920, 10))",
    "nn.Sequential(\n    nn.Conv2d(1, 20, 5, stride=1, padding=2),  # conv1\n\n    nn.ReLU(inplace=True),\n)",
    "torch.nn.Sequential(Conv2d(3, 6, (3, 5), padding='same'), torch.nn.Tanh(), nn.Sigmoid())",
    "nn.Sequential(nn.Conv2d(1, 2, 3, padding=\"valid\"), nn.LeakyReLU(0.2), nn.LeakyReLU(negative_slope=-1e-2, inplace=True))",
    "nn.Sequential(nn.BatchNorm2d(4, 1e-3, 0.2), nn.BatchNorm2d(4, eps=0, momentum=1), nn.Dropout(0.25), nn.Dropout(p=0, inplace=True))",
    "nn.Sequential(nn.MaxPool2d(2, 1), nn.MaxPool2d((2, 3), (1, 2), (1, 0)), nn.AvgPool2d(3, None, 1), nn.AvgPool2d(kernel_size=2, stride=(2, 1)))",
    "nn.Sequential(nn.Flatten(), nn.Flatten(0), nn.Flatten(end_dim=2, start_dim=-3), nn.Linear(10, 3, False), nn.Linear(in_features=3, out_features=2, bias=True,))",
    "nn.Sequential(nn.ConvTranspose2d(4, 2, 3, 2, 1, 1), nn.ConvTranspose2d(2, 2, (2, 3), output_padding=(0, 1), stride=2, groups=2, bias=False, dilation=(1, 2)))",
    "nn.Sequential(nn.Conv2d(4, 4, 3, 1, 1, 2, 4, False, 'reflect', None, None), nn.Conv2d(4, 8, 1, padding_mode='circular', groups=2, dilation=2))",
    "nn.Sequential(nn.MaxPool2d(3, 2, 1, 1, False, False), nn.AvgPool2d(2, 2, 0, False, True, None), nn.BatchNorm2d(3, 1e-05, 0.1, True, True, None, None))",
    "nn.Sequential()",
    "nn.Sequential(nn.Conv2d(1, 8, 5, padding=-1), nn.Conv2d(1, 8, (5, 5), stride=(2, 2)), nn.Conv2d(-1, 8, 5))",
    "model = nn.Sequential(nn.ReLU())",
    # Python's and torch's TypeErrors of argument binding.
    "nn.Sequential(nn.Conv2d(1, 2))",
    "nn.Sequential(nn.Conv2d(1))",
    "nn.Sequential(nn.Conv2d())",
    "nn.Sequential(nn.Conv2d(in_channels=1))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, 1, 0, 1, 1, True, 'zeros', None, None, 5))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, 4, stride=2))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, kernel_size=3))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, strides=2))",
    "nn.Sequential(nn.ReLU(1, 2, foo=3))",
    "nn.Sequential(nn.ReLU(True, 1))",
    "nn.Sequential(nn.Sigmoid(1))",
    "nn.Sequential(nn.Tanh(inplace=True))",
    "nn.Sequential(nn.MaxPool2d())",
    "nn.Sequential(nn.MaxPool2d(1, 2, 3, 4, 5, 6, 7))",
    "nn.Sequential(nn.AvgPool2d(stride=2))",
    "nn.Sequential(nn.BatchNorm2d())",
    "nn.Sequential(nn.Dropout(0.1, True, 3))",
    "nn.Sequential(nn.LeakyReLU(0.1, True, 3))",
    "nn.Sequential(nn.Flatten(x=1))",
    "nn.Sequential(nn.Linear(1))",
    "nn.Sequential(nn.ConvTranspose2d(1, 2, 3, 1, 0, 0, 1, True, 1, 'zeros', None, None, 4))",
    # Python's SyntaxErrors.
    "nn.Sequential(nn.Conv2d(1, 2, 3, stride=1, stride=2))",
    "nn.Sequential(nn.Conv2d(1, 2, stride=1, 3))",
    "nn.Sequential(nn.Conv2d(1, 2, 05))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, padding='same))",
    "nn.Sequential(\n  nn.ReLU(),\n  nn.Conv2d(1, 2, 3, padding_mode='zeros', padding_mode='zeros'))",
    # Values torch checks at construction (ValueError): Parse leaves them to the layers.
    "nn.Sequential(nn.Conv2d(1, 2, 3, padding='foo'))",
    "nn.Sequential(nn.Conv2d(3, 2, 3, groups=2))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, stride=2, padding='same'))",
    "nn.Sequential(nn.Conv2d(1, 2, 3, padding_mode='mirror'))",
    "nn.Sequential(nn.ConvTranspose2d(1, 2, 3, padding_mode='reflect'))",
    "nn.Sequential(nn.Dropout(1.5))",
]

# The arguments random layers are made from: name, required, and a maker of
# a random value of a kind Parse accepts (the options the playground refuses
# keep their defaults).
def r_int(lo, hi):
    return lambda r: r.randint(lo, hi)

def r_pair(lo, hi):
    return lambda r: r.randint(lo, hi) if r.random() < 0.6 else (r.randint(lo, hi), r.randint(lo, hi))

def r_float(r):
    return r.choice([0.0, 0.01, 0.1, 0.25, 1e-5, 1e-3, 2.5, -0.5, 1e-20, 123456.75])

def r_bool(r):
    return r.random() < 0.5

def const(v):
    return lambda r: v

CONV = [("in_channels", True, r_int(1, 8)), ("out_channels", True, r_int(1, 8)), ("kernel_size", True, r_pair(1, 5)),
        ("stride", False, r_pair(1, 3)), ("padding", False, lambda r: r.choice(["same", "valid", 0, 1, 2, (1, 2)]) if r.random() < 0.9 else -1),
        ("dilation", False, r_pair(1, 3)), ("groups", False, const(1)), ("bias", False, r_bool),
        ("padding_mode", False, lambda r: r.choice(["zeros", "reflect", "replicate", "circular"])),
        ("device", False, const(None)), ("dtype", False, const(None))]
ARGS = {
    "Conv2d": CONV,
    "ConvTranspose2d": CONV[:4] + [("padding", False, r_pair(0, 2)), ("output_padding", False, r_pair(0, 1)), ("groups", False, const(1)), ("bias", False, r_bool),
                                   ("dilation", False, r_pair(1, 3)), ("padding_mode", False, const("zeros")),
                                   ("device", False, const(None)), ("dtype", False, const(None))],
    "ReLU": [("inplace", False, r_bool)],
    "LeakyReLU": [("negative_slope", False, r_float), ("inplace", False, r_bool)],
    "Sigmoid": [],
    "Tanh": [],
    "MaxPool2d": [("kernel_size", True, r_pair(1, 4)), ("stride", False, lambda r: None if r.random() < 0.3 else r_pair(1, 3)(r)),
                  ("padding", False, r_pair(0, 2)), ("dilation", False, const(1)), ("return_indices", False, const(False)),
                  ("ceil_mode", False, const(False))],
    "AvgPool2d": [("kernel_size", True, r_pair(1, 4)), ("stride", False, lambda r: None if r.random() < 0.3 else r_pair(1, 3)(r)),
                  ("padding", False, r_pair(0, 2)), ("ceil_mode", False, const(False)), ("count_include_pad", False, const(True)),
                  ("divisor_override", False, const(None))],
    "BatchNorm2d": [("num_features", True, r_int(1, 64)), ("eps", False, r_float), ("momentum", False, r_float),
                    ("affine", False, const(True)), ("track_running_stats", False, const(True)),
                    ("device", False, const(None)), ("dtype", False, const(None))],
    "Dropout": [("p", False, lambda r: r.choice([0, 0.0, 0.1, 0.5, 1, 0.999])), ("inplace", False, r_bool)],
    "Flatten": [("start_dim", False, r_int(-4, 3)), ("end_dim", False, r_int(-4, 3))],
    "Linear": [("in_features", True, r_int(1, 5000)), ("out_features", True, r_int(1, 100)), ("bias", False, r_bool),
               ("device", False, const(None)), ("dtype", False, const(None))],
}


def random_layer(r, mistake):
    """A random layer's text: some arguments positional, some keywords in a
    random order; with mistake, one binding error of Python's kinds."""
    kind = r.choice(KINDS)
    params = ARGS[kind]
    n_req = sum(1 for p in params if p[1])
    npos = r.randint(0, len(params))
    if not mistake:
        npos = max(npos, min(n_req, len(params)))
    pos = [params[i][2](r) for i in range(npos)]
    kw = [(p[0], p[2](r)) for p in params[npos:] if p[1] or r.random() < 0.4]
    m = r.choice(["extra", "dup", "unknown", "missing"]) if mistake else ""
    if m == "extra":
        pos = [p[2](r) for p in params] + [1] * r.randint(1, 2)
        kw = []
    elif m == "dup" and npos > 0:
        name, _, make = params[r.randrange(npos)]
        kw.append((name, make(r)))
    elif m == "unknown":
        kw.append((r.choice(["strides", "kernel", "pad", "bias_", "inplace", "size"]), 1))
    elif m == "missing" and n_req > 0:
        pos = pos[:r.randrange(n_req)]
        kw = [(n, v) for n, v in kw if n not in [p[0] for p in params[:n_req]]]
    r.shuffle(kw)
    prefix = r.choice(["nn.", "nn.", "torch.nn.", ""])
    args = [repr(v) for v in pos] + [f"{n}={v!r}" for n, v in kw]
    return f"{prefix}{kind}({', '.join(args)})"


def pair(v):
    return list(v) if isinstance(v, tuple) else [v, v]


def attrs(m):
    """The bound arguments of a module, normalised to the pairs and floats
    that arch.Layer holds."""
    kind = type(m).__name__
    a = {"kind": kind}
    if kind in ("Conv2d", "ConvTranspose2d"):
        a.update(in_channels=m.in_channels, out_channels=m.out_channels, kernel_size=pair(m.kernel_size),
                 stride=pair(m.stride), padding=m.padding if isinstance(m.padding, str) else pair(m.padding),
                 dilation=pair(m.dilation), groups=m.groups, bias=m.bias is not None, padding_mode=m.padding_mode)
        if kind == "ConvTranspose2d":
            a["output_padding"] = pair(m.output_padding)
    elif kind in ("MaxPool2d", "AvgPool2d"):
        a.update(kernel_size=pair(m.kernel_size), stride=pair(m.stride), padding=pair(m.padding))
    elif kind == "BatchNorm2d":
        a.update(num_features=m.num_features, eps=float(m.eps), momentum=float(m.momentum))
    elif kind in ("ReLU", "LeakyReLU", "Dropout"):
        a["inplace"] = m.inplace
        if kind == "LeakyReLU":
            a["negative_slope"] = float(m.negative_slope)
        if kind == "Dropout":
            a["p"] = float(m.p)
    elif kind == "Flatten":
        a.update(start_dim=m.start_dim, end_dim=m.end_dim)
    elif kind == "Linear":
        a.update(in_features=m.in_features, out_features=m.out_features, bias=m.bias is not None)
    return a


def verdict(text):
    env = {"torch": torch, "nn": nn, **{k: getattr(nn, k) for k in KINDS + ["Sequential"]}}
    try:
        code = compile(text, "<text>", "exec" if "=" in text.split("(")[0] else "eval")
        net = eval(code, env)
        if net is None:
            net = env["model"]
        return {"text": text, "layers": [attrs(m) for m in net]}
    except SyntaxError as e:
        return {"text": text, "error": {"type": "SyntaxError", "msg": e.msg, "line": e.lineno, "col": e.offset}}
    except Exception as e:
        return {"text": text, "error": {"type": type(e).__name__, "msg": str(e).splitlines()[0]}}


def signature(kind):
    ps = list(inspect.signature(getattr(nn, kind).__init__).parameters.values())[1:]
    return {"kind": kind, "qualname": getattr(nn, kind).__init__.__qualname__.split(".")[0],
            "params": [{"name": p.name, "required": p.default is inspect.Parameter.empty,
                        "default": None if p.default is inspect.Parameter.empty else repr(p.default)} for p in ps]}


def main():
    r = random.Random(16)
    texts = list(HAND)
    for i in range(160):
        layers = [random_layer(r, mistake=(i % 3 == 2 and j == 0)) for j in range(r.randint(1, 3))]
        r.shuffle(layers)
        texts.append("nn.Sequential(" + ", ".join(layers) + ")")
    out = {"torch": torch.__version__, "signatures": [signature(k) for k in KINDS], "cases": [verdict(t) for t in texts]}
    with open("nn/arch/testdata/torch_cases.json", "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    main()
