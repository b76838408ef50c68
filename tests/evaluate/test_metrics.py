from __future__ import annotations

import pytest

from clashwatch.evaluate.metrics import accuracy, binary_prf, haversine_km, macro_f1, per_class, prf, weighted_f1


def test_prf_and_zero_division():
    score = prf(3, 1, 2)
    assert score.precision == pytest.approx(0.75) and score.recall == pytest.approx(0.6) and score.support == 5
    assert prf(0, 0, 0).f1 == 0.0


def test_macro_and_weighted_f1_differ_with_imbalance():
    gold = ["a", "a", "a", "b"]
    predicted = ["a", "a", "a", "a"]
    assert accuracy(gold, predicted) == 0.75
    assert per_class(gold, predicted)["b"].f1 == 0.0
    assert macro_f1(gold, predicted) == pytest.approx((6 / 7) / 2)
    assert weighted_f1(gold, predicted) == pytest.approx(0.75 * 6 / 7)


def test_binary_prf_and_length_check():
    assert binary_prf([True, False, True], [True, True, False]).f1 == pytest.approx(0.5)
    with pytest.raises(ValueError):
        accuracy([1, 2], [1])


def test_haversine_known_distance():
    # Paris to London is about 344 km
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=3)
