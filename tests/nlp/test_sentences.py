"""A token's sentence read from the per-Doc table is the one spaCy's ``token.sent`` gives, and a coded Doc still
serialises with the tables the coder keeps in it."""

from spacy.tokens import Doc

from clashwatch.nlp import load_pipeline, parse_texts, sentence_of, sentences

TEXT = (
    "YEREVAN, Armenia, Sept. 13 (UPI) -- Azerbaijani forces shelled three towns overnight. Two soldiers died. "
    "Baku said it had responded to provocations.\n\nThe talks resume on Friday."
)


def test_every_token_gets_the_sentence_spacy_gives_it() -> None:
    doc = next(parse_texts(load_pipeline(), [(TEXT, None)]))[0]
    assert len(list(doc.sents)) >= 4
    for token in doc:
        assert (sentence_of(doc, token.i).start, sentence_of(doc, token.i).end) == (token.sent.start, token.sent.end)
    assert [(sent.start, sent.end) for sent in sentences(doc)] == [(sent.start, sent.end) for sent in doc.sents]


def test_the_doc_still_serialises_after_coding_filled_its_tables() -> None:
    from clashwatch.extract import EventCoder
    from clashwatch.records import Article

    nlp = load_pipeline()
    doc = next(parse_texts(nlp, [(TEXT, None)]))[0]
    assert EventCoder(nlp=nlp).code_doc(Article(text=TEXT), doc)
    assert {"clashwatch_sentences", "clashwatch_sentence_facts"} <= doc.user_data.keys()
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [sent.text for sent in restored.sents] == [sent.text for sent in doc.sents]
