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
"""
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


def save(name, a):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(a, dtype=np.float32))


def main():
    torch.manual_seed(20261127)
    os.makedirs(OUT, exist_ok=True)
    net = Net(4, 8)
    state = net.state_dict()
    with open(os.path.join(OUT, "torch_net.bin"), "wb") as f:
        f.write(b"CPNN" + struct.pack("<II", 2, len(state)))
        for p in state.values():
            half = p.numpy().astype("<f2")  # round to nearest, ties to even
            f.write(struct.pack("<I", p.dim()) + struct.pack("<%dI" % p.dim(), *p.shape))
            f.write(half.tobytes())
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
    print("wrote", OUT)


if __name__ == "__main__":
    main()
