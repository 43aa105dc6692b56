#!/usr/bin/python3
"""Golden fixtures for package nn's layers, networks and optimizers: what torch 1.13 computes.

Run with Debian's PyTorch (1.13) and NumPy:  make golden  (or /usr/bin/python3 scripts/nn_layers_golden.py)

Writes nn/testdata/layers/index.json, one entry per case:
  text     the network as nn.Sequential(...) source (what nn/arch parses; torch builds it by eval);
           repr (grad cases): each layer as torch prints it
  input    the input shape; train: whether the forward runs in training mode
  kind     "grad":  forward and backward of (out * gy).sum()
           "train": `steps` steps of cross_entropy + SGD(lr, momentum) or Adam(lr), labels given
           "error": torch refuses: `error` is its first line, `layer` the index of the layer that refuses
  file     NNN.npz (not for errors): state.KEY (the state_dict before), x, and
           grad:  gy, out, gx, grad.KEY (every parameter), after.KEY (the state_dict after the forward)
           train: labels (int64), losses (each step's loss), after.KEY (the state_dict after the steps);
                  three cases (SGD, SGD momentum 0.9, Adam) per network, from the same start;
                  only networks whose float32 results are within 2e-5 of torch's float64 runs (add_train)
           "loss":  cross_entropy refusing the labels of logits [N, C] (input): `labels`, `error`
           "load":  state.KEY as given to load_state_dict (float64, keys missing, unexpected,
                    of another shape), x, and out (eval) or `error`, load_state_dict's whole message
Deterministic: fixed seeds, one thread.
"""
import copy
import json
import os
import shutil
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

warnings.simplefilter("ignore")
torch.set_num_threads(1)
torch.manual_seed(0)
rng = np.random.default_rng(2026)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "nn", "testdata", "layers")


def pick(*xs):
    return xs[rng.integers(len(xs))]


def ri(lo, hi):
    return int(rng.integers(lo, hi + 1))


def text(layers):
    return "nn.Sequential(\n" + "".join("    nn.%s,\n" % l for l in layers) + ")"


def build(layers):
    return nn.Sequential(*[eval("nn." + l, {"nn": nn}) for l in layers])


def first_line(e):
    return str(e).strip().split("\n")[0]


def randn(*shape):
    return torch.from_numpy(rng.standard_normal(shape).astype(np.float32))


def randomize(m):
    """Random parameters and running statistics, so no test rests on an init."""
    with torch.no_grad():
        for k, v in m.state_dict().items():
            if k.endswith("num_batches_tracked"):
                v.fill_(ri(0, 5))
            elif k.endswith("running_var"):
                v.copy_(torch.from_numpy(rng.uniform(0.5, 2, v.shape).astype(np.float32)))
            else:
                v.copy_(randn(*v.shape) * 0.5)


def state(prefix, m):
    return {prefix + k: v.detach().numpy().copy() for k, v in m.state_dict().items()}


cases = []


def save(case, arrays):
    case["id"] = len(cases)
    if arrays is not None:
        case["file"] = "%03d.npz" % case["id"]
        np.savez_compressed(os.path.join(OUT, case["file"]), **arrays)
    cases.append(case)


def refusal(layers, shape, train):
    """(index, first line) of the layer torch refuses, or None."""
    mods = []
    for i, l in enumerate(layers):
        try:
            mods.append(eval("nn." + l, {"nn": nn}))
        except Exception as e:
            return i, first_line(e)
    x = torch.zeros(shape)
    for i, m in enumerate(mods):
        m.train(train)
        try:
            x = m(x)
        except Exception as e:
            return i, first_line(e)
    return None


