"""DistilBERT: a BERT encoder whose projections are named q_lin / k_lin / v_lin."""

from qkatlas.capture.adapters.base import Adapter


class DistilBertAdapter(Adapter):
    family = "distilbert"
    model_types = ("distilbert",)
    kind = "text-encoder"
    records = "q.k only (bidirectional, padding masked)"
    projection_names = (("q_lin", "k_lin", "v_lin"),)
