import numpy as np
import pytest

import lrcore as lr
from lrcore.robust import fit_mae


def test_fit_mae_matches_scikit_learn_median_regression():
    from sklearn import linear_model
    for seed in range(5):
        x, y = lr.make_line_data(n=40, seed=seed)
        y[-1] += 25
        w, b = fit_mae(x, y)
        ref = linear_model.QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(x[:, None], y)
        ours, best = lr.mae(y, w[0] * x + b), lr.mae(y, ref.predict(x[:, None]))
        assert ours == pytest.approx(best, rel=1e-5)


def test_fit_mae_ignores_one_outlier_more_than_least_squares():
    x, y = lr.make_line_data(n=30, noise=0.3, seed=2)
    y[np.argmax(x)] += 50
    w_mae, _ = fit_mae(x, y)
    w_ls, _ = lr.fit_closed_form(x, y)
    assert abs(w_mae[0] - 2.0) < 0.2 < abs(w_ls[0] - 2.0)


def test_fit_mae_bad_input():
    with pytest.raises(ValueError, match="max_iter"):
        fit_mae([1.0, 2.0], [1.0, 2.0], max_iter=0)
