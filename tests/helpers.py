"""Shared helpers for the tests (not a test module)."""

import numpy as np


def lre(estimate, certified):
    """NIST's log relative error per entry, capped at 15 (absolute error where certified is 0)."""
    estimate, certified = np.asarray(estimate, float), np.asarray(certified, float)
    err = np.abs(estimate - certified)
    rel = np.where(certified != 0, err / np.where(certified != 0, np.abs(certified), 1.0), err)
    with np.errstate(divide="ignore"):
        return np.minimum(15.0, -np.log10(rel))
