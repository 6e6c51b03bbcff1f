import numpy as np
import pytest

import lrcore as lr


def test_houses_are_the_real_king_county_sales():
    X, y = lr.load_houses()
    assert X.shape == (21613, 3) and y.shape == (21613,)
    assert y.min() == 75_000 and y.max() == 7_700_000 and np.median(y) == 450_000
    living, above, basement = lr.load_houses(("sqft_living", "sqft_above", "sqft_basement"))[0].T
    assert np.array_equal(living, above + basement)


def test_load_houses_returns_a_private_copy():
    X, _ = lr.load_houses()
    X[0, 0] = -1
    assert lr.load_houses()[0][0, 0] != -1


def test_nist_problems_have_their_certified_shapes():
    assert len(lr.nist_names()) == 11
    for name in lr.nist_names():
        X, y, cert = lr.load_nist(name)
        assert X.shape[0] == y.shape[0]
        assert cert["beta"].size == X.shape[1] + int(cert["intercept"])
    X, _, cert = lr.load_nist("filip")
    assert X.shape == (82, 10) and np.allclose(X[:, 1], X[:, 0] ** 2)


def test_make_line_data_is_reproducible_and_exact_without_noise():
    x, y = lr.make_line_data(n=10, slope=3, intercept=-1, noise=0)
    assert np.allclose(y, 3 * x - 1)
    assert np.array_equal(lr.make_line_data(seed=4)[1], lr.make_line_data(seed=4)[1])


def test_train_test_split_partitions_the_rows():
    x = np.arange(20.0)
    y = 10 * x
    x_tr, x_te, y_tr, y_te = lr.train_test_split(x, y, test_size=0.25, seed=3)
    assert x_te.size == 5 and x_tr.size == 15 and x_tr.ndim == 1
    assert sorted(np.concatenate([x_tr, x_te])) == list(x)
    assert np.array_equal(y_tr, 10 * x_tr)
    # both sides get a row even at the extremes
    assert [a.size for a in lr.train_test_split([1.0, 2.0], [1.0, 2.0], test_size=0.01)[:2]] == [1, 1]


def test_standardize_and_reuse_on_test_data():
    X = np.array([[1.0, 0.1], [3.0, 0.1], [5.0, 0.1]])  # 0.1 is not exact in binary: still constant
    Z, mean, scale = lr.standardize(X)
    assert np.allclose(Z.mean(axis=0), 0) and np.allclose(Z[:, 0].std(), 1)
    assert np.allclose(Z[:, 1], 0) and scale[1] == 1.0  # constant column: centred only
    Z2, _, _ = lr.standardize([[3.0, 0.1]], mean, scale)
    assert np.allclose(Z2, [[0.0, 0.0]])


def test_add_intercept():
    assert np.array_equal(lr.add_intercept([1.0, 2.0]), [[1.0, 1.0], [2.0, 1.0]])


def test_data_files_ship_inside_the_package():
    from importlib import resources

    folder = resources.files("lrcore.data")
    assert folder.joinpath("kc_house_data.csv").is_file()
    assert folder.joinpath("DATA.md").read_text().count("licence") >= 1
    assert len([p for p in folder.joinpath("nist_strd").iterdir() if p.name.endswith(".csv")]) == 11


@pytest.mark.parametrize("name", ["kc", "", "wampler6"])
def test_unknown_nist_name(name):
    with pytest.raises(ValueError, match="name must be one of"):
        lr.load_nist(name)
