#!/usr/bin/python3
"""Fixtures for opening a model in the playground (game/state's modelopen tests).

Run with Debian's PyTorch (1.13):  make golden  (or /usr/bin/python3 scripts/modelui.py)

Writes
  game/state/testdata/resnet_stem.pt   torch.save of a ResNet's stem state_dict: conv1.weight
                                       [64, 3, 7, 7] (float16, as a half-precision checkpoint
                                       stores it; kaiming init), bn1's parameters and buffers
  game/state/testdata/alexnet_stem.pt  torch.save of AlexNet's first layer: features.0.weight
                                       [64, 3, 11, 11] (float16) and its bias
  game/state/testdata/tinyvgg.pt       torch.save of nn/arch's TinyVGG preset's state_dict
                                       (nn.Sequential keys 0.weight, 0.bias, ...)
  game/state/testdata/tinyvgg.io.npz   x [2, 1, 28, 28] and the network's eval-mode y = net(x)
  game/state/testdata/tinyvgg.safetensors       the same state_dict as a safetensors file
  game/state/testdata/tinyvgg_5class.safetensors TinyVGG with a last Linear(160, 5): every key
                                       of the preset, 11.weight [5, 160] and 11.bias [5] not its shapes

Deterministic: fixed seeds; torch dates its zip members 1980-01-01.
"""
import os

import numpy as np
import torch
import torch.nn as nn

from modelfiles import safetensors_bytes

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "game", "state", "testdata")


def resnet_stem():
    torch.manual_seed(18)
    conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
    bn1 = nn.BatchNorm2d(64)
    sd = {"conv1.weight": conv1.weight.detach().half()}
    for k, v in bn1.state_dict().items():
        sd["bn1." + k] = v
    torch.save(sd, os.path.join(OUT, "resnet_stem.pt"))


def alexnet_stem():
    torch.manual_seed(11)
    conv = nn.Conv2d(3, 64, 11, stride=4, padding=2)
    sd = {"features.0.weight": conv.weight.detach().half(), "features.0.bias": conv.bias.detach().half()}
    torch.save(sd, os.path.join(OUT, "alexnet_stem.pt"))


def tinyvgg_net(classes):
    return nn.Sequential(
        nn.Conv2d(1, 10, 3), nn.ReLU(), nn.Conv2d(10, 10, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(10, 10, 3), nn.ReLU(), nn.Conv2d(10, 10, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(160, classes)).eval()


def tinyvgg():
    torch.manual_seed(7)
    net = tinyvgg_net(10)
    torch.save(net.state_dict(), os.path.join(OUT, "tinyvgg.pt"))
    with open(os.path.join(OUT, "tinyvgg.safetensors"), "wb") as f:
        f.write(safetensors_bytes(net.state_dict(), {"format": "pt"}))
    with open(os.path.join(OUT, "tinyvgg_5class.safetensors"), "wb") as f:
        f.write(safetensors_bytes(tinyvgg_net(5).state_dict(), {"format": "pt"}))
    x = torch.rand(2, 1, 28, 28)
    with torch.no_grad():
        y = net(x)
    np.savez(os.path.join(OUT, "tinyvgg.io.npz"), x=x.numpy(), y=y.numpy())


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    resnet_stem()
    alexnet_stem()
    tinyvgg()
