"""BERT-family encoders: BERT, RoBERTa and their relatives share BertSelfAttention's layout."""

from qkatlas.capture.adapters.base import Adapter


class BertAdapter(Adapter):
    family = "bert"
    model_types = ("bert", "roberta", "xlm-roberta", "camembert", "electra")
    kind = "text-encoder"
    records = "q.k only (bidirectional, padding masked)"
