#!/usr/bin/python3
"""Fixtures for the model-file readers (conv/npy's .npz, package modelfile).

Run with Debian's PyTorch (1.13) and NumPy:  make golden  (or /usr/bin/python3 scripts/modelfiles.py)

Writes
  conv/npy/testdata/numpy_savez.npz             np.savez of the arrays below (stored)
  conv/npy/testdata/numpy_savez_compressed.npz  the same, np.savez_compressed (deflate)
  conv/npy/testdata/numpy_i8.npy                an int64 array
  modelfile/testdata/NAME.pt, .safetensors, .npz  model files (torch.save, hand-written
                                                safetensors, np.savez), each with
  modelfile/testdata/NAME.want.npz              the tensors a reader must find in NAME.*, in
                                                order, as float32 (float dtypes) or int64
  modelfile/testdata/refused_*.pt               files the reader must refuse (a whole pickled
                                                module, a foreign global, the legacy format)

Deterministic: fixed seeds and values; NumPy and torch date their zip members 1980-01-01.
"""
import collections
import json
import os
import struct

import numpy as np
import torch
import torch.nn as nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
NPYDATA = os.path.join(ROOT, "conv", "npy", "testdata")
MODELDATA = os.path.join(ROOT, "modelfile", "testdata")


def npz_arrays():
    """The arrays of the .npz fixtures; conv/npy's tests build the same values."""
    return dict(
        w=np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8 - 1,
        b=np.arange(5, dtype=np.float64) * 1.5 - 2,
        num_batches_tracked=np.array(7, dtype=np.int64),  # 0-d, as torch's BatchNorm buffer
        idx=np.array([-3, 1 << 40], dtype=np.int64),
        empty=np.zeros((0, 3), np.float32),
    )


def write_npz():
    a = npz_arrays()
    # a positional array, keyed arr_0 by NumPy (which puts it after the keywords)
    np.savez(os.path.join(NPYDATA, "numpy_savez.npz"), np.float32(2.5), **a)
    np.savez_compressed(os.path.join(NPYDATA, "numpy_savez_compressed.npz"), np.float32(2.5), **a)
    np.save(os.path.join(NPYDATA, "numpy_i8.npy"), a["idx"])


class SmallCNN(nn.Module):
    """conv + bn + linear, with the key names of a torchvision-style model."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Conv2d(4, 6, 3, bias=False))
        self.classifier = nn.Linear(6 * 2 * 2, 3)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def small_cnn():
    torch.manual_seed(0)
    m = SmallCNN()
    m.train()
    m(torch.randn(2, 1, 6, 6))  # moves the batch norm's running stats and num_batches_tracked
    return m


def want(sd):
    """The values a reader must give: float dtypes as float32 (torch's .float()), int64 as is."""
    out = collections.OrderedDict()
    for k, t in sd.items():
        t = t.detach()
        out[k] = np.array(t.numpy() if t.dtype == torch.int64 else t.float().numpy(), order="C")
    return out


def save_pt(name, obj, sd):
    torch.save(obj, os.path.join(MODELDATA, name + ".pt"))
    np.savez(os.path.join(MODELDATA, name + ".want.npz"), **want(sd))


def dtypes_dict():
    """Every dtype, views with offsets and strides, and two keys sharing a storage."""
    g = torch.Generator().manual_seed(1)
    base = torch.randn(4, 5, generator=g)
    big = torch.randn(6, 7, generator=g, dtype=torch.float64) * 1e3
    sd = collections.OrderedDict()
    sd["f32"] = torch.randn(2, 3, generator=g)
    sd["f16"] = torch.randn(3, 2, generator=g).half()
    sd["bf16"] = torch.randn(2, 2, 2, generator=g).bfloat16()
    sd["f64"] = big
    sd["i64"] = torch.tensor([-5, 0, 1 << 40], dtype=torch.int64)
    sd["scalar_i64"] = torch.tensor(3, dtype=torch.int64)
    sd["transposed"] = base.t()  # strides (1, 5)
    sd["view"] = base[1:, 2:]  # offset 7, strides (5, 1)
    sd["tied"] = base  # the same storage as the two views above
    sd["f64_view"] = big[::2, 1::3]  # offset 1, strides (14, 3)
    sd["f16_t"] = sd["f16"].t()
    sd["empty"] = torch.zeros(0, 3)
    specials = [0.0, -0.0, 1.0, -2.5, 65504.0, 6e-8, -3e-5, float("inf"), float("-inf"), float("nan")]
    sd["f16_specials"] = torch.tensor(specials, dtype=torch.float16)  # subnormals, infinities, NaN
    sd["bf16_specials"] = torch.tensor(specials + [1e38, 1e-40], dtype=torch.bfloat16)
    sd["f64_specials"] = torch.tensor(specials + [1e-46, 3.4028235677973366e38], dtype=torch.float64)
    return sd


def safetensors_bytes(tensors, metadata):
    """The safetensors format by hand: u64 header length, JSON header, raw little-endian data."""
    names = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64", torch.int64: "I64"}
    header, blobs, off = {"__metadata__": metadata}, [], 0
    for k, t in tensors.items():
        t = t.contiguous()
        raw = t.view(torch.int16).numpy().tobytes() if t.dtype == torch.bfloat16 else t.numpy().tobytes()
        header[k] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)  # the reference writer pads the header to 8 bytes
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def write_models():
    os.makedirs(MODELDATA, exist_ok=True)
    m = small_cnn()
    sd = m.state_dict()
    save_pt("cnn", sd, sd)
    m2 = small_cnn()
    opt = torch.optim.SGD(m2.parameters(), lr=0.1, momentum=0.9)
    m2(torch.randn(2, 1, 6, 6)).sum().backward()
    opt.step()  # momentum buffers: dicts of tensors deeper in the file than the model's
    save_pt("nested_model", {"optimizer": opt.state_dict(), "model": m2.state_dict(), "epoch": 3}, m2.state_dict())
    save_pt("nested_state_dict", {"state_dict": sd, "arch": "SmallCNN"}, sd)
    d = dtypes_dict()
    save_pt("dtypes", d, d)
    params = collections.OrderedDict(m.named_parameters())  # nn.Parameter, not plain tensors
    save_pt("parameters", params, params)

    with open(os.path.join(MODELDATA, "dtypes.safetensors"), "wb") as f:
        f.write(safetensors_bytes(d, {"format": "pt"}))
    np.savez(os.path.join(MODELDATA, "cnn.npz"), **{k: t.numpy() for k, t in sd.items()})

    torch.save(m, os.path.join(MODELDATA, "refused_module.pt"))
    torch.save({"w": sd["classifier.bias"], "f": print}, os.path.join(MODELDATA, "refused_global.pt"))
    # no tensors: the legacy format keys storages by memory address, which would change every run
    torch.save({"epoch": 3}, os.path.join(MODELDATA, "refused_legacy.pt"), _use_new_zipfile_serialization=False)


if __name__ == "__main__":  # modelui.py imports safetensors_bytes
    write_npz()
    write_models()
