#!/usr/bin/python3
"""PyTorch reference for package nn (make golden; run by /usr/bin/python3,
Debian's python3-torch 1.13 and python3-numpy).

Builds the network of package nn in PyTorch with small widths (C2=4, H=8) and
PyTorch's own initialisation, rounds its weights to float16 (the precision of
nn's file format) and writes them in that format with NumPy's own float16
conversion (nn/testdata/torch_net.bin, so the Go side also reads a file it did
not write), and, for a batch of 3 random images with labels, torch's logits,
the mean cross-entropy loss and the gradient of that loss for every parameter
(nn/testdata/torch_*.npy), computed in float32 with the rounded weights, so
they are exactly the weights Go loads. Deterministic: fixed seed.

Also the shape chain when conv1 is another layer (nn/testdata/torch_chain.json):
the network at the committed widths (C2=32, H=128) with conv1 replaced by each
case's nn.Conv2d, run on zeros of the case's input shape; per case the layers
that ran with their output shapes and, where a layer refuses, its name and
torch's message.
"""
import json
import os
import struct

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "testdata")


class Net(torch.nn.Module):
    def __init__(self, c2, h):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 20, 5, stride=1, padding=2)
        self.conv2 = torch.nn.Conv2d(20, c2, 5)
        self.fc1 = torch.nn.Linear(c2 * 25, h)
        self.fc2 = torch.nn.Linear(h, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(x)


# conv1 settings (in, out, kernel, stride, padding, dilation, padding_mode) and input shapes.
CHAIN_CASES = [
    ((1, 20, 5, 1, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 2, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 3, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 4, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 3, 1, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 1, 0, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 1, 2, 2, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 1, 2, 1, "reflect"), [1, 1, 28, 28]),
    ((1, 20, 5, 1, "same", 1, "zeros"), [1, 1, 28, 28]),
    ((1, 8, 5, 1, 2, 1, "zeros"), [1, 1, 28, 28]),
    ((1, 20, 5, 1, 2, 1, "zeros"), [1, 3, 64, 64]),
    ((1, 20, 5, 1, 2, 1, "zeros"), [1, 1, 28, 1]),
    ((1, 20, 5, 1, 2, 1, "zeros"), [16, 1, 28, 28]),
    ((1, 20, 5, 2, 2, 1, "zeros"), [16, 1, 28, 28]),
]


def chain_case(net, conv1, shape):
    cin, cout, k, stride, pad, dil, mode = conv1
    first = torch.nn.Conv2d(cin, cout, k, stride, pad, dil, padding_mode=mode)
    layers = [("conv1", first), ("relu1", F.relu), ("pool1", lambda t: F.max_pool2d(t, 2)),
              ("conv2", net.conv2), ("relu2", F.relu), ("pool2", lambda t: F.max_pool2d(t, 2)),
              ("flatten", lambda t: torch.flatten(t, 1)), ("fc1", net.fc1), ("relu3", F.relu), ("fc2", net.fc2)]
    out = dict(in_channels=cin, out_channels=cout, kernel=k, stride=stride, dilation=dil, padding_mode=mode,
               padding=0 if isinstance(pad, str) else pad, padding_string=pad if isinstance(pad, str) else "",
               input=shape, stages=[["input", shape]], broken="", error="")
    x = torch.zeros(shape)
    with torch.no_grad():
        for name, f in layers:
            try:
                x = f(x)
            except Exception as e:
                out["broken"], out["error"] = name, str(e)
                break
            out["stages"].append([name, list(x.shape)])
    return out


def write_chain():
    net = Net(32, 128)
    cases = [chain_case(net, c, s) for c, s in CHAIN_CASES]
    with open(os.path.join(OUT, "torch_chain.json"), "w") as f:
        json.dump(dict(c2=32, h=128, cases=cases), f, indent=1)
        f.write("\n")


def save(name, a):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(a, dtype=np.float32))


def main():
    torch.manual_seed(20261127)
    os.makedirs(OUT, exist_ok=True)
    net = Net(4, 8)
    state = net.state_dict()
    with open(os.path.join(OUT, "torch_net.bin"), "wb") as f:
        f.write(b"CPNN" + struct.pack("<II", 3, len(state)))
        for p in state.values():
            half = p.numpy().astype("<f2")  # round to nearest, ties to even
            f.write(struct.pack("<I", p.dim()) + struct.pack("<%dI" % p.dim(), *p.shape))
            planes = half.reshape(-1).view("u1").reshape(-1, 2)  # (low, high) per value
            f.write(planes[:, 1].tobytes() + planes[:, 0].tobytes())  # high bytes, then low
            with torch.no_grad():  # the reference uses the weights as stored
                p.copy_(torch.from_numpy(half.astype(np.float32)))
    x = torch.rand(3, 1, 28, 28)
    labels = torch.tensor([3, 7, 0])
    logits = net(x)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    save("torch_x.npy", x.numpy())
    save("torch_labels.npy", labels.numpy())
    save("torch_logits.npy", logits.detach().numpy())
    save("torch_loss.npy", loss.detach().numpy().reshape(1))
    for name, p in net.named_parameters():
        save("torch_grad_%s.npy" % name, p.grad.numpy())
    write_chain()
    print("wrote", OUT)


if __name__ == "__main__":
    main()