def add_grad(layers, shape, train):
    assert refusal(layers, shape, train) is None, (layers, shape)
    m = build(layers)
    randomize(m)
    m.train(train)
    arrays = state("state.", m)
    x = randn(*shape).requires_grad_()
    out = m(x.clone())  # a clone: an inplace first layer may not write a leaf
    gy = randn(*out.shape)
    (out * gy).sum().backward()
    arrays.update(x=x.detach().numpy(), gy=gy.numpy(), out=out.detach().numpy(), gx=x.grad.numpy())
    arrays.update({"grad." + k: p.grad.numpy() for k, p in m.named_parameters()})
    arrays.update(state("after.", m))
    save(dict(kind="grad", text=text(layers), input=list(shape), train=train, repr=[repr(l) for l in m]), arrays)


def add_error(layers, shape, train):
    r = refusal(layers, shape, train)
    assert r is not None, (layers, shape)
    save(dict(kind="error", text=text(layers), input=list(shape), train=train, layer=r[0], error=r[1]), None)


def run_steps(m, x, labels, optim, lr, momentum, steps):
    if optim == "sgd":
        opt = torch.optim.SGD(m.parameters(), lr=lr, momentum=momentum)
    else:
        opt = torch.optim.Adam(m.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = F.cross_entropy(m(x), labels)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


skipped = 0


OPTIMIZERS = (("sgd", 0, 0.05), ("sgd", 0.9, 0.02), ("adam", 0, 0.01))


def add_train(layers, shape, classes, steps):
    """Adds one case per optimizer (SGD, SGD with momentum, Adam), all from the same
    start (weights, batch, labels), unless for one of them torch's own float32 steps
    end more than 2e-5 away from its float64 steps: then the result is rounding noise
    (Adam turns a gradient at the noise level into a step of lr), which no other
    float32 code can match, and the network is not used."""
    global skipped
    m = build(layers)
    randomize(m)
    m.train(True)
    start = state("state.", m)
    x = randn(*shape)
    labels = torch.from_numpy(rng.integers(0, classes, shape[0]))
    runs = []
    for optim, momentum, lr in OPTIMIZERS:
        m32, m64 = copy.deepcopy(m), copy.deepcopy(m).double()
        losses = run_steps(m32, x, labels, optim, lr, momentum, steps)
        run_steps(m64, x.double(), labels, optim, lr, momentum, steps)
        s32, s64 = m32.state_dict(), m64.state_dict()
        if any(((s32[k].double() - s64[k]).abs() / s64[k].abs().clamp(min=1)).max() > 2e-5 for k in s32):
            skipped += 1
            return False
        runs.append((optim, momentum, lr, losses, state("after.", m32)))
    for optim, momentum, lr, losses, after in runs:
        arrays = dict(start, x=x.numpy(), labels=labels.numpy(), losses=np.array(losses, np.float64), **after)
        save(dict(kind="train", text=text(layers), input=list(shape), train=True, optim=optim, lr=lr,
                  momentum=momentum, steps=steps), arrays)
    return True


# One layer, random settings.

def conv_layer(cin):
    cout_g = ri(1, 3)
    groups = pick(1, 1, 1, cin) if cin > 1 else 1
    cout = cout_g * groups
    k = pick(1, 2, 3, (2, 3), 5)
    args = ["%d, %d, %s" % (cin, cout, str(k))]
    stride = pick(1, 1, 2, (1, 2))
    padding = pick(0, 1, 2, (1, 0), "'same'", "'valid'")
    if padding == "'same'":
        stride = 1
    if stride != 1:
        args.append("stride=%s" % (stride,))
    if padding != 0:
        args.append("padding=%s" % (padding,))
    if rng.random() < 0.3:
        args.append("dilation=%s" % (pick(2, (1, 2)),))
    if groups != 1:
        args.append("groups=%d" % groups)
    if rng.random() < 0.3:
        args.append("bias=False")
    if rng.random() < 0.3 and padding not in ("'same'",):
        args.append("padding_mode='%s'" % pick("reflect", "replicate", "circular"))
    return "Conv2d(%s)" % ", ".join(args)


def pool_layer(kind):
    k = pick(2, 3, (2, 3))
    kk = (k, k) if isinstance(k, int) else k
    args = [str(k)]
    if rng.random() < 0.5:
        args.append("stride=%s" % (pick(1, 2, (2, 1)),))
    if rng.random() < 0.5:
        # (a, a) written as a: a module prints its arguments as given, and
        # the Go layers (from parsed pairs) print a pair of equal sides as one
        pad = pick(*[(a, b) for a in range(kk[0] // 2 + 1) for b in range(kk[1] // 2 + 1)])
        args.append("padding=%s" % (pad[0] if pad[0] == pad[1] else pad,))
    return "%s(%s)" % (kind, ", ".join(args))


def layer_cases():
    for _ in range(14):
        cin = ri(1, 4)
        shape = (ri(1, 3), cin, ri(5, 9), ri(5, 9))
        l = conv_layer(cin)
        if refusal([l], shape, True) is None:
            add_grad([l], shape, True)
    for kind in ("MaxPool2d", "AvgPool2d"):
        for _ in range(6):
            shape = (ri(1, 3), ri(1, 3), ri(4, 9), ri(4, 9))
            add_grad([pool_layer(kind)], shape, True)
    for l in ("ReLU()", "ReLU(inplace=True)", "LeakyReLU()", "LeakyReLU(0.2)", "Sigmoid()", "Tanh()", "Flatten()"):
        add_grad([l], (2, 3, 4, 5), True)
    for train in (True, False):
        for _ in range(3):
            c = ri(1, 4)
            args = "%d" % c if rng.random() < 0.5 else "%d, eps=0.001, momentum=0.3" % c
            add_grad(["BatchNorm2d(%s)" % args], (ri(1, 3), c, ri(2, 5), ri(2, 5)), train)
    add_grad(["Dropout(0.3)"], (2, 3, 4, 4), False)
    for bias in ("", ", bias=False"):
        add_grad(["Linear(12, 5%s)" % bias], (3, 12), True)
    add_grad(["Linear(6, 4)"], (2, 3, 6), True)  # leading dimensions are rows


# Random small networks.

def features(layers, shape):
    x = torch.zeros(shape)
    m = build(layers)
    m.eval()
    return m(x).shape


def random_net(classes, dropout):
    cin, h = pick(1, 3), ri(7, 10)
    shape = (ri(1, 4), cin, h, h)
    layers = []
    for _ in range(ri(1, 3)):
        cout = ri(2, 6)
        k = pick(3, 3, 5)
        pad = pick(0, k // 2, "'same'")
        bn = rng.random() < 0.4
        # A bias before BatchNorm has a zero gradient in exact arithmetic:
        # its rounding noise, which Adam scales up to lr-sized steps, is
        # all that would move it (no net does that: bias=False).
        layers.append("Conv2d(%d, %d, %d%s%s)" % (cin, cout, k, "" if pad == 0 else ", padding=%s" % pad,
                                                 ", bias=False" if bn else ""))
        if bn:
            layers.append("BatchNorm2d(%d)" % cout)
        layers.append(pick("ReLU()", "ReLU()", "LeakyReLU(0.1)", "Tanh()", "Sigmoid()"))
        s = features(layers, shape)
        if s[2] >= 4 and rng.random() < 0.8:
            layers.append(pick("MaxPool2d(2)", "MaxPool2d(3, stride=2, padding=1)", "AvgPool2d(2)"))
        cin = cout
        if features(layers, shape)[2] < 5:
            break
    if dropout:
        layers.append("Dropout(0.25)")
    layers.append("Flatten()")
    n = int(np.prod(features(layers, shape)[1:]))
    if rng.random() < 0.5:
        hidden = ri(5, 16)
        layers += ["Linear(%d, %d)" % (n, hidden), pick("ReLU()", "Tanh()")]
        n = hidden
    layers.append("Linear(%d, %d)" % (n, classes))
    return layers, shape


def net_cases():
    for i in range(12):
        layers, shape = random_net(10, dropout=(i % 4 == 3))
        has_bn = any(l.startswith("BatchNorm") for l in layers)
        add_grad(layers, shape, train=not any(l.startswith("Dropout") for l in layers))
        if has_bn:
            add_grad(layers, shape, train=False)
    added = 0
    while added < 5:
        layers, shape = random_net(ri(2, 10), dropout=False)
        added += add_train(layers, shape, int(layers[-1].split(", ")[-1].rstrip(")")), ri(2, 5))


# load_state_dict: what it refuses (its whole message), and float64 values it converts.

def add_load(layers, shape, edit):
    m = build(layers)
    randomize(m)
    m.eval()
    sd = {k: v.numpy().copy() for k, v in m.state_dict().items()}
    edit(sd)
    x = randn(*shape)
    case = dict(kind="load", text=text(layers), input=list(shape), train=False)
    arrays = {"state." + k: v for k, v in sd.items()}
    arrays["x"] = x.numpy()
    try:
        m.load_state_dict({k: torch.from_numpy(v) for k, v in sd.items()})
        arrays["out"] = m(x).detach().numpy()
    except RuntimeError as e:
        case["error"] = str(e)
    save(case, arrays)


def load_cases():
    net = ["Conv2d(1, 3, 3)", "BatchNorm2d(3)", "ReLU()", "Flatten()", "Linear(48, 4)"]
    shape = (2, 1, 6, 6)

    def f64(sd):
        for k in sd:
            if sd[k].dtype == np.float32:
                sd[k] = sd[k].astype(np.float64)

    def missing(sd):
        del sd["0.bias"], sd["1.num_batches_tracked"]

    def unexpected(sd):
        sd["7.weight"] = np.zeros((2, 2), np.float32)
        sd["0.extra"] = np.zeros(3, np.float32)

    def mismatch(sd):
        sd["0.weight"] = np.zeros((3, 1, 5, 5), np.float32)
        sd["4.bias"] = np.zeros(5, np.float32)

    def everything(sd):
        missing(sd)
        unexpected(sd)
        mismatch(sd)

    for edit in (f64, missing, unexpected, mismatch, everything):
        add_load(net, shape, edit)


# What torch refuses, at which layer.

def error_cases():
    E = add_error
    E(["Conv2d(1, 4, 3)", "ReLU()", "Flatten()", "Linear(47, 10)"], (4, 1, 6, 6), False)
    E(["Conv2d(1, 4, 3)", "MaxPool2d(2)", "Flatten()", "Linear(100, 10)"], (2, 1, 8, 8), False)
    E(["Linear(12, 5)"], (2, 3, 4, 5), False)
    E(["Conv2d(1, 4, 3)", "MaxPool2d(4)"], (1, 1, 5, 5), False)
    E(["MaxPool2d(3, padding=2)"], (1, 1, 8, 8), False)
    E(["AvgPool2d(2, padding=2)"], (1, 1, 8, 8), False)
    E(["AvgPool2d(5)"], (1, 2, 3, 8), False)
    E(["MaxPool2d(2, stride=0)"], (1, 1, 8, 8), False)
    E(["MaxPool2d(2)"], (1, 8), False)
    E(["Conv2d(3, 4, 3)"], (1, 1, 8, 8), False)
    E(["Conv2d(1, 4, 9)"], (1, 1, 8, 8), False)
    E(["Conv2d(4, 4, 3, groups=3)"], (1, 4, 8, 8), False)
    E(["Conv2d(1, 4, 3, stride=2, padding='same')"], (1, 1, 8, 8), False)
    E(["Conv2d(1, 4, 3)", "BatchNorm2d(3)"], (2, 1, 8, 8), False)
    E(["Conv2d(1, 4, 3)", "BatchNorm2d(4)"], (1, 1, 3, 3), True)
    E(["Flatten()", "BatchNorm2d(4)"], (2, 4, 3, 3), True)
    E(["Conv2d(1, 2, 3)", "Dropout(1.5)"], (1, 1, 8, 8), False)
    E(["Conv2d(1, 2, 3, padding=4, padding_mode='reflect')"], (1, 1, 3, 3), False)
    E(["Flatten(2, 1)"], (1, 2, 3, 3), False)
    E(["Flatten(start_dim=4)"], (1, 2, 3, 3), False)
    E(["Linear(-1, 3)"], (1, 2), False)
    E(["Linear(4, 3)"], (), False)
    E(["Linear(4, 3)"], (5,), False)
    E(["Flatten()"], (5,), False)
    E(["Flatten()"], (), False)
    # cross_entropy's refusals of the labels (kind "loss"): logits [N, C], labels.
    for n, c, labels in ((2, 3, [0, 3]), (2, 3, [0, -1]), (3, 4, [1, 2])):
        try:
            F.cross_entropy(torch.zeros(n, c), torch.tensor(labels))
        except Exception as e:
            save(dict(kind="loss", input=[n, c], labels=labels, error=first_line(e)), None)


def unbatched_cases():
    """A 3-D [C, H, W] input (torch runs Conv2d and pooling on it unbatched)
    down to a 1-D one for Linear. Last: the cases before keep their random draws."""
    add_grad(["Conv2d(2, 3, 3, padding=1)", "Tanh()", "AvgPool2d(2)", "MaxPool2d(2, stride=1)", "Flatten(0)", "Linear(27, 5)"],
             (2, 8, 8), True)


def transpose_cases():
    """nn.ConvTranspose2d: random settings, an upsampling network trained, a
    refusal. Last: the cases before keep their random draws."""
    added = 0
    while added < 6:
        cin, groups = ri(1, 4), 1
        if cin % 2 == 0 and rng.random() < 0.3:
            groups = 2
        cout = groups * ri(1, 3)
        k, stride, dilation = pick(1, 2, 3, (2, 3), 4), pick(1, 2, (2, 1), 3), pick(1, 1, 2)
        ss = stride if isinstance(stride, tuple) else (stride, stride)
        args = ["%d, %d, %s" % (cin, cout, str(k)), "stride=%s" % (stride,), "padding=%d" % ri(0, 1)]
        op = ri(0, max(min(ss), dilation) - 1)  # below stride or dilation on both axes
        if op:
            args.append("output_padding=%d" % op)
        if dilation != 1:
            args.append("dilation=%d" % dilation)
        if groups != 1:
            args.append("groups=%d" % groups)
        if rng.random() < 0.3:
            args.append("bias=False")
        l = "ConvTranspose2d(%s)" % ", ".join(args)
        shape = (ri(1, 3), cin, ri(2, 6), ri(2, 6))
        if refusal([l], shape, True) is None:
            add_grad([l], shape, True)
            added += 1
    net = ["Conv2d(1, 4, 3, stride=2, padding=1)", "ReLU()", "ConvTranspose2d(4, 2, 4, stride=2, padding=1)",
           "Tanh()", "Flatten()", "Linear(128, 3)"]
    while not add_train(net, (2, 1, 8, 8), 3, 3):
        pass
    add_error(["ConvTranspose2d(2, 2, 3, stride=1, output_padding=1)"], (1, 2, 5, 5), False)
    add_error(["ConvTranspose2d(2, 2, 3, padding_mode='reflect')"], (1, 2, 5, 5), False)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    layer_cases()
    net_cases()
    load_cases()
    error_cases()
    unbatched_cases()
    transpose_cases()
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
    kinds = {}
    for c in cases:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print("wrote %d cases to %s: %s (%d training networks skipped: float32 != float64)" % (len(cases), OUT, kinds, skipped))


main()
