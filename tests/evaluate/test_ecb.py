import pytest

from clashwatch.evaluate.ecb import EcbDocument, bcubed, evaluate, pairwise, score_clusters
from clashwatch.paths import eval_data_dir

ECB = eval_data_dir() / "ecb-plus" / "ecbplus_docs_dev.jsonl"


def test_bcubed_and_pairwise_by_hand():
    # Gold {0,1,2} {3}; predicted {0,1} {2,3}.
    gold, predicted = ["a", "a", "a", "b"], [0, 0, 2, 2]
    score = bcubed(predicted, gold)
    assert score.precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert score.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, abs=1e-4)
    assert pairwise(predicted, gold).precision == 0.5  # pairs (0,1) right, (2,3) wrong


def test_hard_negatives_count_pairs_across_subtopics():
    documents = [EcbDocument(str(i), 1, sub, "") for i, sub in enumerate(["1_ecb", "1_ecb", "1_ecbplus"])]
    scores = score_clusters(documents, [0, 0, 0])
    assert scores.hard_negative_pairs == 2 and scores.hard_negatives_kept_apart == 0.0
    assert scores.topics_fully_separated == 0


@pytest.mark.slow
def test_linker_separates_ecb_events():
    if not ECB.exists():
        pytest.skip(f"ECB+ data not found at {ECB} (set CLASHWATCH_EVAL_DATA)")
    scores = evaluate(ECB, topics=6)
    assert scores.bcubed.f1 >= 0.8
    assert scores.hard_negatives_kept_apart >= 0.7
