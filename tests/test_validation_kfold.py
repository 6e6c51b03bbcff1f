"""k-fold cross-validation (lrcore.validation) against scikit-learn's KFold and RidgeCV."""

import numpy as np
import pytest
from helpers import house_training_rows

import lrcore as lr

model_selection = pytest.importorskip("sklearn.model_selection")
sklearn_linear = pytest.importorskip("sklearn.linear_model")


@pytest.mark.parametrize(("n", "k", "seed"), [(10, 3, 0), (21613, 5, 42), (17, 17, 3), (100, 7, None)])
def test_folds_are_sklearns_kfold(n, k, seed):
    mine = lr.kfold_indices(n, k, random_state=seed)
    assert len(mine) == k
    vals = np.concatenate([v for _, v in mine])
    assert np.array_equal(np.sort(vals), np.arange(n))                  # every row validated exactly once
    for train, val in mine:
        assert np.intersect1d(train, val).size == 0 and train.size + val.size == n
    if seed is not None:
        ref = model_selection.KFold(k, shuffle=True, random_state=seed).split(np.zeros(n))
        for (train, val), (rtrain, rval) in zip(mine, ref, strict=True):
            assert np.array_equal(val, rval) and np.array_equal(train, rtrain)


def test_unshuffled_folds_are_consecutive():
    folds = lr.kfold_indices(10, 3, shuffle=False)
    assert [v.tolist() for _, v in folds] == [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]


def test_choose_alpha_matches_ridgecv_on_the_house_data():
    X_tr, y = house_training_rows()
    X = lr.standardize(X_tr)[0]
    alphas = np.logspace(-1, 4, 11)
    choice = lr.choose_alpha_kfold(X, y, alphas, k=5, random_state=0)
    cv = model_selection.KFold(5, shuffle=True, random_state=0)
    ref = sklearn_linear.RidgeCV(alphas=alphas, cv=cv, scoring="neg_mean_squared_error").fit(X, y)
    assert choice.alpha == ref.alpha_
    w, b = lr.fit_ridge(X, y, choice.alpha)
    theta, theta_ref = np.append(w, b), np.append(ref.coef_, ref.intercept_)
    assert np.max(np.abs(theta - theta_ref) / np.abs(theta_ref)) < 1e-6
    # the per-α scores are those of a grid search over the same folds
    grid = model_selection.GridSearchCV(sklearn_linear.Ridge(), {"alpha": alphas}, cv=cv,
                                        scoring="neg_mean_squared_error").fit(X, y)
    assert np.allclose(choice.mean_mse, -grid.cv_results_["mean_test_score"], rtol=1e-9)
    assert choice.fold_mse.shape == (11, 5) and choice.best_index == int(np.argmin(choice.mean_mse))


def test_an_interior_alpha_wins_when_features_outnumber_the_signal():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 40))
    y = X[:, 0] + rng.normal(size=60)
    choice = lr.choose_alpha_kfold(X, y, np.logspace(-3, 4, 15), k=5, random_state=1)
    assert 0 < choice.best_index < 14


def test_standardize_inside_each_fold_matches_a_scaler_pipeline():
    pipeline = pytest.importorskip("sklearn.pipeline")
    preprocessing = pytest.importorskip("sklearn.preprocessing")
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 6)) * [1.0, 10.0, 100.0, 0.1, 1.0, 1.0] + [0, 5, -50, 0, 0, 0]
    X[:, 5] = 0.0                                                       # a constant column keeps scale 1
    X[:3, 4] = 1.0                                                      # a column that is constant in some folds
    X[3:, 4] = 0.0
    y = X[:, :4] @ [1.0, 0.1, 0.01, 5.0] + rng.normal(size=80)
    alphas = np.logspace(-2, 3, 11)
    choice = lr.choose_alpha_kfold(X, y, alphas, k=5, random_state=2, standardize=True)
    # by hand: lrcore.standardize on each fold's training rows, fit_ridge, MSE on the fold
    mse = np.empty((alphas.size, 5))
    for j, (train, val) in enumerate(lr.kfold_indices(80, 5, random_state=2)):
        Z, m, s = lr.standardize(X[train])
        Zv = lr.standardize(X[val], m, s)[0]
        for i, a in enumerate(alphas):
            w, b = lr.fit_ridge(Z, y[train], a)
            mse[i, j] = np.mean((Zv @ w + b - y[val]) ** 2)
    assert np.allclose(choice.fold_mse, mse, rtol=1e-9, atol=0)
    cv = model_selection.KFold(5, shuffle=True, random_state=2)
    pipe = pipeline.make_pipeline(preprocessing.StandardScaler(), sklearn_linear.Ridge())
    grid = model_selection.GridSearchCV(pipe, {"ridge__alpha": alphas}, cv=cv,
                                        scoring="neg_mean_squared_error").fit(X, y)
    assert np.allclose(choice.mean_mse, -grid.cv_results_["mean_test_score"], rtol=1e-9)
    # without it, the same call on pre-standardised data differs (the small leak) but is the default
    leaky = lr.choose_alpha_kfold(lr.standardize(X)[0], y, alphas, k=5, random_state=2)
    assert not np.allclose(leaky.fold_mse, choice.fold_mse, rtol=1e-9)


BAD = [
    ("k 1", lambda: lr.kfold_indices(10, 1), ValueError, "k"),
    ("n < k", lambda: lr.kfold_indices(3, 5), ValueError, "n"),
    ("k float", lambda: lr.kfold_indices(10, 2.5), TypeError, "k"),
    ("seed negative", lambda: lr.kfold_indices(10, 2, random_state=-1), ValueError, "random_state"),
    ("shuffle", lambda: lr.kfold_indices(10, 2, shuffle="yes"), TypeError, "shuffle"),
    ("alphas negative", lambda: lr.choose_alpha_kfold(np.ones((10, 1)), np.arange(10.0), [-1.0]), ValueError, "alphas"),
    ("alphas NaN", lambda: lr.choose_alpha_kfold(np.ones((10, 1)), np.arange(10.0), [np.nan]), ValueError, "alphas"),
    ("k too big", lambda: lr.choose_alpha_kfold(np.ones((10, 1)), np.arange(10.0), [1.0], k=11), ValueError, "k"),
    ("standardize", lambda: lr.choose_alpha_kfold(np.ones((10, 1)), np.arange(10.0), [1.0], standardize="yes"),
     TypeError, "standardize"),
    ("X y lengths", lambda: lr.choose_alpha_kfold(np.ones((10, 1)), np.arange(9.0), [1.0]), ValueError, "X has 10"),
]


@pytest.mark.parametrize(("label", "call", "exc", "text"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_names_the_argument(label, call, exc, text):
    with pytest.raises(exc, match=text):
        call()
