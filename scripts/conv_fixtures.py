"""What the conv fixture scripts (golden.py, golden_transpose.py) share: running a
case through torch as the Go side does, and the fixture directory with its index.json."""
import json
import os

import numpy as np
import torch


def run(module, s, shape):
    """Returns (module(s), error or None): the first error torch raises, like the Go side."""
    try:
        m = module(s)
    except Exception as e:  # ValueError from the constructor, RuntimeError from torch.empty
        return None, e
    try:
        m(torch.zeros(shape))
    except Exception as e:
        return m, e
    return m, None


def clear(directory):
    """Makes the fixture directory, empty."""
    os.makedirs(directory, exist_ok=True)
    for f in os.listdir(directory):
        os.remove(os.path.join(directory, f))


def write_index(directory, cases, script):
    """Writes index.json of every case and prints how many are valid and rejected."""
    with open(os.path.join(directory, "index.json"), "w") as f:
        # One case per line: small, and diffs stay readable.
        f.write('{"torch": %s, "numpy": %s, "cases": [\n' % (json.dumps(torch.__version__), json.dumps(np.__version__)))
        f.write(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
        f.write("\n]}\n")
    valid = sum("file" in c for c in cases)
    print("%s: %d valid, %d rejected" % (script, valid, len(cases) - valid))
