"""A token's sentence read from the per-Doc table is the one spaCy's ``token.sent`` gives, and a coded Doc still
serialises with the tables the coder keeps in it."""

from spacy.tokens import Doc

from clashwatch.nlp import fact_of_sentence_at, load_pipeline, parse_texts, sentence_fact, sentence_of, sentence_start, sentences

TEXT = (
    "YEREVAN, Armenia, Sept. 13 (UPI) -- Azerbaijani forces shelled three towns overnight. Two soldiers died. "
    "Baku said it had responded to provocations.\n\nThe talks resume on Friday."
)


def test_every_token_gets_the_sentence_spacy_gives_it() -> None:
    doc = next(parse_texts(load_pipeline(), [(TEXT, None)]))[0]
    assert len(list(doc.sents)) >= 4
    for token in doc:
        assert (sentence_of(doc, token.i).start, sentence_of(doc, token.i).end) == (token.sent.start, token.sent.end)
        assert sentence_start(doc, token.i) == token.sent.start
    assert [(sent.start, sent.end) for sent in sentences(doc)] == [(sent.start, sent.end) for sent in doc.sents]


def test_a_sentence_fact_is_read_once_whichever_way_it_is_asked_for() -> None:
    doc = next(parse_texts(load_pipeline(), [(TEXT, None)]))[0]
    reads = []

    def count_tokens(sentence) -> int:
        reads.append(sentence.start)
        return len(sentence)

    second = sentences(doc)[1]
    asked = [fact_of_sentence_at(doc, index, "tokens", count_tokens) for index in range(second.start, second.end)]
    assert asked == [len(second)] * len(second)
    assert sentence_fact(second, "tokens", count_tokens) == len(second)
    assert reads == [second.start]


def test_the_doc_still_serialises_after_coding_filled_its_tables() -> None:
    from clashwatch.extract import EventCoder
    from clashwatch.records import Article

    nlp = load_pipeline()
    doc = next(parse_texts(nlp, [(TEXT, None)]))[0]
    assert EventCoder(nlp=nlp).code_doc(Article(text=TEXT), doc)
    assert {"clashwatch_sentences", "clashwatch_facts"} <= doc.user_data.keys()
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [sent.text for sent in restored.sents] == [sent.text for sent in doc.sents]
