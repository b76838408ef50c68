"""ClashWatch: news reports about armed conflict in, a geocoded, source-attributed event dataset out."""

__version__ = "0.1.0"
