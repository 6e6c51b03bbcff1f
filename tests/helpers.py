"""Shared helpers for the tests (not a test module)."""

import functools

import numpy as np

import lrcore as lr

#: Chapter 8's house features: 13 numeric columns, then zipcode (one-hot encoded by ``house_training_rows``).
HOUSE_FEATURES = ("bedrooms", "bathrooms", "sqft_living", "sqft_lot", "floors", "waterfront", "view", "condition",
                  "grade", "yr_built", "lat", "long", "sqft_living15", "zipcode")


def lre(estimate, certified):
    """NIST's log relative error per entry, capped at 15 (absolute error where certified is 0)."""
    estimate, certified = np.asarray(estimate, float), np.asarray(certified, float)
    err = np.abs(estimate - certified)
    rel = np.where(certified != 0, err / np.where(certified != 0, np.abs(certified), 1.0), err)
    with np.errstate(divide="ignore"):
        return np.minimum(15.0, -np.log10(rel))


@functools.cache
def house_training_rows():
    """King County training rows (80 %, seed 42) as chapter 8 builds them: the 13 numeric features, then one
    dummy per zipcode except the first (98001, dropped so that the intercept is not collinear with them)."""
    X, y = lr.load_houses(list(HOUSE_FEATURES))
    levels = np.unique(X[:, -1])
    dummies = (X[:, -1:] == levels[1:]).astype(float)
    X_tr, _, y_tr, _ = lr.train_test_split(np.hstack([X[:, :-1], dummies]), y, test_size=0.2, seed=42)
    X_tr.flags.writeable = y_tr.flags.writeable = False  # shared between tests: nobody may change it
    return X_tr, y_tr


def minimum_star_on_screen(app, ax, xy):
    """Whether pixels of the minimum's star colour (``COLORS["optimum"]``) show within 4 px of data point ``xy``
    of ``ax`` in the app's current frame (a path drawn over the star hides them)."""
    from matplotlib.colors import to_rgb

    rgba = np.asarray(app.figure.canvas.buffer_rgba())
    sx, sy = ax.transData.transform(xy)
    px, py = int(sx), int(app.figure.bbox.height - sy)
    patch = rgba[py - 4: py + 5, px - 4: px + 5, :3].reshape(-1, 3).astype(int)
    star = np.round(np.array(to_rgb(lr.style.COLORS["optimum"])) * 255).astype(int)
    return bool((np.abs(patch - star).sum(axis=1) < 30).any())
