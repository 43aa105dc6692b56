#!/usr/bin/python3
"""Fixtures for the model-file readers (conv/npy's .npz, package modelfile).

Run with Debian's PyTorch (1.13) and NumPy:  make golden  (or /usr/bin/python3 scripts/modelfiles.py)

Writes
  conv/npy/testdata/numpy_savez.npz             np.savez of the arrays below (stored)
  conv/npy/testdata/numpy_savez_compressed.npz  the same, np.savez_compressed (deflate)
  conv/npy/testdata/numpy_i8.npy                an int64 array

Deterministic: fixed values, and NumPy dates its zip members 1980-01-01.
"""
import os

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
NPYDATA = os.path.join(ROOT, "conv", "npy", "testdata")


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


write_npz()
